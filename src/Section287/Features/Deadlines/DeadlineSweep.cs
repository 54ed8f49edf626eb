using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Notifications;

namespace Section287.Features.Deadlines;

/// <summary>
/// A feature's periodic check that the sweep runs before flagging deadlines (authority that lapsed on its own, holds near
/// their limit). Features register theirs; the sweep only calls them, in <see cref="Order"/>.
/// </summary>
public interface IWatch
{
    int Order { get; }

    /// <summary>Runs once; returns what to log when something happened, or null.</summary>
    Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct);
}

/// <summary>
/// Flags open deadlines whose warning time or due time has passed and tells whoever the work waits on.
/// Idempotent: each flag is stored on the deadline and set once, so running the sweep twice (or on two
/// app instances, where the version check lets one save win) changes nothing the second time. The instance that loses
/// that race saves nothing and reports nothing: the winner has flagged and told.
/// </summary>
public sealed class DeadlineSweep(AppDbContext db, Notifier notifier, ChangeContext change, TimeProvider clock)
{
    public sealed record Outcome(int Warned, int Overdue);

    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var candidates = await db.Deadlines
            .Where(d => d.Status == DeadlineStatus.Open
                && ((d.WarnedAt == null && d.WarnAt <= now) || (d.OverdueAt == null && d.DueAt < now)))
            .OrderBy(d => d.DueAt).Take(500).ToListAsync(ct);
        int warned = 0, overdue = 0;
        foreach (var deadline in candidates)
        {
            if (deadline.Flag(now) is not { } flag) continue;
            var rule = DeadlineRules.Find(deadline.Rule);
            var title = rule?.Title ?? deadline.Rule;
            var link = Links.For(deadline.SubjectType, deadline.SubjectId);
            var text = flag == DeadlineFlag.Overdue
                ? $"Overdue: {title} — {deadline.SubjectLabel} (was due {deadline.DueAt:yyyy-MM-dd HH:mm} UTC)"
                : $"Due soon: {title} — {deadline.SubjectLabel} (due {deadline.DueAt:yyyy-MM-dd HH:mm} UTC)";
            var kind = flag == DeadlineFlag.Overdue ? "deadline.overdue" : "deadline.warning";
            if (deadline.AssigneeId is { } assignee) await notifier.ToUserAsync(assignee, deadline.AgencyId, kind, text, link, ct);
            else await notifier.ToRoleAsync(deadline.WaitsOn, deadline.AgencyId, kind, text, link, ct);
            // The program office sees everything overdue, whoever's move it is.
            if (flag == DeadlineFlag.Overdue && deadline.WaitsOn != Accounts.Role.ProgramOffice)
                await notifier.ToRoleAsync(Accounts.Role.ProgramOffice, deadline.AgencyId, kind, text, link, ct);
            if (flag == DeadlineFlag.Overdue) overdue++; else warned++;
        }
        if (warned + overdue > 0)
        {
            change.For("deadline.sweep", "Warning or due time passed");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                return new Outcome(0, 0);
            }
        }
        return new Outcome(warned, overdue);
    }
}
