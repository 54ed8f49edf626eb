using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Complaints;

public sealed record OversightFigures(
    string Level, string? Subject, DateOnly From, DateOnly To,
    int Encounters, int Complaints, decimal? ComplaintsPer1000Encounters, IReadOnlyDictionary<string, int> AllegationsByCategory,
    IReadOnlyDictionary<string, int> FindingsByOutcome, int AllegationsOpen,
    int NoticesDue, int NoticesOnTime, double? MedianHoursToNotify, int Resolved, double? MedianDaysToResolve,
    int InspectionFindingsOpen, int CorrectiveActionsOverdue, int AlertsRaised, int AlertsOpen);

/// <summary>
/// The oversight figures, for the nation, an ICE area, an agency or an agreement, within what the reader may see.
/// </summary>
/// <remarks>
/// Definitions, so the numbers can be checked. Complaints: received in the period (calendar days at ICE headquarters, both ends
/// included); per 1,000 encounters: over the encounters of the same scope and period. Allegations: those of the period's complaints, by
/// category; outcomes by finding, open when without one. Notices due: the period's complaints that owed the agency's notice to ICE
/// (received by the agency) and whose notice deadline closed; on time: closed as met. Hours to notify: from receipt to the notice, over
/// the complaints notified (median). Days to resolve: receipt to resolution, over the period's complaints resolved (median).
/// Inspection findings open and corrective actions overdue are counted now, whatever the period: open means not closed on proof;
/// overdue means open past its due day. Early-intervention alerts: raised in the period; open (not closed by an intervention) now.
/// </remarks>
public sealed class OversightMeasures(ReadDb read, TimeProvider clock)
{
    /// <summary>Reads only: on the replica when there is one (Data/ReadReplica.cs).</summary>
    private readonly AppDbContext db = read.Context;

    public async Task<Result<OversightFigures>> FiguresAsync(Actor actor, string? level, string? subject, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var lvl = (level ?? "nation").Trim().ToLowerInvariant();
        var (start, end) = (from ?? new DateOnly(2000, 1, 1), to ?? new DateOnly(2100, 1, 1));
        if (end < start)
            return Error.Invalid("measures.period_invalid", "The period ends before it starts.",
                new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        IQueryable<Complaint> complaints = db.Complaints.AsNoTracking();
        // Encounters are counted from the daily counts (MeasureRollup), equal to the records, never by walking the records.
        IQueryable<Encounters.MeasureCounts> encounterDays = db.NationMeasureDays.AsNoTracking();
        IQueryable<Inspections.InspectionFinding> findings = db.InspectionFindings.AsNoTracking();
        IQueryable<Oversight.EarlyAlert> alerts = db.EarlyAlerts.AsNoTracking();
        switch (lvl)
        {
            case "nation":
                break;
            case "area":
                if (string.IsNullOrWhiteSpace(subject)) return SubjectRequired("an ICE area code, such as ATL");
                var aor = subject.Trim().ToUpperInvariant();
                complaints = complaints.Where(c => db.Agencies.Any(a => a.Id == c.AgencyId && a.AorCode == aor));
                var inArea = await db.Agencies.AsNoTracking().Where(a => a.AorCode == aor).Select(a => a.Id).ToListAsync(ct);
                encounterDays = db.AgreementMeasureDays.AsNoTracking().Where(r => inArea.Contains(r.AgencyId));
                findings = findings.Where(f => db.Agencies.Any(a => a.Id == f.AgencyId && a.AorCode == aor));
                alerts = alerts.Where(x => db.Agencies.Any(a => a.Id == x.AgencyId && a.AorCode == aor));
                break;
            case "agency":
                if (!Guid.TryParse(subject, out var agencyId)) return SubjectRequired("the agency's id");
                if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
                complaints = complaints.Where(c => c.AgencyId == agencyId);
                encounterDays = db.AgreementMeasureDays.AsNoTracking().Where(r => r.AgencyId == agencyId);
                findings = findings.Where(f => f.AgencyId == agencyId);
                alerts = alerts.Where(x => x.AgencyId == agencyId);
                break;
            case "agreement":
                if (!Guid.TryParse(subject, out var agreementId)) return SubjectRequired("the agreement's id");
                if (!await db.Agreements.AnyAsync(a => a.Id == agreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId), ct))
                    return AgreementErrors.NotFound;
                complaints = complaints.Where(c => c.AgreementId == agreementId);
                encounterDays = db.AgreementMeasureDays.AsNoTracking().Where(r => r.AgreementId == agreementId);
                findings = findings.Where(f => db.Inspections.Any(i => i.Id == f.InspectionId && i.AgreementId == agreementId));
                var model = await db.Agreements.Where(a => a.Id == agreementId).Select(a => new { a.AgencyId, a.Model }).FirstAsync(ct);
                alerts = alerts.Where(x => x.AgencyId == model.AgencyId && x.Model == model.Model);
                break;
            default:
                return Error.Invalid("measures.level_invalid", "Choose the level.",
                    new Dictionary<string, string[]> { ["level"] = ["Choose nation, area, agency or agreement."] });
        }
        if (actor.Role == Role.DesignatedOfficer) return AccessRules.MeasuresNotPermitted;
        var (startUtc, endUtc) = (Clock.StartOfDayUtc(start), Clock.StartOfDayUtc(end.AddDays(1)));
        complaints = complaints.Where(c => c.ReceivedAt >= startUtc && c.ReceivedAt < endUtc);
        var encounterCount = await encounterDays.Where(r => r.Day >= start && r.Day <= end).SumAsync(r => r.Encounters, ct);

        var rows = await complaints.Select(c => new { c.Id, c.ReceivedAt, c.IceNotifiedAt, c.ResolvedAt, c.ReceivedBy }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var allegations = await db.ComplaintAllegations.AsNoTracking().Where(a => ids.Contains(a.ComplaintId)).Select(a => new { a.Category, a.Finding })
            .ToListAsync(ct);
        var noticeCodes = new[] { ComplaintRules.NoticeDue.Code, ComplaintRules.TaskForceNoticeDue.Code };
        var notices = await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.SubjectId) && noticeCodes.Contains(d.Rule)
            && (d.Status == DeadlineStatus.Met || d.Status == DeadlineStatus.Missed)).Select(d => d.Status).ToListAsync(ct);
        var toNotify = rows.Where(r => r.IceNotifiedAt != null).Select(r => (r.IceNotifiedAt!.Value - r.ReceivedAt).TotalHours).Order().ToList();
        var toResolve = rows.Where(r => r.ResolvedAt != null).Select(r => (r.ResolvedAt!.Value - r.ReceivedAt).TotalDays).Order().ToList();
        var today = Clock.DayOf(clock.GetUtcNow().UtcDateTime);
        var openFindings = await findings.CountAsync(f => f.ClosedAt == null, ct);
        var overdue = await findings.CountAsync(f => f.ClosedAt == null && f.DueOn < today, ct);
        var alertsRaised = await alerts.CountAsync(a => a.RaisedAt >= startUtc && a.RaisedAt < endUtc, ct);
        var alertsOpen = await alerts.CountAsync(a => a.Status != Oversight.AlertStatus.Closed, ct);

