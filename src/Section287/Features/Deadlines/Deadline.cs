using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.Deadlines;

public enum DeadlineStatus
{
    Open,

    /// <summary>Closed on or before its due time.</summary>
    Met,

    /// <summary>Closed after its due time: kept, so that late work is counted, not forgotten.</summary>
    Missed,

    /// <summary>Its subject no longer waits (withdrawn, superseded); neither met nor missed.</summary>
    Cancelled,
}

/// <summary>
/// Something that must happen by a time: its subject, the rule that set it, whose move it is, when it is
/// due, when to warn, and whether it was met. Warnings and lateness are flagged by <see cref="DeadlineSweep"/>.
/// </summary>
public sealed class Deadline : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency the subject belongs to: the agency's users and its area's supervisors see it.</summary>
    public Guid AgencyId { get; init; }

    /// <summary>"application" or "agreement" (later features add theirs).</summary>
    public string SubjectType { get; init; } = "";

    public Guid SubjectId { get; init; }

    /// <summary>A few words that name the subject on a work list (an agency and a model, say).</summary>
    public string SubjectLabel { get; init; } = "";

    /// <summary>The code of the <see cref="DeadlineRule"/> that set it.</summary>
    public string Rule { get; init; } = "";

    public Role WaitsOn { get; init; }

    /// <summary>A named person when the work is theirs (the reviewer who took an application); otherwise anyone in the role and scope.</summary>
    public Guid? AssigneeId { get; init; }

    public DateTime StartedAt { get; init; }

    public DateTime DueAt { get; init; }

    public DateTime WarnAt { get; init; }

    public DeadlineStatus Status { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>Set once by the sweep when the warning time passed while open.</summary>
    public DateTime? WarnedAt { get; private set; }

    /// <summary>Set once by the sweep when the due time passed while open.</summary>
    public DateTime? OverdueAt { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public static Deadline Start(DeadlineRule rule, Guid agencyId, string subjectType, Guid subjectId, string subjectLabel, DateTime startUtc,
        Guid? assigneeId = null,
        DateTime? dueUtc = null, TimeSpan? warnBefore = null, TimeZoneInfo? zone = null)
    {
        var due = dueUtc ?? rule.DueFrom(startUtc, zone);
        var warn = warnBefore is { } before ? (due - before < startUtc ? startUtc : due - before) : rule.WarnFrom(startUtc, due);
        return new Deadline
        {
            AgencyId = agencyId,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectLabel = subjectLabel,
            Rule = rule.Code,
            WaitsOn = rule.WaitsOn,
            AssigneeId = assigneeId,
            StartedAt = startUtc,
            DueAt = due,
            WarnAt = warn,
            Status = DeadlineStatus.Open,
        };
    }

    /// <summary>The work was done at <paramref name="utcNow"/> (or when a late entry says it was): met if on time, missed if late.
    /// Closing a closed deadline changes nothing.</summary>
    public bool Close(DateTime utcNow)
    {
        if (Status != DeadlineStatus.Open) return false;
        Status = utcNow <= DueAt ? DeadlineStatus.Met : DeadlineStatus.Missed;
        ClosedAt = utcNow;
        return true;
    }

    public bool Cancel(DateTime utcNow)
    {
        if (Status != DeadlineStatus.Open) return false;
        Status = DeadlineStatus.Cancelled;
        ClosedAt = utcNow;
        return true;
    }

    /// <summary>What the sweep must announce now, if anything. Each flag is set once, so a second sweep finds nothing.</summary>
    public DeadlineFlag? Flag(DateTime utcNow)
    {
        if (Status != DeadlineStatus.Open) return null;
        if (OverdueAt is null && utcNow > DueAt)
        {
            OverdueAt = utcNow;
            WarnedAt ??= utcNow;
            return DeadlineFlag.Overdue;
        }
        if (WarnedAt is null && OverdueAt is null && utcNow >= WarnAt)
        {
            WarnedAt = utcNow;
            return DeadlineFlag.Warning;
        }
        return null;
    }

    public bool IsOverdue(DateTime utcNow) => Status == DeadlineStatus.Open && utcNow > DueAt;

    public bool IsWarning(DateTime utcNow) => Status == DeadlineStatus.Open && utcNow >= WarnAt && utcNow <= DueAt;
}

public enum DeadlineFlag
{
    Warning,
    Overdue,
}

public static class DeadlineStatuses
{
}
