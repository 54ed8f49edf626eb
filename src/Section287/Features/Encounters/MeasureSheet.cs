using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Complaints;

namespace Section287.Features.Encounters;

/// <summary>One subject the measures are read for: the nation, an ICE area, an agency or an agreement, with the name a person knows it by.</summary>
public sealed record MeasureSubject(string Level, string? Subject, string Name)
{
    /// <summary>How a subject travels in an address or a select: "nation", "area:ATL", "agency:{id}", "agreement:{id}".</summary>
    public string Key => Level == "nation" ? "nation" : $"{Level}:{Subject}";

    public static (string Level, string? Subject) Parse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key == "nation") return ("nation", null);
        var i = key.IndexOf(':');
        return i < 0 ? (key.Trim(), null) : (key[..i].Trim().ToLowerInvariant(), key[(i + 1)..].Trim());
    }
}

/// <summary>A row of the sheet: one labelled figure, its definition, and its value for each subject compared.</summary>
public sealed record MeasureRow(string Key, string Group, string Label, string Definition, IReadOnlyList<object?> Values);

/// <summary>
/// The measures page's table: one figure per row with its definition, a column per subject (side by side when several are
/// compared). The CSV and XLSX downloads are this same table, so they hold exactly what the page shows.
/// </summary>
public sealed record MeasureSheet(DateOnly From, DateOnly To, IReadOnlyList<MeasureSubject> Subjects, IReadOnlyList<MeasureRow> Rows)
{
    private sealed record Figure(string Key, string Group, string Label, string Definition, Func<UseOfAuthorityMeasures, OversightFigures?, object?> Value);

