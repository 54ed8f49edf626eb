using System.Security.Claims;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Encounters;

public static class EncountersApi
{
    public static void Map(RouteGroupBuilder api)
    {
        // The rules are public policy: anyone may read them.
        api.MapGet("/rules", () => TypedResults.Ok(new
        {
            rules = RuleBook.All.Concat(Features.Agreements.AgreementRules.All).Select(r => new { r.Code, r.Sentence, r.Source, Kind = r.Kind.ToString().ToLowerInvariant(), Basis = r.Basis.ToString().ToLowerInvariant() }),
            authorityReasons = RuleBook.AuthorityReasons.Select(r => new { r.Code, r.Sentence, r.Source }),
        })).WithTags("Rules").AllowAnonymous();

        var encounters = api.MapGroup("/encounters").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        encounters.MapPost("/", async (EncounterWorkflow w, EncounterInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.OpenAsync(Actor.Of(user), input, ct)).ToCreated(e => $"/api/v1/encounters/{e.Id}"));
        encounters.MapGet("/", async (EncounterWorkflow w, Guid? agreementId, string? status, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ListAsync(Actor.Of(user), agreementId, status, page, pageSize, ct)).ToHttp());
        encounters.MapPost("/lookup", async (EncounterWorkflow w, LookupInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.LookupAsync(Actor.Of(user), input, ct)).ToHttp());
        encounters.MapGet("/{id:guid}", async (EncounterWorkflow w, Guid id, ClaimsPrincipal user, CancellationToken ct) => (await w.GetAsync(id, Actor.Of(user), ct)).ToHttp());
        encounters.MapPut("/{id:guid}", async (EncounterWorkflow w, Guid id, CorrectionInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.CorrectAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/person/reads", async (EncounterWorkflow w, Guid id, RevealInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.RevealPersonAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/actions", async (EncounterWorkflow w, Guid id, ActionInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ActAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/detainers", async (EncounterWorkflow w, Guid id, DetainerInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.RequestDetainerAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims", async (EncounterWorkflow w, Guid id, ClaimInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ClaimCitizenshipAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/report", async (EncounterWorkflow w, Guid id, ReportInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ReportClaimAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/investigation", async (EncounterWorkflow w, Guid id, InvestigationInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.InvestigateClaimAsync(id, Actor.Of(user), input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/resolution", async (EncounterWorkflow w, Guid id, ResolveInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ResolveClaimAsync(id, Actor.Of(user), input, ct)).ToHttp());

        api.MapGet("/supervision", async (Supervision s, ClaimsPrincipal user, CancellationToken ct) => (await s.QueueAsync(Actor.Of(user), ct)).ToHttp())
            .WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGet("/incidents", async (Supervision s, ClaimsPrincipal user, CancellationToken ct) => (await s.OpenIncidentsAsync(Actor.Of(user), ct)).ToHttp())
            .WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapPost("/incidents/{id:guid}/closure", async (Supervision s, Audit.ChangeContext change, Guid id, ResolutionText input, ClaimsPrincipal user, CancellationToken ct) =>
            (await s.CloseIncidentAsync(id, Actor.Of(user), input.Resolution, change, ct)).ToHttp()).WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGet("/measures/use-of-authority", async (Measures m, string? level, string? subject, DateOnly? from, DateOnly? to, ClaimsPrincipal user, CancellationToken ct) =>
            (await m.UseOfAuthorityAsync(Actor.Of(user), level, subject, from, to, ct)).ToHttp()).WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);

        var detainers = api.MapGroup("/detainers").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGroup("/documents").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy)
            .MapPost("/{id:guid}/review", async (EncounterWorkflow w, Guid id, ReviewInput input, ClaimsPrincipal user, CancellationToken ct) =>
                (await w.ReviewDocumentAsync(id, Actor.Of(user), input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/review", async (EncounterWorkflow w, Guid id, ReviewInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.ReviewDetainerAsync(id, Actor.Of(user), input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/answer", async (EncounterWorkflow w, Guid id, AnswerInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.AnswerDetainerAsync(id, Actor.Of(user), input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/transmission", async (EncounterWorkflow w, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.TransmitDetainerAsync(id, Actor.Of(user), ct)).ToHttp());
    }
}

public sealed record ResolutionText(string? Resolution);
