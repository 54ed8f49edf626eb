using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Applications;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Work;

public sealed record NotificationView(Guid Id, string Kind, string Text, string Link, DateTime CreatedAt, DateTime? ReadAt, string Email);

/// <summary>"My work": what waits on the user, by due date; for the program office, also everything overdue; and the user's notifications.</summary>
public sealed class WorkQueries(AppDbContext db, TimeProvider clock, ChangeContext change)
{
    /// <summary>Open deadlines that are this user's move: assigned to them, or to their role with nobody named. The tenancy filter keeps them in scope.</summary>
    public async Task<Result<Page<DeadlineView>>> MineAsync(Actor actor, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.Deadlines.AsNoTracking().Where(d => d.Status == DeadlineStatus.Open
            && (d.AssigneeId == actor.Id || (d.AssigneeId == null && d.WaitsOn == actor.Role)));
        return await PageAsync(query, paging.Value, ct);
    }

    /// <summary>Every overdue deadline, whoever's move it is: the program office's (and oversight's) view of what is late.</summary>
    public async Task<Result<Page<DeadlineView>>> OverdueAsync(Actor actor, int? page, int? pageSize, CancellationToken ct)
    {
        if (actor.Role is not (Role.ProgramOffice or Role.Oversight)) return AccessRules.WorkProgramOfficeOnly;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var now = clock.GetUtcNow().UtcDateTime;
        return await PageAsync(db.Deadlines.AsNoTracking().Where(d => d.Status == DeadlineStatus.Open && d.DueAt < now), paging.Value, ct);
    }

    /// <summary>A subject's deadlines, open and closed, for both sides to see.</summary>
    public Task<IReadOnlyList<DeadlineView>> OfSubjectAsync(Guid subjectId, CancellationToken ct) =>
        DeadlineView.OfSubjectAsync(db, subjectId, clock.GetUtcNow().UtcDateTime, ct);

    public async Task<Result<Page<NotificationView>>> NotificationsAsync(Actor actor, bool unreadOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.Id);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        var result = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<NotificationView>(result.Items.Select(View).ToList(), result.PageNumber, result.PageSize, result.Total);
    }

    public async Task<Result<NotificationView>> MarkReadAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id && n.UserId == actor.Id, ct);
        if (notification is null) return Error.NotFound("notification.not_found", "No such notification of yours.");
        if (notification.MarkRead(clock.GetUtcNow().UtcDateTime))
        {
            change.For("notification.read", "");
            await db.SaveChangesAsync(ct);
        }
        return View(notification);
    }

    private async Task<Page<DeadlineView>> PageAsync(IQueryable<Deadline> query, (int Page, int Size) paging, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var result = await query.OrderBy(d => d.DueAt).ThenBy(d => d.Id).ToPageAsync(paging.Page, paging.Size, ct);
        return new Page<DeadlineView>(result.Items.Select(d => DeadlineView.Of(d, now)).ToList(), result.PageNumber, result.PageSize, result.Total);
    }

    private static NotificationView View(Notification n) =>
        new(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt, n.EmailStatus.ToString().ToLowerInvariant());
}