    private static readonly Figure[] Figures =
    [
        new("encounters", "Use of authority", "Encounters", "Encounters that happened in the period, under every model.", (m, _) => m.Encounters),
        .. AgreementModels.All.Select(model => new Figure($"encounters_{model.Code().ToLowerInvariant()}", "Use of authority",
            $"Encounters under the {model.IceName()}", $"Encounters in the period recorded under a {model.IceName()} agreement.",
            (m, _) => m.EncountersByModel.GetValueOrDefault(model.Code()))),
        new("with_lawful_basis", "Use of authority", "With a recorded lawful basis",
            "Encounters whose basis carries the facts its model requires: booking number and charges; offense; warrant number.", (m, _) => m.WithLawfulBasis),
        new("share_with_lawful_basis", "Use of authority", "Share with a recorded lawful basis (%)",
            "Encounters with a recorded lawful basis, as a percentage of all encounters.", (m, _) => m.ShareWithLawfulBasis),
        new("detainers_requested", "Detainers", "Detainers requested", "Detainer requests on the period's encounters.", (m, _) => m.Detainers.Requested),
        new("detainers_issued", "Detainers", "Detainers issued", "Requests an ICE supervisor approved and issued.", (m, _) => m.Detainers.Issued),
        new("detainers_declined", "Detainers", "Detainers declined", "Requests ICE declined.", (m, _) => m.Detainers.Declined),
        new("detainers_withdrawn", "Detainers", "Detainers withdrawn", "Requests that ended before review because the encounter ended.", (m, _) => m.Detainers.Withdrawn),
        new("detainers_pending", "Detainers", "Detainers pending", "Requests not yet decided.", (m, _) => m.Detainers.Pending),
        new("detainer_returns", "Detainers", "Returns with questions", "Each time ICE sent a request back to the officer with questions.", (m, _) => m.Detainers.Returns),
        new("detainers_reviewed", "Detainers", "Requests reviewed", "Requests with a first decision (return, approval or decline).", (m, _) => m.Detainers.Reviewed),
        new("detainers_reviewed_24h", "Detainers", "Reviewed within 24 hours", "Reviewed requests whose first decision came at most 24 hours after the request.",
            (m, _) => m.Detainers.ReviewedWithin24Hours),
        new("detainer_mean_review_hours", "Detainers", "Mean time to review (hours)", "From the request to the first decision, averaged over reviewed requests.",
            (m, _) => m.Detainers.MeanHoursToReview is { } h ? Math.Round(h, 2) : null),
        new("holds_past_48h", "Custody", "Holds past 48 hours (target: zero)",
            "Encounters where a person was held on a detainer more than 48 hours past the scheduled release.", (m, _) => m.HoldsPast48Hours),
        new("claims", "Citizenship claims", "Claims of U.S. citizenship", "Claims made or suspected on the period's encounters.", (m, _) => m.CitizenshipClaims.Claims),
        new("claims_us_citizen", "Citizenship claims", "Found to be U.S. citizens", "Claims resolved: the person is a U.S. citizen.", (m, _) => m.CitizenshipClaims.UsCitizen),
        new("claims_not_us_citizen", "Citizenship claims", "Found not to be U.S. citizens", "Claims resolved: the person is not a U.S. citizen.",
            (m, _) => m.CitizenshipClaims.NotUsCitizen),
        new("claims_open", "Citizenship claims", "Claims still open", "Claims not yet resolved by ICE.", (m, _) => m.CitizenshipClaims.Open),
        new("claims_reported_1h", "Citizenship claims", "Claims reported within the hour", "Claims reported to an ICE supervisor at most one hour after they were made.",
            (m, _) => m.CitizenshipClaims.ReportedWithinHour),
        new("late_encounters", "Record keeping", "Encounters entered late", "Encounters entered more than 24 hours after they happened.", (m, _) => m.LateEncounters),
        new("late_actions", "Record keeping", "Actions entered late", "Actions entered more than 24 hours after they happened.", (m, _) => m.LateActions),
        new("corrected_encounters", "Record keeping", "Encounters corrected", "Encounters with at least one correction (every version is kept).", (m, _) => m.CorrectedEncounters),
        new("complaints", "Oversight", "Complaints received", "Complaints received in the period.", (_, o) => o?.Complaints),
        new("complaints_per_1000", "Oversight", "Complaints per 1,000 encounters", "Complaints received over the encounters of the same scope and period.",
            (_, o) => o?.ComplaintsPer1000Encounters is { } r ? Math.Round(r, 2) : null),
        new("findings_sustained", "Oversight", "Allegations sustained", "Allegations of the period's complaints found sustained.", (_, o) => o?.FindingsByOutcome.GetValueOrDefault("sustained")),
        new("findings_not_sustained", "Oversight", "Allegations not sustained", "Allegations found not sustained.", (_, o) => o?.FindingsByOutcome.GetValueOrDefault("not_sustained")),
        new("findings_exonerated", "Oversight", "Allegations exonerated", "Allegations where the conduct happened and was lawful.", (_, o) => o?.FindingsByOutcome.GetValueOrDefault("exonerated")),
        new("findings_unfounded", "Oversight", "Allegations unfounded", "Allegations where the conduct did not happen.", (_, o) => o?.FindingsByOutcome.GetValueOrDefault("unfounded")),
        new("allegations_open", "Oversight", "Allegations still open", "Allegations of the period's complaints without a finding.", (_, o) => o?.AllegationsOpen),
        new("notices_on_time", "Oversight", "Notices to ICE on time", "Complaints the agency told ICE about within the agreement's time.", (_, o) => o?.NoticesOnTime),
        new("notices_due", "Oversight", "Notices to ICE due", "Complaints the agency had to tell ICE about.", (_, o) => o?.NoticesDue),
        new("median_hours_to_notify", "Oversight", "Time to notify ICE (median hours)", "From receipt to the notice to ICE, the median over notices given.",
            (_, o) => o?.MedianHoursToNotify is { } h ? Math.Round(h, 2) : null),
        new("median_days_to_resolve", "Oversight", "Time to resolve (median days)", "From receipt to the last finding, the median over resolved complaints.",
            (_, o) => o?.MedianDaysToResolve is { } d ? Math.Round(d, 1) : null),
        new("inspection_findings_open", "Oversight", "Inspection findings open", "Findings of inspections not yet corrected, as of today.", (_, o) => o?.InspectionFindingsOpen),
        new("corrective_actions_overdue", "Oversight", "Corrective actions overdue", "Corrective actions past their due date, as of today.", (_, o) => o?.CorrectiveActionsOverdue),
        new("alerts_raised", "Oversight", "Early-intervention alerts raised", "Alerts raised in the period.", (_, o) => o?.AlertsRaised),
        new("alerts_open", "Oversight", "Early-intervention alerts open", "Alerts not yet closed, as of today.", (_, o) => o?.AlertsOpen),
    ];

