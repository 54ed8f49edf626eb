using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Encounters;

public sealed record DetainerMeasures(int Requested, int Issued, int Declined, int Withdrawn, int Pending, int Returns, int Reviewed,
    int ReviewedWithin24Hours, double? MeanHoursToReview);

public sealed record ClaimMeasures(int Claims, int UsCitizen, int NotUsCitizen, int Open, int ReportedWithinHour);

public sealed record UseOfAuthorityMeasures(
    string Level, string? Subject, DateOnly From, DateOnly To,
    int Encounters, IReadOnlyDictionary<string, int> EncountersByModel, int WithLawfulBasis, decimal? ShareWithLawfulBasis,
    DetainerMeasures Detainers, int HoldsPast48Hours, ClaimMeasures CitizenshipClaims, int LateEncounters, int LateActions, int CorrectedEncounters);

/// <summary>
/// The measures the program never had, for one agreement, an agency, an ICE area or the nation, over the encounters that
/// happened in a period (calendar days at ICE headquarters, both ends included), within what the user may see.
/// </summary>
/// <remarks>
/// Definitions, so the numbers can be checked: an encounter has a recorded lawful basis when its basis carries the facts its
/// model requires (booking number and charges; offense; warrant number). Detainers are those requested on the period's
/// encounters: issued (an ICE supervisor approved), declined by ICE, withdrawn (the encounter ended before review), pending;
/// returns count each return with questions. Time to review runs from the request to the first decision (return, approval or
/// decline): the figures are how many were reviewed, how many of those within 24 hours, and the mean time. (Until issue 17
/// the median was shown; a median cannot be summed from daily counts, so it gave way to the share within 24 hours, which
/// can, and which is what ICE's review commitment is about.) A hold past 48 hours is an encounter flagged for overdetention (the target is zero). A claim was reported within
/// the hour when its report came at most one hour after the claim. Late records are entered more than 24 hours after the event.
/// A period is whole days, so every figure is a sum of the daily counts that <see cref="MeasureRollup"/> keeps equal to the
/// records in each unit of work: a read never scans encounters.
/// </remarks>
public sealed class Measures(ReadDb read)
{
    /// <summary>Reads only: on the replica when there is one (Data/ReadReplica.cs).</summary>
    private readonly AppDbContext db = read.Context;

