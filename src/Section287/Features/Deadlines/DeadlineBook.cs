using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Deadlines;

/// <summary>
/// Opens and closes deadlines inside the caller's unit of work, so a deadline is saved, met or cancelled in the
/// same transaction as the change that starts or ends the wait.
/// </summary>
public sealed class DeadlineBook(AppDbContext db, TimeProvider clock)
{
    public Deadline Open(DeadlineRule rule, Guid agencyId, string subjectType, Guid subjectId, string label, Guid? assigneeId = null, DateTime? startUtc = null)
    {
        var deadline = Deadline.Start(rule, agencyId, subjectType, subjectId, label, startUtc ?? clock.GetUtcNow().UtcDateTime, assigneeId,
            zone: ZoneOf(agencyId));
        db.Deadlines.Add(deadline);
        return deadline;
    }

    /// <summary>The agency's zone, in which its day-based deadlines close: from the unit of work if it holds the agency, else one small read.</summary>
    private TimeZoneInfo ZoneOf(Guid agencyId)
    {
        var id = db.ChangeTracker.Entries<Agencies.Agency>().FirstOrDefault(e => e.Entity.Id == agencyId)?.Entity.TimeZone
            ?? db.Agencies.IgnoreQueryFilters().Where(a => a.Id == agencyId).Select(a => a.TimeZone).FirstOrDefault();
        return Common.UsTimeZones.Find(id);
    }

    /// <summary>A deadline whose due time comes from the subject (a certificate's expiry), not from the rule's length.</summary>
    public Deadline OpenUntil(DeadlineRule rule, Guid agencyId, string subjectType, Guid subjectId, string label, DateTime dueUtc,
        TimeSpan? warnBefore = null, Guid? assigneeId = null)
    {
        var deadline = Deadline.Start(rule, agencyId, subjectType, subjectId, label, clock.GetUtcNow().UtcDateTime, assigneeId, dueUtc: dueUtc,
            warnBefore: warnBefore);
        db.Deadlines.Add(deadline);
        return deadline;
    }

    /// <summary>The work a rule waited for is done: its open deadline on the subject is met (or missed, if late).</summary>
    public Task CloseAsync(Guid subjectId, DeadlineRule rule, CancellationToken ct, DateTime? doneAt = null) =>
        SettleAsync(subjectId, [rule], cancelTheRest: false, ct, doneAt);

    /// <summary>
    /// The work of several rules is done at once; <paramref name="doneAt"/> is when it was done when that is not now (an entry made
    /// late is judged at the time it states, as its rules are).
    /// </summary>
    public Task CloseAsync(Guid subjectId, IReadOnlyCollection<DeadlineRule> rules, CancellationToken ct, DateTime? doneAt = null) =>
        SettleAsync(subjectId, rules, cancelTheRest: false, ct, doneAt);

    /// <summary>The named rules no longer wait (their subject changed course): their open deadlines are cancelled, the rest stay.</summary>
    public async Task CancelAsync(Guid subjectId, IReadOnlyCollection<DeadlineRule> rules, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var deadline in await OpenAsync(subjectId, ct))
        {
            if (rules.Any(r => r.Code == deadline.Rule)) deadline.Cancel(now);
        }
    }

    /// <summary>Whether the subject still waits on a rule.</summary>
    public async Task<bool> HasOpenAsync(Guid subjectId, DeadlineRule rule, CancellationToken ct) =>
        (await OpenAsync(subjectId, ct)).Any(d => d.Rule == rule.Code);

    /// <summary>The subject no longer waits for anything (withdrawn, ended): every open deadline on it is cancelled.</summary>
    public Task CancelAllAsync(Guid subjectId, CancellationToken ct) => SettleAsync(subjectId, [], cancelTheRest: true, ct);

    /// <summary>The subject is finished (decided): the named rules' deadlines are met, or missed, and the rest cancelled.</summary>
    public Task FinishAsync(Guid subjectId, IReadOnlyCollection<DeadlineRule> met, CancellationToken ct) => SettleAsync(subjectId, met,
        cancelTheRest: true, ct);

    private async Task SettleAsync(Guid subjectId, IReadOnlyCollection<DeadlineRule> met, bool cancelTheRest, CancellationToken ct,
        DateTime? doneAt = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var deadline in await OpenAsync(subjectId, ct))
        {
            if (met.Any(r => r.Code == deadline.Rule)) deadline.Close(doneAt is { } done && done < now ? done : now);
            else if (cancelTheRest) deadline.Cancel(now);
        }
    }

    private async Task<List<Deadline>> OpenAsync(Guid subjectId, CancellationToken ct)
    {
        var stored = await db.Deadlines.Where(d => d.SubjectId == subjectId && d.Status == DeadlineStatus.Open).ToListAsync(ct);
        // Deadlines opened earlier in this same unit of work are not in the database yet.
        var added = db.ChangeTracker.Entries<Deadline>().Where(e => e.State == EntityState.Added && e.Entity.SubjectId == subjectId
            && e.Entity.Status == DeadlineStatus.Open)
            .Select(e => e.Entity);
        return stored.Concat(added).Distinct().ToList();
    }
}
