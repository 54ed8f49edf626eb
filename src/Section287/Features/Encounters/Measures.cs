using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Encounters;

public sealed record DetainerMeasures(int Requested, int Issued, int Declined, int Withdrawn, int Pending, int Returns, int Reviewed,
    double? MedianHoursToReview, double? MeanHoursToReview);

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
/// decline). A hold past 48 hours is an encounter flagged for overdetention (the target is zero). A claim was reported within
/// the hour when its report came at most one hour after the claim. Late records are entered more than 24 hours after the event.
/// </remarks>
public sealed class Measures(AppDbContext db)
{
    public async Task<Result<UseOfAuthorityMeasures>> UseOfAuthorityAsync(Actor actor, string? level, string? subject, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        var lvl = (level ?? "nation").Trim().ToLowerInvariant();
        var (start, end) = (from ?? new DateOnly(2000, 1, 1), to ?? new DateOnly(2100, 1, 1));
        if (end < start)
            return Error.Invalid("measures.period_invalid", "The period ends before it starts.",
                new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        IQueryable<Encounter> encounters = db.Encounters.AsNoTracking();
        switch (lvl)
        {
            case "nation":
                break;
            case "area":
                if (string.IsNullOrWhiteSpace(subject)) return SubjectRequired("an ICE area code, such as ATL");
                var aor = subject.Trim().ToUpperInvariant();
                encounters = encounters.Where(e => db.Agencies.Any(a => a.Id == e.AgencyId && a.AorCode == aor));
                break;
            case "agency":
                if (!Guid.TryParse(subject, out var agencyId)) return SubjectRequired("the agency's id");
                if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
                encounters = encounters.Where(e => e.AgencyId == agencyId);
                break;
            case "agreement":
                if (!Guid.TryParse(subject, out var agreementId)) return SubjectRequired("the agreement's id");
                if (!await db.Agreements.AnyAsync(a => a.Id == agreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId),
                    ct)) return AgreementErrors.NotFound;
                encounters = encounters.Where(e => e.AgreementId == agreementId);
                break;
            default:
                return Error.Invalid("measures.level_invalid", "Choose the level.",
                    new Dictionary<string, string[]> { ["level"] = ["Choose nation, area, agency or agreement."] });
        }
        // Scope first (another agency's answers 404), then the role.
        if (actor.Role == Role.DesignatedOfficer) return AccessRules.MeasuresNotPermitted;
        var (startUtc, endUtc) = (Clock.StartOfDayUtc(start), Clock.StartOfDayUtc(end.AddDays(1)));
        encounters = encounters.Where(e => e.OccurredAt >= startUtc && e.OccurredAt < endUtc);

        var total = await encounters.CountAsync(ct);
        var byModel = (await encounters.GroupBy(e => e.Model).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key.Code(), x => x.Count);
        foreach (var m in AgreementModels.All) byModel.TryAdd(m.Code(), 0);
        var withBasis = await encounters.CountAsync(e =>
            (e.BasisKind == BasisKind.Booking && e.BookingNumber != null && e.Charges != null)
            || (e.BasisKind == BasisKind.StopOrArrest && e.Offense != null)
            || (e.BasisKind == BasisKind.Warrant && e.WarrantNumber != null), ct);

        var detainers = db.Detainers.AsNoTracking().Where(d => encounters.Any(e => e.Id == d.EncounterId));
        var requested = await detainers.CountAsync(ct);
        var issued = await detainers.CountAsync(d => d.IssuedAt != null, ct);
        var withdrawn = await detainers.CountAsync(d => d.Status == DetainerStatus.Withdrawn, ct);
        var declined = await detainers.CountAsync(d => d.Status == DetainerStatus.Declined, ct);
        var pending = await detainers.CountAsync(d => d.Status == DetainerStatus.Requested || d.Status == DetainerStatus.Returned, ct);
        var returns = await detainers.SumAsync(d => (int?)d.Returns, ct) ?? 0;
        var decisions = new[] { "detainer.issued", "detainer.returned", "detainer.declined" };
        var reviewTimes = (await detainers
                .Select(d => new
                {
                    d.RequestedAt,
                    First = db.EncounterEvents.Where(x => x.EncounterId == d.EncounterId && decisions.Contains(x.Kind)
                        && x.At >= d.RequestedAt).Min(x => (DateTime?)x.At),
                })
                .Where(x => x.First != null).ToListAsync(ct))
            .Select(x => (x.First!.Value - x.RequestedAt).TotalHours).Order().ToList();

        var holdsPast48 = await encounters.CountAsync(e => e.OverdetentionAt != null, ct);
        var claims = db.CitizenshipClaims.AsNoTracking().Where(c => encounters.Any(e => e.Id == c.EncounterId));
        var claimList = await claims.Select(c => new { c.ClaimedAt, c.ReportedAt, c.Outcome, c.ResolvedAt }).ToListAsync(ct);
        var late = await encounters.CountAsync(e => e.LateReason != null, ct);
        var lateActions = await db.EncounterEvents.AsNoTracking().CountAsync(x => encounters.Any(e => e.Id == x.EncounterId) && x.Kind != "opened"
            && x.LateReason != null, ct);
        var corrected = await encounters.CountAsync(e => e.Corrections > 0, ct);

        return new UseOfAuthorityMeasures(lvl, subject?.Trim(), start, end, total, byModel, withBasis,
            total == 0 ? null : Math.Round(100m * withBasis / total, 1),
            new DetainerMeasures(requested, issued, declined, withdrawn, pending, returns, reviewTimes.Count,
                reviewTimes.Count == 0 ? null : Math.Round(Median(reviewTimes), 2), reviewTimes.Count == 0 ? null : Math.Round(reviewTimes.Average(), 2)),
            holdsPast48,
            new ClaimMeasures(claimList.Count, claimList.Count(c => c.Outcome == ClaimOutcome.UsCitizen),
                claimList.Count(c => c.Outcome == ClaimOutcome.NotUsCitizen),
                claimList.Count(c => c.ResolvedAt == null), claimList.Count(c => c.ReportedAt is { } r && r - c.ClaimedAt <= TimeSpan.FromHours(1))),
            late, lateActions, corrected);
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static Error SubjectRequired(string what) =>
        Error.Invalid("measures.subject_required", $"Give {what}.", new Dictionary<string, string[]> { ["subject"] = [$"Give {what}."] });
}
