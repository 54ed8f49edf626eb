using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Complaints;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using Section287.Features.Notifications;

namespace Section287.Features.Oversight;

public sealed record PolicyInput(string? Name, string? Indicator, string? Model, int? PeriodMonths, int? WarningAt, int? CriticalAt, int? PeerPercentile,
    bool? Active);

public sealed record ReviewInput(string? Note);

public sealed record OutcomeInput(string? Outcome, string? Note);

public sealed record PolicyView(Guid Id, string Name, string Indicator, string? Model, int PeriodMonths, int WarningAt, int CriticalAt, int? PeerPercentile,
    bool Active, string SetBy, long Version);

public sealed record AlertView(Guid Id, Guid AgencyId, string AgencyName, Guid OfficerId, string OfficerName, Guid PolicyId, string PolicyName,
    string Indicator, string Model, string Level, int Value, int Percentile, int Peers, DateTime RaisedAt, string Status, string? Reviewer,
    DateTime? ReviewStartedAt, string? Outcome, string? OutcomeNote, DateTime? ClosedAt, long Version);

/// <summary>
/// Early intervention: the program office's policies, their evaluation (with the deadline sweep, and on the program office's demand),
/// alerts to the officer's supervisors, and the intervention that closes each. Evaluation reads the records; it writes alerts and
/// notifications only, never the officer's authority.
/// </summary>
public sealed class EarlyInterventionWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, Notifier notify)
{
    /// <summary>Below this many peers a percentile says little: the peer rule is not applied.</summary>
    public const int MinimumPeers = 5;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    public async Task<IReadOnlyList<PolicyView>> PoliciesAsync(CancellationToken ct) =>
        (await db.InterventionPolicies.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct)).Select(View).ToList();

    private static PolicyView View(InterventionPolicy p) => new(p.Id, p.Name, p.Indicator.Code(), p.Model?.Code(), p.PeriodMonths, p.WarningAt, p.CriticalAt,
        p.PeerPercentile, p.Active, p.SetBy, p.Version);

    /// <summary>Creates a policy, or changes one (thresholds, period, active) when an id is given.</summary>
    public async Task<Result<PolicyView>> SetPolicyAsync(Guid? id, Actor actor, PolicyInput input, CancellationToken ct)
    {
        InterventionPolicy? policy = null;
        if (id is { } existing)
        {
            policy = await db.InterventionPolicies.FirstOrDefaultAsync(p => p.Id == existing, ct);
            if (policy is null) return EarlyInterventionRules.NotFound;
        }
        if (actor.Role != Role.ProgramOffice) return EarlyInterventionRules.ProgramOfficeSets;
        var errors = new Dictionary<string, string[]>();
        var indicator = Codes.FromCode<Indicator>(input.Indicator?.Trim());
        if (policy is null && indicator is null)
            errors["indicator"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<Indicator>().Select(v => v.Code()))}."];
        AgreementModel? model = null;
        if (!string.IsNullOrWhiteSpace(input.Model) && input.Model != "all")
        {
            model = AgreementModels.FromCode(input.Model);
            if (model is null) errors["model"] = [$"Choose all, or one of: {string.Join(", ", AgreementModels.All.Select(m => m.Code()))}."];
        }
        var name = input.Name?.Trim() ?? policy?.Name;
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200) errors["name"] = ["Name the policy (at most 200 characters)."];
        if (errors.Count > 0) return Error.Invalid("early_intervention.policy_invalid", "The policy is not complete.", errors);
        var period = input.PeriodMonths ?? policy?.PeriodMonths ?? 12;
        var warning = input.WarningAt ?? policy?.WarningAt ?? 0;
        var critical = input.CriticalAt ?? policy?.CriticalAt ?? 0;
        var peer = input.PeerPercentile ?? policy?.PeerPercentile;
        if (period is < 1 or > 36 || warning < 1 || critical < warning || peer is < 50 or > 100) return EarlyInterventionRules.ThresholdsInOrder;
        if (policy is null)
        {
            policy = new InterventionPolicy { Indicator = indicator!.Value };
            db.InterventionPolicies.Add(policy);
        }
        policy.Name = name!;
        if (id is null || !string.IsNullOrWhiteSpace(input.Model)) policy.Model = model;
        policy.PeriodMonths = period;
        policy.WarningAt = warning;
        policy.CriticalAt = critical;
        policy.PeerPercentile = peer;
        policy.Active = input.Active ?? policy.Active;
        policy.SetBy = actor.Name;
        change.For("early_intervention.policy", policy.Name);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(policy);
    }

    public async Task<Result<Page<AlertView>>> AlertsAsync(Actor actor, bool openOnly, int? page, int? pageSize, CancellationToken ct)
    {
        if (actor.Role == Role.DesignatedOfficer) return EarlyInterventionRules.OfficersDoNotSee;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.EarlyAlerts.AsNoTracking();
        if (openOnly) query = query.Where(a => a.Status != AlertStatus.Closed);
        var found = await query.OrderByDescending(a => a.Level).ThenBy(a => a.RaisedAt).ThenBy(a => a.Id).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<AlertView>(await ViewsAsync(found.Items, ct), found.PageNumber, found.PageSize, found.Total);
    }

    private async Task<IReadOnlyList<AlertView>> ViewsAsync(IReadOnlyList<EarlyAlert> alerts, CancellationToken ct)
    {
        var officerIds = alerts.Select(a => a.OfficerId).Distinct().ToList();
        var agencyIds = alerts.Select(a => a.AgencyId).Distinct().ToList();
        var policyIds = alerts.Select(a => a.PolicyId).Distinct().ToList();
        var officers = await db.Officers.AsNoTracking().Where(o => officerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.FullName, ct);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var policies = await db.InterventionPolicies.AsNoTracking().Where(p => policyIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return alerts.Select(a => new AlertView(a.Id, a.AgencyId, agencies.GetValueOrDefault(a.AgencyId, ""), a.OfficerId, officers.GetValueOrDefault(a.OfficerId, ""),
            a.PolicyId, policies.TryGetValue(a.PolicyId, out var p) ? p.Name : "", policies.TryGetValue(a.PolicyId, out var p2) ? p2.Indicator.Code() : "",
            a.Model.Code(), a.Level.Code(), a.Value, a.Percentile, a.Peers, a.RaisedAt, a.Status.Code(), a.Reviewer, a.ReviewStartedAt, a.Outcome?.Code(),
            a.OutcomeNote, a.ClosedAt, a.Version)).ToList();
    }

    public Task<Result<AlertView>> ReviewAsync(Guid id, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, a => a.StartReview(actor.Name, Now), "early_intervention.review", ct);

    public Task<Result<AlertView>> CloseAsync(Guid id, Actor actor, OutcomeInput input, CancellationToken ct) =>
        StepAsync(id, actor, a =>
        {
            if (Codes.FromCode<InterventionOutcome>(input.Outcome?.Trim()) is not { } outcome)
                return Error.Invalid("early_intervention.outcome_invalid", "Choose review, training, reassignment or no_action.",
                    new Dictionary<string, string[]> { ["outcome"] = ["Choose review, training, reassignment or no_action."] });
            if (input.Note?.Length > 2000) return Error.Invalid("early_intervention.outcome_invalid", "Use at most 2,000 characters.",
                new Dictionary<string, string[]> { ["note"] = ["Use at most 2,000 characters."] });
            return a.Close(outcome, input.Note, Now);
        }, "early_intervention.outcome", ct);

    private async Task<Result<AlertView>> StepAsync(Guid id, Actor actor, Func<EarlyAlert, Error?> step, string action, CancellationToken ct)
    {
        var alert = await db.EarlyAlerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return EarlyInterventionRules.NotFound;
        if (!(IsIce(actor) || actor.Role == Role.AgencyCoordinator)) return EarlyInterventionRules.SupervisorsIntervene;
        if (step(alert) is { } refused) return refused;
        change.For(action, alert.OutcomeNote ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return (await ViewsAsync([alert], ct))[0];
    }

    /// <summary>The program office runs the policies now (the sweep runs them too).</summary>
    public async Task<Result<int>> RunAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.ProgramOffice) return EarlyInterventionRules.ProgramOfficeSets;
        return await EvaluateAsync(ct);
    }

    /// <summary>
    /// Counts each active policy's indicator for each officer nominated under an agreement of its group (not separated), over its
    /// period up to now; raises an alert at the warning or critical threshold, or at the peer percentile among at least
    /// <see cref="MinimumPeers"/> officers of the same agency and model (the share of peers at or below the officer's count); an open
    /// alert is raised in level, never duplicated; once closed, a new one needs a count above the one it closed on. Returns the alerts
    /// raised or escalated.
    /// </summary>
    public async Task<int> EvaluateAsync(CancellationToken ct)
    {
        var now = Now;
        var changed = 0;
        foreach (var policy in await db.InterventionPolicies.Where(p => p.Active).ToListAsync(ct))
        {
            var from = now.AddMonths(-policy.PeriodMonths);
            var watched = await db.Nominations.AsNoTracking().Join(db.Agreements, n => n.AgreementId, a => a.Id, (n, a) => new { n.OfficerId, a.AgencyId, a.Model })
                .Where(x => policy.Model == null || x.Model == policy.Model)
                .Where(x => db.Officers.Any(o => o.Id == x.OfficerId && (o.SeparatedAt == null || o.SeparatedAt > now)))
                .Distinct().ToListAsync(ct);
            if (watched.Count == 0) continue;
            var counts = await CountAsync(policy, from, now, ct);
            var open = await db.EarlyAlerts.Where(a => a.PolicyId == policy.Id && a.Status != AlertStatus.Closed).ToListAsync(ct);
            // After an intervention closed an alert, only a worse reading than the one it closed on raises a new one (no alert every sweep).
            var closedAt = (await db.EarlyAlerts.AsNoTracking().Where(a => a.PolicyId == policy.Id && a.Status == AlertStatus.Closed)
                    .Select(a => new { a.OfficerId, a.Model, a.Value }).ToListAsync(ct))
                .GroupBy(a => (a.OfficerId, a.Model)).ToDictionary(g => g.Key, g => g.Max(a => a.Value));
            foreach (var group in watched.GroupBy(x => (x.AgencyId, x.Model)))
            {
                var values = group.Select(x => counts.GetValueOrDefault(x.OfficerId)).ToList();
                foreach (var member in group)
                {
                    var value = counts.GetValueOrDefault(member.OfficerId);
                    var percentile = (int)Math.Round(100.0 * values.Count(v => v <= value) / values.Count);
                    AlertLevel? level = value >= policy.CriticalAt ? AlertLevel.Critical
                        : value >= policy.WarningAt ? AlertLevel.Warning
                        : policy.PeerPercentile is { } p && values.Count >= MinimumPeers && value > 0 && percentile >= p ? AlertLevel.Warning : null;
                    if (level is null) continue;
                    var existing = open.FirstOrDefault(a => a.OfficerId == member.OfficerId && a.Model == member.Model);
                    if (existing is null && closedAt.TryGetValue((member.OfficerId, member.Model), out var handled) && value <= handled) continue;
                    if (existing is null)
                    {
                        db.EarlyAlerts.Add(EarlyAlert.Raise(member.AgencyId, member.OfficerId, policy, member.Model, level.Value, value, percentile, values.Count, now));
                    }
                    else if (!existing.Escalate(level.Value, value, percentile, values.Count)) continue;
                    changed++;
                    var text = $"Early intervention ({level.Value.Code()}): {policy.Name} — {value} in {policy.PeriodMonths} months, percentile {percentile} of {values.Count} peers.";
                    await notify.ToRoleAsync(Role.FieldSupervisor, member.AgencyId, "early_intervention.alert", text, "/staff/early-intervention", ct);
                    await notify.ToRoleAsync(Role.AgencyCoordinator, member.AgencyId, "early_intervention.alert", text, "/staff/early-intervention", ct);
                }
            }
        }
        if (changed == 0) return 0;
        change.For("early_intervention.evaluate", $"{changed} alerts raised or escalated");
        return await db.SaveOrStaleAsync(ct) is null ? changed : 0;
    }

    private async Task<Dictionary<Guid, int>> CountAsync(InterventionPolicy p, DateTime from, DateTime now, CancellationToken ct)
    {
        IQueryable<Encounter> encounters = db.Encounters.AsNoTracking().Where(e => p.Model == null || e.Model == p.Model);
        IQueryable<Guid> officers = p.Indicator switch
        {
            Indicator.ComplaintAllegations => db.ComplaintAllegations.AsNoTracking().Where(a => a.OfficerId != null && a.RecordedAt >= from && a.RecordedAt <= now)
                .Select(a => a.OfficerId!.Value),
            Indicator.SustainedFindings => db.ComplaintAllegations.AsNoTracking().Where(a => a.OfficerId != null && a.Finding == Finding.Sustained
                && a.FindingAt >= from && a.FindingAt <= now).Select(a => a.OfficerId!.Value),
            Indicator.LateRecords => encounters.Where(e => e.LateReason != null && e.OccurredAt >= from && e.OccurredAt <= now).Select(e => e.OfficerId),
            Indicator.CorrectedRecords => encounters.Where(e => e.Corrections > 0 && e.OccurredAt >= from && e.OccurredAt <= now).Select(e => e.OfficerId),
            Indicator.Overdetention => encounters.Where(e => e.OverdetentionAt >= from && e.OverdetentionAt <= now).Select(e => e.OfficerId),
            Indicator.CitizenshipClaimErrors => db.CitizenshipClaims.AsNoTracking().Where(c => c.Outcome == ClaimOutcome.UsCitizen && c.ResolvedAt >= from
                && c.ResolvedAt <= now).Join(encounters, c => c.EncounterId, e => e.Id, (c, e) => e.OfficerId),
            Indicator.RuleRefusals => db.RuleRefusals.AsNoTracking().Where(r => r.At >= from && r.At <= now).Select(r => r.OfficerId),
        };
        return (await officers.GroupBy(o => o).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => x.Count);
    }
}

internal sealed class EarlyInterventionTick(EarlyInterventionWorkflow workflow) : IWatch
{
    public int Order => 3;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var changed = await workflow.EvaluateAsync(ct);
        return changed > 0 ? (LogLevel.Information, $"{changed} early-intervention alerts raised or escalated") : null;
    }
}
