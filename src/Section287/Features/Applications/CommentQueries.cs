using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;

namespace Section287.Features.Applications;

/// <summary>All comments on an application, whatever their moderation, for the reviewers (within scope).</summary>
public sealed class CommentQueries(AppDbContext db)
{
    public async Task<Result<Page<CommentView>>> OfApplicationAsync(Guid applicationId, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        if (!await db.Applications.AnyAsync(a => a.Id == applicationId, ct)) return ApplicationErrors.NotFound;
        var result = await db.PublicComments.AsNoTracking().Where(c => c.ApplicationId == applicationId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<CommentView>(result.Items.Select(c => new CommentView(c.Id, c.Language, c.Name, c.Body,
            c.Status.ToString().ToLowerInvariant(), c.CreatedAt, c.ModerationReason)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }
}
