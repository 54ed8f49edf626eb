using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Work;

public static class WorkApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Work").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/my-work", async (WorkQueries work, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await work.MineAsync(actor, page, pageSize, ct)).ToHttp());
        group.MapGet("/deadlines/overdue", async (WorkQueries work, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await work.OverdueAsync(actor, page, pageSize, ct)).ToHttp());
        group.MapGet("/deadlines", async (WorkQueries work, Guid subjectId, CancellationToken ct) => TypedResults.Ok(await work.OfSubjectAsync(subjectId, ct)));
        group.MapGet("/notifications", async (WorkQueries work, bool? unread, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await work.NotificationsAsync(actor, unread == true, page, pageSize, ct)).ToHttp());
        group.MapPost("/notifications/{id:guid}/read", async (WorkQueries work, Guid id, Actor actor, CancellationToken ct) =>
            (await work.MarkReadAsync(actor, id, ct)).ToHttp());
    }
}
