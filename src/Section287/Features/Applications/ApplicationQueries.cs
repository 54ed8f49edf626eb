using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Applications;

/// <summary>Reads applications: for staff within their scope, and for the public only what is public.</summary>
public sealed class ApplicationQueries(AppDbContext db, TimeProvider clock)
{
    /// <summary>The application with everything its rules need, tracked, within the user's scope.</summary>
    public Task<Application?> LoadAsync(Guid id, CancellationToken ct) => WithParts(db.Applications).FirstOrDefaultAsync(a => a.Id == id, ct);

    private static IQueryable<Application> WithParts(IQueryable<Application> applications) =>
        applications.Include(a => a.Models).Include(a => a.Meetings).Include(a => a.Checklist).Include(a => a.InformationRequests).AsSplitQuery();

    public async Task<Result<ApplicationView>> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await WithParts(db.Applications.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return ApplicationErrors.NotFound;
        var agencyName = await db.Agencies.Where(x => x.Id == a.AgencyId).Select(x => x.Name).SingleAsync(ct);
        var attachments = await db.Attachments.Where(x => x.ApplicationId == id).OrderBy(x => x.CreatedAt)
            .Select(x => new AttachmentView(x.Id, x.FileName, x.ContentType, x.Length, x.Sha256, x.Description, x.CreatedAt)).ToListAsync(ct);
        var comments = await db.PublicComments.Where(c => c.ApplicationId == id).GroupBy(c => c.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(CommentStatus s) => comments.FirstOrDefault(c => c.Status == s)?.Count ?? 0;
        var deadlines = await DeadlineView.OfSubjectAsync(db, id, clock.GetUtcNow().UtcDateTime, ct);
        var agreements = await db.Agreements.Where(g => g.ApplicationId == id).OrderBy(g => g.Model).Select(g => g.Id).ToListAsync(ct);
        var today = clock.Today();
        return new ApplicationView(
            a.Id, a.AgencyId, agencyName, a.Status.Code(), a.Version,
            a.Models.OrderBy(m => m.Model).Select(m => new RequestedModelView(m.Model.Code(), m.Model.IceName(), m.Officers)).ToList(),
            a.StaffAvailable, a.JailBeds, a.DailyBookings, a.HasItConnectivity, a.EquipmentSite, a.BudgetDollars, a.BudgetNotes,
            a.LegalReviewDone, a.LegalReviewNotes, a.Objectives, a.Priorities, a.CommentOpensOn, a.CommentClosesOn, a.IsOpenForComment(today),
            a.Meetings.OrderBy(m => m.HeldOn).Select(m => new MeetingView(m.HeldOn, m.Audience, m.Attendance, m.Summary)).ToList(),
            attachments, a.SubmittedAt, a.ReviewerName,
            ReviewItems.All.Select(i => (Item: i, Check: a.Checklist.FirstOrDefault(c => c.Item == i.Code))).Where(x => x.Check is not null)
                .Select(x => new CheckView(x.Item.Code, x.Item.Question, x.Check!.Satisfied, x.Check.Note, x.Check.CheckedAt)).ToList(),
            a.InformationRequests.OrderBy(r => r.AskedAt).Select(r => new InformationRequestView(r.Id, r.Questions, r.AskedByName, r.AskedAt,
                r.Answer, r.AnsweredByName, r.AnsweredAt)).ToList(),
            a.ProposedOutcome?.ToString().ToLowerInvariant(), a.Rationale, a.PreparedById, a.PreparedByName, a.PreparedAt,
            a.DecidedByName, a.DecidedAt, a.WithdrawalReason,
            new CommentCounts(comments.Sum(c => c.Count), Count(CommentStatus.Pending), Count(CommentStatus.Published), Count(CommentStatus.Rejected)),
            deadlines, agreements,
            a.Status == ApplicationStatus.Draft ? a.Missing(today) : new Dictionary<string, string[]>());
    }

    /// <summary>The orders the application list offers; "updated" (newest change first) is the default.</summary>
    public static readonly string[] ListOrders = ["updated", "agency", "submitted", "comment"];

    public async Task<Result<Page<ApplicationSummary>>> ListAsync(string? status, int? page, int? pageSize, CancellationToken ct,
        string order = "updated", bool descending = false)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.Applications.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (ApplicationStatuses.FromCode(status) is not { } s)
                return Error.Invalid("application.status_invalid", "Unknown status.",
                    new Dictionary<string, string[]> { ["status"] = ["Choose a status of an application."] });
            query = query.Where(a => a.Status == s);
        }
        var joined = query
            .Join(db.Agencies, a => a.AgencyId, agency => agency.Id, (a, agency) => new
            {
                a.Id, a.AgencyId, AgencyName = agency.Name, agency.State,
                a.Status, Models = a.Models.Select(m => m.Model).ToList(), a.SubmittedAt, a.CommentOpensOn, a.CommentClosesOn, a.ReviewerName, a.UpdatedAt,
            });
        // "updated" reads newest first unless reversed; the others read ascending unless reversed.
        var ordered = order switch
        {
            "agency" => joined.SortBy(a => a.AgencyName, descending),
            "submitted" => joined.SortBy(a => a.SubmittedAt, descending),
            "comment" => joined.SortBy(a => a.CommentClosesOn, descending),
            _ => joined.SortBy(a => a.UpdatedAt, !descending),
        };
        var result = await ordered.ThenBy(a => a.Id).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<ApplicationSummary>(
            result.Items.Select(a => new ApplicationSummary(a.Id, a.AgencyId, a.AgencyName, a.State, a.Status.Code(),
                a.Models.OrderBy(m => m).Select(m => m.Code()).ToList(),
                a.SubmittedAt, a.CommentOpensOn, a.CommentClosesOn, a.ReviewerName, a.UpdatedAt)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }
}