    /// <summary>The sheet for the given subjects' measures (each with its oversight figures, or null where the reader has none).</summary>
    public static MeasureSheet Of(DateOnly from, DateOnly to, IReadOnlyList<(MeasureSubject Subject, UseOfAuthorityMeasures Use, OversightFigures? Oversight)> columns)
    {
        var withOversight = columns.Any(c => c.Oversight is not null);
        var rows = Figures.Where(f => withOversight || f.Group != "Oversight")
            .Select(f => new MeasureRow(f.Key, f.Group, f.Label, f.Definition, columns.Select(c => f.Value(c.Use, c.Oversight)).ToList())).ToList();
        return new MeasureSheet(from, to, columns.Select(c => c.Subject).ToList(), rows);
    }

    /// <summary>The table the downloads carry: a row per figure, its definition, a column per subject.</summary>
    public TableFile ToTable() => new(
        ["figure", "group", "label", "definition", .. Subjects.Select(s => s.Name)],
        Rows.Select(r => (IReadOnlyList<object?>)[r.Key, r.Group, r.Label, r.Definition, .. r.Values]));

    public string FileName(string extension) => $"measures-{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}.{extension}";
}

/// <summary>The subjects a reader may pick by name: the nation, the ICE areas, the agencies and the agreements within their scope.</summary>
public sealed class MeasureSubjects(AppDbContext db)
{
    /// <summary>Those of <paramref name="all"/> whose name holds every word of <paramref name="find"/> (all of them when it is empty).</summary>
    public static IReadOnlyList<MeasureSubject> Matching(IReadOnlyList<MeasureSubject> all, string? find)
    {
        if (string.IsNullOrWhiteSpace(find)) return all;
        var words = find.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return all.Where(s => words.All(w => s.Name.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList();
    }

    public async Task<IReadOnlyList<MeasureSubject>> ForAsync(Actor actor, CancellationToken ct)
    {
        var list = new List<MeasureSubject>();
        // Names in the reader's language, so that the picker's search finds what the page shows.
        if (actor.AgencyId is null) list.Add(new("nation", null, Common.Texts.S("The nation")));
        var agencies = await db.AgenciesInScope.AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.State, a.AorCode }).ToListAsync(ct);
        var offices = Data.Reference.ReferenceData.Bundled.FieldOffices;
        if (actor.AgencyId is null)
        {
            foreach (var aor in agencies.Select(a => a.AorCode).Where(c => c is not null).Distinct().Order(StringComparer.Ordinal))
                list.Add(new("area", aor, Common.Texts.S("ICE area: {0} ({1})", offices.GetValueOrDefault(aor!, aor!), aor)));
        }
        list.AddRange(agencies.Select(a => new MeasureSubject("agency", a.Id.ToString(), $"{a.Name}, {a.State}")));
        var ids = agencies.Select(a => a.Id).ToList();
        var names = agencies.ToDictionary(a => a.Id, a => a.Name);
        var agreements = await db.Agreements.AsNoTracking().Where(a => ids.Contains(a.AgencyId)).Select(a => new { a.Id, a.AgencyId, a.Model, a.SignedOn })
            .ToListAsync(ct);
        list.AddRange(agreements.OrderBy(a => names[a.AgencyId], StringComparer.Ordinal).ThenBy(a => a.Model)
            .Select(a => new MeasureSubject("agreement", a.Id.ToString(), a.SignedOn is { } s ? Common.Texts.S("{0}: {1} agreement of {2:yyyy-MM-dd}", names[a.AgencyId], Common.Texts.S(a.Model.IceName()), s)
                : Common.Texts.S("{0}: {1} agreement", names[a.AgencyId], Common.Texts.S(a.Model.IceName())))));
        return list;
    }
}
