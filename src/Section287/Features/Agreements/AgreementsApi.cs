using System.Security.Claims;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Agreements;

public static class AgreementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);

        group.MapPost("/{id:guid}/suspension", async (ChangeAgreementStatus handler, Guid id, SuspendInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Respond(await handler.SuspendAsync(id, Identity.RoleOf(user), input, ct)));

        group.MapPost("/{id:guid}/reinstatement", async (ChangeAgreementStatus handler, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            Respond(await handler.ReinstateAsync(id, Identity.RoleOf(user), ct)));

        group.MapPost("/{id:guid}/termination-notice", async (ChangeAgreementStatus handler, Guid id, TerminationNoticeInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Respond(await handler.GiveTerminationNoticeAsync(id, Identity.RoleOf(user), input, ct)));
    }

    private static IResult Respond(Result<AgreementStatusView> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
}
