using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Officers;

/// <summary>
/// Records once, in the audit, the officer's history and a 48-hour notice deadline, when authority changes without anyone acting
/// (a refresher lapses, an agreement is suspended). Authority never waits for it; a second run changes nothing.
/// </summary>
public sealed class AuthorityWatch(AppDbContext db, AuthorityFactsLoader loader, Notifier notify, DeadlineBook deadlines, ChangeContext change,
    TimeProvider clock,
    ILogger<AuthorityWatch> log) : IHandles<AgreementStatusChanged>, IHandles<OfficerStandingChanged>
{
    public sealed record Outcome(int Checked, int Lost, int Restored);

    /// <summary>Every officer who ever held an authorization, in batches.</summary>
    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        int checkedCount = 0, lost = 0, restored = 0;
        var skip = 0;
        while (true)
        {
            var batch = await db.Authorizations.AsNoTracking()
                .Select(a => a.OfficerId).Distinct().OrderBy(id => id).Skip(skip).Take(200).ToListAsync(ct);
            if (batch.Count == 0) break;
            var outcome = await RunForAsync(batch, ct);
            checkedCount += outcome.Checked;
            lost += outcome.Lost;
            restored += outcome.Restored;
            skip += batch.Count;
        }
        return new Outcome(checkedCount, lost, restored);
    }

    /// <summary>In a use case's save: officers under an agreement whose status moved, and officers whose own standing changed.</summary>
    public async Task HandleAsync(IReadOnlyList<AgreementStatusChanged> events, CancellationToken ct)
    {
        var agreements = events.Select(e => e.AgreementId).Distinct().ToList();
        var officers = await db.Authorizations.AsNoTracking().Where(a => agreements.Contains(a.AgreementId)).Select(a => a.OfficerId).Distinct().ToListAsync(ct);
        await StageAsync(officers, ct);
    }

    public async Task HandleAsync(IReadOnlyList<OfficerStandingChanged> events, CancellationToken ct) =>
        await StageAsync(events.Select(e => e.OfficerId).Distinct().ToList(), ct);

    /// <summary>On its own (the timer): records the changes and saves them.</summary>
    public async Task<Outcome> RunForAsync(IReadOnlyCollection<Guid> officerIds, CancellationToken ct)
    {
        var outcome = await StageAsync(officerIds, ct);
        if (outcome.Checked == 0) return outcome;
        change.For("authority.watch", $"{outcome.Lost} lost, {outcome.Restored} restored");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            // Another instance or request recorded the same change first; the next run sees its result.
            log.LogInformation(e, "The authority watch lost a race; it runs again at the next tick");
            db.ChangeTracker.Clear();
            return new Outcome(outcome.Checked, 0, 0);
        }
        return outcome;
    }

    /// <summary>Compares each officer's authority now with the recorded state and stages what changed, without saving.</summary>
    private async Task<Outcome> StageAsync(IReadOnlyCollection<Guid> officerIds, CancellationToken ct)
    {
        if (officerIds.Count == 0) return new Outcome(0, 0, 0);
        var now = clock.GetUtcNow().UtcDateTime;
        var facts = (await loader.LoadAsync(officerIds, null, ct)).Where(f => f.Authorizations.Count > 0).ToList();
        if (facts.Count == 0) return new Outcome(0, 0, 0);
        // Tracked states include those another handler of this same save has just added.
        await db.AuthorityStates.Where(s => officerIds.Contains(s.OfficerId)).LoadAsync(ct);
        var states = db.AuthorityStates.Local.Where(s => officerIds.Contains(s.OfficerId)).ToList();
        int lost = 0, restored = 0;
        foreach (var f in facts)
        {
            var answer = AuthorityRules.Evaluate(f, now);
            var codes = string.Join(",", answer.Reasons.Select(r => r.Code));
            var state = states.FirstOrDefault(s => s.OfficerId == f.Officer.Id && s.AgreementId == f.Agreement.Id);
            if (state is null)
            {
                db.AuthorityStates.Add(new AuthorityState
                {
                    AgencyId = f.Officer.AgencyId, OfficerId = f.Officer.Id, AgreementId = f.Agreement.Id, Granted = answer.Granted, Reasons = codes,
                        ChangedAt = now,
                });
                continue;
            }
            if (state.Granted == answer.Granted && state.Reasons == codes) continue;
            var wasGranted = state.Granted;
            state.Granted = answer.Granted;
            state.Reasons = codes;
            if (wasGranted == answer.Granted) continue;
            state.ChangedAt = now;
            var officer = f.Officer;
            var link = Links.For("officer", officer.Id);
            if (wasGranted)
            {
                lost++;
                var why = string.Join(" ", answer.Reasons.Select(r => r.Message));
                var text = $"Authority under the {f.Agreement.Model.IceName()} agreement ended: {why}";
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, f.Agreement.Id, "authority.lost", text, "system", now));
                await notify.ToRoleAsync(Role.FieldSupervisor, officer.AgencyId, "authority.lost", $"{officer.FullName}: {text}", link, ct);
                await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "authority.lost", $"{officer.FullName}: {text}", link, ct);
                if (officer.UserId is { } user) await notify.ToUserAsync(user, officer.AgencyId, "authority.lost", text, "/staff/me", ct);
                // A loss nobody decided owes the agency's notice. An explicit suspension or revocation was told to the other side when
                // it was recorded (a revocation owes its own written notice); a separated officer has no one to tell.
                if (!answer.Reasons.Any(r => r.Code is "authority.authorization_revoked" or "authority.authorization_suspended" or "authority.separated"))
                    deadlines.Open(DeadlineRules.OfficerRevocationNoticeByAgency, officer.AgencyId, "officer", officer.Id,
                        $"{officer.FullName} — authority ended");
            }
            else
            {
                restored++;
                var text = $"Authority under the {f.Agreement.Model.IceName()} agreement restored.";
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, f.Agreement.Id, "authority.restored", text, "system", now));
                await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "authority.restored", $"{officer.FullName}: {text}", link, ct);
                if (officer.UserId is { } user) await notify.ToUserAsync(user, officer.AgencyId, "authority.restored", text, "/staff/me", ct);
            }
        }
        return new Outcome(facts.Count, lost, restored);
    }
}
