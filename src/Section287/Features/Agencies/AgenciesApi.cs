using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Agencies;

/// <summary>The non-public agency endpoints: signed-in staff, each within their scope.</summary>
public static class AgenciesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agencies").WithTags("Agencies").RequireAuthorization(Identity.StaffPolicy);

        group.MapGet("/", async (AgencyWorkspace workspace, string? q, int? page, int? pageSize, CancellationToken ct) =>
            (await workspace.ListAsync(q, page, pageSize, ct)).ToHttp());

        group.MapGet("/{id:guid}", async (AgencyWorkspace workspace, Guid id, CancellationToken ct) =>
            (await workspace.GetAsync(id, ct)).ToHttp());

        group.MapPut("/{id:guid}/centre", async (AgencyWorkspace workspace, Guid id, SetCentreInput input, Actor actor, CancellationToken ct) =>
            (await workspace.SetCentreAsync(id, actor.Role, input, ct)).ToHttp());
        group.MapPut("/{id:guid}/time-zone", async (AgencyWorkspace workspace, Guid id, SetTimeZoneInput input, Actor actor, CancellationToken ct) =>
            (await workspace.SetTimeZoneAsync(id, actor.Role, input, ct)).ToHttp());

        group.MapPut("/{id:guid}/detention-agreement",
            async (AgencyWorkspace workspace, Guid id, DetentionAgreementInput input, Actor actor, CancellationToken ct) =>
            (await workspace.SetDetentionAgreementAsync(id, actor.Role, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/interpreters",
            async (AgencyWorkspace workspace, Guid id, InterpreterInput input, Actor actor, TimeProvider clock, CancellationToken ct) =>
            (await workspace.AddInterpreterAsync(id, actor, input, clock.GetUtcNow().UtcDateTime, ct)).ToHttp());
        group.MapPost("/{id:guid}/interpreters/{interpreterId:guid}/removal",
            async (AgencyWorkspace workspace, Guid id, Guid interpreterId, Actor actor, TimeProvider clock, CancellationToken ct) =>
            (await workspace.RemoveInterpreterAsync(id, interpreterId, actor, clock.GetUtcNow().UtcDateTime, ct)).ToHttp());
        group.MapPost("/{id:guid}/contacts", async (AgencyWorkspace workspace, Guid id, AddContactInput input, Actor actor, CancellationToken ct) =>
            (await workspace.AddContactAsync(id, actor.Role, input, ct)).ToCreated(_ => $"/api/v1/agencies/{id}"));

        group.MapPut("/{id:guid}/contacts/{contactId:guid}",
            async (AgencyWorkspace workspace, Guid id, Guid contactId, UpdateContactInput input, Actor actor, CancellationToken ct) =>
            (await workspace.UpdateContactAsync(id, contactId, actor.Role, input, ct)).ToHttp());
    }
}
