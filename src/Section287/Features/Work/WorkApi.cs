using System.Security.Claims;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Work;

public static class WorkApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Work").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/my-work", async (WorkQueries work, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await work.MineAsync(Actor.Of(user), page, pageSize, ct)));
        group.MapGet("/deadlines/overdue", async (WorkQueries work, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await work.OverdueAsync(Actor.Of(user), page, pageSize, ct)));
        group.MapGet("/deadlines", async (WorkQueries work, Guid subjectId, CancellationToken ct) => TypedResults.Ok(await work.OfSubjectAsync(subjectId, ct)));
        group.MapGet("/notifications", async (WorkQueries work, bool? unread, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await work.NotificationsAsync(Actor.Of(user), unread == true, page, pageSize, ct)));
        group.MapPost("/notifications/{id:guid}/read", async (WorkQueries work, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await work.MarkReadAsync(Actor.Of(user), id, ct)));
    }

    private static IResult Ok<T>(Result<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
}