        var byCategory = Enum.GetValues<AllegationCategory>().ToDictionary(c => c.Code(), c => allegations.Count(a => a.Category == c));
        var byFinding = Enum.GetValues<Finding>().ToDictionary(f => f.Code(), f => allegations.Count(a => a.Finding == f));
        return new OversightFigures(lvl, subject?.Trim(), start, end, encounterCount, rows.Count,
            encounterCount == 0 ? null : Math.Round(1000m * rows.Count / encounterCount, 2), byCategory, byFinding,
            allegations.Count(a => a.Finding == null), notices.Count, notices.Count(s => s == DeadlineStatus.Met),
            toNotify.Count == 0 ? null : Math.Round(Median(toNotify), 2), toResolve.Count, toResolve.Count == 0 ? null : Math.Round(Median(toResolve), 2),
            openFindings, overdue, alertsRaised, alertsOpen);
    }

    /// <summary>The same figures as CSV: one row per figure, with its definition's name, so a spreadsheet gets exactly what the page shows.</summary>
    public static string Csv(OversightFigures f)
    {
        var csv = new StringBuilder("figure,value\n");
        void Row(string name, object? value) => csv.Append(CultureInfo.InvariantCulture, $"{name},{Convert.ToString(value, CultureInfo.InvariantCulture)}\n");
        Row("level", f.Level);
        Row("subject", f.Subject);
        Row("from", f.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Row("to", f.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Row("encounters", f.Encounters);
        Row("complaints", f.Complaints);
        Row("complaints_per_1000_encounters", f.ComplaintsPer1000Encounters);
        foreach (var (k, v) in f.AllegationsByCategory) Row($"allegations_{k}", v);
        foreach (var (k, v) in f.FindingsByOutcome) Row($"findings_{k}", v);
        Row("allegations_open", f.AllegationsOpen);
        Row("notices_due", f.NoticesDue);
        Row("notices_on_time", f.NoticesOnTime);
        Row("median_hours_to_notify", f.MedianHoursToNotify);
        Row("complaints_resolved", f.Resolved);
        Row("median_days_to_resolve", f.MedianDaysToResolve);
        Row("inspection_findings_open", f.InspectionFindingsOpen);
        Row("corrective_actions_overdue", f.CorrectiveActionsOverdue);
        Row("early_intervention_alerts_raised", f.AlertsRaised);
        Row("early_intervention_alerts_open", f.AlertsOpen);
        return csv.ToString();
    }

    private static double Median(IReadOnlyList<double> sorted) =>
        sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;

    private static Error SubjectRequired(string what) =>
        Error.Invalid("measures.subject_required", $"Give {what}.", new Dictionary<string, string[]> { ["subject"] = [$"Give {what}."] });
}
