using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Features.Applications;

public sealed record PublicApplicationSummary(Guid Id, Guid AgencyId, string AgencyName, string State, IReadOnlyList<string> Models,
    DateOnly CommentOpensOn, DateOnly CommentClosesOn);

public sealed record PublicApplication(Guid Id, Guid AgencyId, string AgencyName, string State, string Status, IReadOnlyList<RequestedModelView> Models,
    string? Objectives, string? Priorities, IReadOnlyList<MeetingView> Meetings, DateOnly? CommentOpensOn, DateOnly? CommentClosesOn, bool OpenForComment,
    IReadOnlyList<CommentView> Comments, int CommentsReceived, int CommentsPublished, int CommentPage, int CommentPageCount);

public sealed record CommentInput(string? Language, string? Name, string? Body);

public sealed record ModerateInput(string? Decision, string? Reason);

/// <summary>
/// What the public sees of applications: those submitted and not drafts, with their proposal and engagement,
/// never the readiness details, attachments or ICE's review. During the comment period anyone may comment.
/// </summary>
public sealed class PublicApplications(AppDbContext db, TimeProvider clock, ChangeContext change)
{
    /// <summary>Public applications are read past the tenancy filter, so the filter here is the whole of what is public.</summary>
    private IQueryable<Application> Public => db.Applications.IgnoreQueryFilters().AsNoTracking()
        .Where(a => a.Status != ApplicationStatus.Draft && a.SubmittedAt != null);

    public async Task<Result<Page<PublicApplicationSummary>>> OpenForCommentAsync(int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var today = clock.Today();
        var result = await Public
            .Where(a => (a.Status == ApplicationStatus.Submitted || a.Status == ApplicationStatus.UnderReview
                || a.Status == ApplicationStatus.InformationRequested)
                && a.CommentOpensOn <= today && a.CommentClosesOn >= today)
            .OrderBy(a => a.CommentClosesOn).ThenBy(a => a.Id)
            .Join(db.Agencies, a => a.AgencyId, agency => agency.Id, (a, agency) => new
            {
                a.Id, a.AgencyId, AgencyName = agency.Name, agency.State,
                Models = a.Models.Select(m => m.Model).ToList(), a.CommentOpensOn, a.CommentClosesOn,
            })
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<PublicApplicationSummary>(
            result.Items.Select(a => new PublicApplicationSummary(a.Id, a.AgencyId, a.AgencyName, a.State,
                a.Models.OrderBy(m => m).Select(m => m.Code()).ToList(),
                a.CommentOpensOn!.Value, a.CommentClosesOn!.Value)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }

    public const int CommentPageSize = 50;

    /// <summary>The application's public view, with one page of its published comments (oldest first).</summary>
    public async Task<Result<PublicApplication>> GetAsync(Guid id, CancellationToken ct, int? commentPage = null)
    {
        var paging = Paging.Validate(commentPage, CommentPageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var a = await Public.Include(x => x.Models).Include(x => x.Meetings).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return ApplicationErrors.NotFound;
        var agency = await db.Agencies.AsNoTracking().Where(x => x.Id == a.AgencyId).Select(x => new { x.Name, x.State }).SingleAsync(ct);
        var comments = db.PublicComments.IgnoreQueryFilters().AsNoTracking().Where(c => c.ApplicationId == id);
        var published = await comments.Where(c => c.Status == CommentStatus.Published).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.Language, c.Name, c.Body, "published", c.CreatedAt, null))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new PublicApplication(a.Id, a.AgencyId, agency.Name, agency.State, a.Status.Code(),
            a.Models.OrderBy(m => m.Model).Select(m => new RequestedModelView(m.Model.Code(), m.Model.IceName(), m.Officers)).ToList(),
            a.Objectives, a.Priorities, a.Meetings.OrderBy(m => m.HeldOn).Select(m => new MeetingView(m.HeldOn, m.Audience, m.Attendance, m.Summary)).ToList(),
            a.CommentOpensOn, a.CommentClosesOn, a.IsOpenForComment(clock.Today()), published.Items, await comments.CountAsync(ct),
            published.Total, published.PageNumber, published.PageCount);
    }

    /// <summary>Anyone may comment while the period is open. The comment waits for moderation before it is shown.</summary>
    public async Task<Result<Guid>> CommentAsync(Guid id, CommentInput input, CancellationToken ct)
    {
        var application = await db.Applications.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id
            && a.Status != ApplicationStatus.Draft, ct);
        if (application is null) return ApplicationErrors.NotFound;
        var comment = PublicComment.Submit(application, clock.Today(), input.Language, input.Name, input.Body);
        if (!comment.IsSuccess) return comment.Error!;
        db.PublicComments.Add(comment.Value);
        change.For("comment.submit", "A member of the public commented");
        await db.SaveChangesAsync(ct);
        return comment.Value.Id;
    }

    /// <summary>The program office's moderation queue: every pending comment, oldest first.</summary>
    public async Task<Result<Page<ModerationItem>>> PendingAsync(Actor actor, int? page, int? pageSize, CancellationToken ct)
    {
        if (actor.Role != Role.ProgramOffice) return ApplicationErrors.IceOnly;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        return await db.PublicComments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending).OrderBy(c => c.CreatedAt)
            .Select(c => new ModerationItem(c.Id, c.ApplicationId, db.Agencies.Where(x => x.Id == c.AgencyId).Select(x => x.Name).First(), c.Language,
                c.Name, c.Body, c.CreatedAt))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
    }

    public async Task<Result<CommentView>> ModerateAsync(Guid commentId, Actor actor, ModerateInput input, CancellationToken ct)
    {
        var comment = await db.PublicComments.FirstOrDefaultAsync(c => c.Id == commentId, ct);
        if (comment is null) return CommentErrors.NotFound;
        if (actor.Role != Role.ProgramOffice) return ApplicationErrors.IceOnly;
        bool? publish = input.Decision?.Trim().ToLowerInvariant() switch
        {
            "publish" => true,
            "reject" => false,
            _ => null,
        };
        if (publish is null)
            return Error.Invalid("comment.decision_invalid", "Choose publish or reject.",
                new Dictionary<string, string[]> { ["decision"] = ["Choose publish or reject."] });
        if (comment.Moderate(publish.Value, input.Reason, actor.Id, clock.GetUtcNow().UtcDateTime) is { } refused) return refused;
        change.For(publish.Value ? "comment.publish" : "comment.reject", input.Reason?.Trim() ?? "Published");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return new CommentView(comment.Id, comment.Language, comment.Name, comment.Body, comment.Status.ToString().ToLowerInvariant(),
            comment.CreatedAt, comment.ModerationReason);
    }
}

public sealed record ModerationItem(Guid Id, Guid ApplicationId, string AgencyName, string Language, string? Name, string Body, DateTime SubmittedAt);
