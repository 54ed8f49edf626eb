using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Deadlines;

public sealed record DeadlineView(Guid Id, string Rule, string Title, string WaitsOn, DateTime StartedAt, DateTime DueAt, DateTime WarnAt,
    string Status, string State,
    DateTime? ClosedAt, string SubjectType, Guid SubjectId, string SubjectLabel, string Link)
{
    /// <summary>"open", "warning", "overdue", or the closed status ("met", "missed", "cancelled").</summary>
    public static DeadlineView Of(Deadline d, DateTime utcNow) => new(d.Id, d.Rule, DeadlineRules.Find(d.Rule)?.Title ?? d.Rule,
        Accounts.Roles.Code(d.WaitsOn), d.StartedAt, d.DueAt, d.WarnAt, d.Status.Code(),
        d.IsOverdue(utcNow) ? "overdue" : d.IsWarning(utcNow) ? "warning" : d.Status.Code(),
        d.ClosedAt, d.SubjectType, d.SubjectId, d.SubjectLabel, Links.For(d.SubjectType, d.SubjectId));

    /// <summary>A subject's deadlines, open and closed, by due time: what both sides see on the subject's page.</summary>
    public static async Task<IReadOnlyList<DeadlineView>> OfSubjectAsync(AppDbContext db, Guid subjectId, DateTime utcNow, CancellationToken ct) =>
        (await db.Deadlines.AsNoTracking().Where(d => d.SubjectId == subjectId).OrderBy(d => d.DueAt).ToListAsync(ct)).Select(d => Of(d, utcNow)).ToList();
}
