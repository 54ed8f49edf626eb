using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Complaints;
using Section287.Features.Deadlines;
using Section287.Features.Officers;
using static Section287.Features.Encounters.RuleBook;

namespace Section287.Features.Inspections;

/// <summary>One generated line: what is checked, where it comes from, what the records show, and the result they suggest.</summary>
public sealed record ChecklistItem(string Code, string Title, string Source, string Evidence, ItemResult? Suggested);

/// <summary>
/// The checklist of an inspection, generated from the agreement's obligations (per model) and the product's own records for the
/// period: training current, supervisor contacts, detainer, citizenship and custody timelines, complaint notices, posters, the
/// interpreter list, and records kept on time. Each line's evidence is counted from the deadlines and records the product keeps; a
/// suggestion is only that: the inspector answers every line.
/// </summary>
public static class Checklist
{
    public static async Task<IReadOnlyList<ChecklistItem>> BuildAsync(AppDbContext db, AuthorityFactsLoader authority, Inspection i, DateTime now,
        CancellationToken ct)
    {
        var from = Clock.StartOfDayUtc(i.PeriodFrom!.Value);
        var to = Clock.StartOfDayUtc(i.PeriodTo!.Value.AddDays(1));
        var items = new List<ChecklistItem>();

        // Training: each officer authorized under the agreement, answered now by the authority rules.
        var officerIds = await db.Authorizations.AsNoTracking().Where(a => a.AgreementId == i.AgreementId).Select(a => a.OfficerId).Distinct().ToListAsync(ct);
        var facts = await authority.LoadAsync(officerIds, i.AgreementId, ct);
        var answers = facts.Where(f => !f.Officer.IsSeparated(now)).Select(f => AuthorityRules.Evaluate(f, now)).ToList();
        var lapsed = answers.Count(a => a.Reasons.Any(r => r.Code is "authority.not_certified" or "authority.refresher_overdue"));
        items.Add(new("training_current", "Designated officers' training is current",
            "MOA (each model), training and certification: officers act only while certified, and complete the training ICE requires",
            $"{answers.Count} officers authorized and not separated; {lapsed} with training lapsed or missing.", lapsed == 0 ? ItemResult.Met : ItemResult.NotMet));

        async Task<(int Due, int Late)> Deadlines(IEnumerable<DeadlineRule> rules)
        {
            var codes = rules.Select(r => r.Code).ToList();
            var due = await db.Deadlines.AsNoTracking().Where(d => d.AgencyId == i.AgencyId && codes.Contains(d.Rule) && d.DueAt >= from && d.DueAt < to
                && d.Status != DeadlineStatus.Cancelled).Select(d => new { d.Status, d.DueAt }).ToListAsync(ct);
            return (due.Count, due.Count(d => d.Status == DeadlineStatus.Missed || (d.Status == DeadlineStatus.Open && d.DueAt < now)));
        }
        ChecklistItem Timed(string code, string title, string source, (int Due, int Late) counted, string what) => new(code, title, source,
            counted.Due == 0 ? $"No {what} fell due in the period." : $"{counted.Due} {what} fell due in the period; {counted.Late} late or missed.",
            counted.Due == 0 ? ItemResult.NotApplicable : counted.Late == 0 ? ItemResult.Met : ItemResult.NotMet);

        items.Add(Timed("supervisor_contacts", "ICE supervision of each use of authority", SupervisorContact.Source,
            await Deadlines([DeadlineRules.EncounterSupervisorContact, DeadlineRules.EncounterWarrantServiceNotice, DeadlineRules.EncounterSameDayToIce]),
            "supervisor contacts and notices"));
        items.Add(Timed("detainer_timelines", "Detainers and charging documents reviewed and sent on time", ReviewDeadline.Source,
            await Deadlines([DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit, DeadlineRules.DocumentReview]), "reviews and transmittals"));
        items.Add(Timed("citizenship_timelines", "Claims of U.S. citizenship reported and resolved on time", ClaimReport.Source,
            await Deadlines([DeadlineRules.CitizenshipReport, DeadlineRules.CitizenshipResolution]), "claim reports and resolutions"));
        var incidents = await db.Incidents.AsNoTracking().CountAsync(x => x.AgencyId == i.AgencyId && x.OccurredAt >= from && x.OccurredAt < to, ct);
        var holds = await Deadlines([DeadlineRules.CustodyHoldLimit, DeadlineRules.CustodyAfterTransfer]);
        items.Add(new("holds_within_limits", "Holds within their limits (no one held past 48 hours)", HoldLimit.Source,
            $"{holds.Due} holds ended or fell due in the period; {holds.Late} past the limit; {incidents} critical incidents raised.",
            holds.Late == 0 && incidents == 0 ? ItemResult.Met : ItemResult.NotMet));
        items.Add(Timed("complaint_notices", "Complaints told to ICE, resolved and reported on time", ComplaintRules.NoticeDue.Source,
            await Deadlines(ComplaintRules.Deadlines), "complaint notices, resolutions and reports"));

        var posters = await db.PosterAttestations.AsNoTracking().Where(p => p.AgencyId == i.AgencyId).OrderByDescending(p => p.AttestedAt).ToListAsync(ct);
        var recent = posters.Where(p => p.AttestedAt >= now.AddMonths(-12)).ToList();
        items.Add(new("posters", "Complaint-process posters displayed in processing areas", InspectionRules.PosterLanguages.Source,
            recent.Count == 0 ? "No attestation by the agency in the last 12 months: check on site."
                : $"Attested by the agency: {string.Join("; ", recent.GroupBy(p => p.Facility).Select(g => $"{g.Key} ({string.Join(", ", g.First().LanguageList)}, {g.First().AttestedAt:yyyy-MM-dd})"))}. Check on site.",
            recent.Count == 0 ? ItemResult.NotMet : null));

        if (i.Model != AgreementModel.TaskForce)
        {
            var interpreters = await db.AgencyInterpreters.AsNoTracking().CountAsync(x => x.AgencyId == i.AgencyId && x.RemovedAt == null, ct);
            items.Add(new("interpreter_list", "A list of qualified interpreters is kept", Agencies.AgencyInterpreter.Source,
                $"{interpreters} qualified interpreters on the agency's list.", interpreters > 0 ? ItemResult.Met : ItemResult.NotMet));
        }

        var encounters = await db.Encounters.AsNoTracking().Where(e => e.AgreementId == i.AgreementId && e.OccurredAt >= from && e.OccurredAt < to)
            .Select(e => new { e.Id, Late = e.LateReason != null }).ToListAsync(ct);
        var everything = await Deadlines(DeadlineRules.All.Where(r => r.Code.StartsWith("encounter.", StringComparison.Ordinal)
            || r.Code.StartsWith("custody.", StringComparison.Ordinal) || r.Code.StartsWith("detainer.", StringComparison.Ordinal)));
        items.Add(new("records_complete", "Every use of authority recorded, and on time", "MOA (each model), reporting and documentation; Section287 records each encounter with its basis",
            $"{encounters.Count} encounters recorded in the period, {encounters.Count(e => e.Late)} entered late with a reason; {everything.Late} of {everything.Due} use-of-authority deadlines late or missed.",
            everything.Late == 0 ? ItemResult.Met : ItemResult.NotMet));
        return items;
    }
}