    public async Task<Result<UseOfAuthorityMeasures>> UseOfAuthorityAsync(Actor actor, string? level, string? subject, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        var lvl = (level ?? "nation").Trim().ToLowerInvariant();
        var (start, end) = (from ?? new DateOnly(2000, 1, 1), to ?? new DateOnly(2100, 1, 1));
        if (end < start)
            return Error.Invalid("measures.period_invalid", "The period ends before it starts.",
                new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        IQueryable<MeasureCounts> rows;
        var (first, last) = (start, end);
        switch (lvl)
        {
            case "nation":
                rows = db.NationMeasureDays.AsNoTracking().Where(r => r.Day >= first && r.Day <= last);
                break;
            case "area":
                if (string.IsNullOrWhiteSpace(subject)) return SubjectRequired("an ICE area code, such as ATL");
                var aor = subject.Trim().ToUpperInvariant();
                // The area's agencies by id, so each agency's days are read through (AgencyId, Day) — not every day of the nation.
                var inArea = await db.Agencies.AsNoTracking().Where(a => a.AorCode == aor).Select(a => a.Id).ToListAsync(ct);
                rows = db.AgreementMeasureDays.AsNoTracking().Where(r => inArea.Contains(r.AgencyId) && r.Day >= first && r.Day <= last);
                break;
            case "agency":
                if (!Guid.TryParse(subject, out var agencyId)) return SubjectRequired("the agency's id");
                if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
                rows = db.AgreementMeasureDays.AsNoTracking().Where(r => r.AgencyId == agencyId && r.Day >= first && r.Day <= last);
                break;
            case "agreement":
                if (!Guid.TryParse(subject, out var agreementId)) return SubjectRequired("the agreement's id");
                if (!await db.Agreements.AnyAsync(a => a.Id == agreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId),
                    ct)) return AgreementErrors.NotFound;
                rows = db.AgreementMeasureDays.AsNoTracking().Where(r => r.AgreementId == agreementId && r.Day >= first && r.Day <= last);
                break;
            default:
                return Error.Invalid("measures.level_invalid", "Choose the level.",
                    new Dictionary<string, string[]> { ["level"] = ["Choose nation, area, agency or agreement."] });
        }
        // Scope first (another agency's answers 404), then the role.
        if (actor.Role == Role.DesignatedOfficer) return AccessRules.MeasuresNotPermitted;

        // The daily counts (kept equal to the records in each unit of work, MeasureRollup), summed per model in the database.
        var perModel = await rows.GroupBy(r => r.Model).Select(g => new Sum
        {
            Model = g.Key, Encounters = g.Sum(r => r.Encounters), WithLawfulBasis = g.Sum(r => r.WithLawfulBasis),
            HoldsPast48Hours = g.Sum(r => r.HoldsPast48Hours), LateEncounters = g.Sum(r => r.LateEncounters), LateActions = g.Sum(r => r.LateActions),
            CorrectedEncounters = g.Sum(r => r.CorrectedEncounters), DetainersRequested = g.Sum(r => r.DetainersRequested),
            DetainersIssued = g.Sum(r => r.DetainersIssued), DetainersDeclined = g.Sum(r => r.DetainersDeclined),
            DetainersWithdrawn = g.Sum(r => r.DetainersWithdrawn), DetainersPending = g.Sum(r => r.DetainersPending),
            DetainerReturns = g.Sum(r => r.DetainerReturns), DetainersReviewed = g.Sum(r => r.DetainersReviewed),
            DetainersReviewedWithin24Hours = g.Sum(r => r.DetainersReviewedWithin24Hours), ReviewMilliseconds = g.Sum(r => r.ReviewMilliseconds),
            Claims = g.Sum(r => r.Claims), ClaimsUsCitizen = g.Sum(r => r.ClaimsUsCitizen), ClaimsNotUsCitizen = g.Sum(r => r.ClaimsNotUsCitizen),
            ClaimsOpen = g.Sum(r => r.ClaimsOpen), ClaimsReportedWithinHour = g.Sum(r => r.ClaimsReportedWithinHour),
        }).ToListAsync(ct);
        var t = new Sum();
        foreach (var m in perModel) t.Add(m);
        var byModel = perModel.ToDictionary(m => m.Model.Code(), m => m.Encounters);
        foreach (var m in AgreementModels.All) byModel.TryAdd(m.Code(), 0);

        return new UseOfAuthorityMeasures(lvl, subject?.Trim(), start, end, t.Encounters, byModel, t.WithLawfulBasis,
            t.Encounters == 0 ? null : Math.Round(100m * t.WithLawfulBasis / t.Encounters, 1),
            new DetainerMeasures(t.DetainersRequested, t.DetainersIssued, t.DetainersDeclined, t.DetainersWithdrawn, t.DetainersPending,
                t.DetainerReturns, t.DetainersReviewed, t.DetainersReviewedWithin24Hours,
                t.DetainersReviewed == 0 ? null : Math.Round(t.ReviewMilliseconds / 3_600_000d / t.DetainersReviewed, 2)),
            t.HoldsPast48Hours,
            new ClaimMeasures(t.Claims, t.ClaimsUsCitizen, t.ClaimsNotUsCitizen, t.ClaimsOpen, t.ClaimsReportedWithinHour),
            t.LateEncounters, t.LateActions, t.CorrectedEncounters);
    }

    /// <summary>A sum of daily rows (not mapped).</summary>
    private sealed class Sum : MeasureCounts;

    private static Error SubjectRequired(string what) =>
        Error.Invalid("measures.subject_required", $"Give {what}.", new Dictionary<string, string[]> { ["subject"] = [$"Give {what}."] });
}
