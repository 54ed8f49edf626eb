using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.Audit;

public static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Identity.OversightPolicy);
        group.MapGet("/verification", async (VerifyAudit verify, CancellationToken ct) => TypedResults.Ok(await verify.HandleAsync(ct)));
        group.MapGet("/entries", async (AppDbContext db, int? page, int? pageSize, string? entityType, string? entityId, CancellationToken ct) =>
        {
            var paging = Paging.Validate(page, pageSize);
            if (!paging.IsSuccess) return (IResult)paging.Error!.ToProblem();
            var query = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(entityType)) query = query.Where(e => e.EntityType == entityType);
            if (!string.IsNullOrWhiteSpace(entityId)) query = query.Where(e => e.EntityId == entityId);
            var result = await query.OrderByDescending(e => e.Sequence).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
            return TypedResults.Ok(result with { Items = result.Items.Select(e => e.ForReaders()).ToList() });
        });
    }
}
