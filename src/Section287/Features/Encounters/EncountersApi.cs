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
            rules = RuleBook.All.Concat(Features.Agreements.AgreementRules.All).Select(r => new { r.Code, r.Sentence, r.Source,
                Kind = r.Kind.ToString().ToLowerInvariant(), Basis = r.Basis.ToString().ToLowerInvariant() }),
            authorityReasons = RuleBook.AuthorityReasons.Select(r => new { r.Code, r.Sentence, r.Source }),
        })).WithTags("Rules").AllowAnonymous();

        var encounters = api.MapGroup("/encounters").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        encounters.MapPost("/", async (EncounterWorkflow w, EncounterInput input, Actor actor, CancellationToken ct) =>
            (await w.OpenAsync(actor, input, ct)).ToCreated(e => $"/api/v1/encounters/{e.Id}"));
        encounters.MapGet("/", async (EncounterWorkflow w, Guid? agreementId, string? status, string? after, int? pageSize, Actor actor, CancellationToken ct) =>
            (await w.ListAsync(actor, agreementId, status, after, pageSize, ct)).ToHttp());
        encounters.MapPost("/lookup", async (EncounterWorkflow w, LookupInput input, Actor actor, CancellationToken ct) =>
            (await w.LookupAsync(actor, input, ct)).ToHttp());
        encounters.MapGet("/{id:guid}", async (EncounterWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.GetAsync(id, actor, ct)).ToHttp());
        encounters.MapPut("/{id:guid}", async (EncounterWorkflow w, Guid id, CorrectionInput input, Actor actor, CancellationToken ct) =>
            (await w.CorrectAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/person/reads", async (EncounterWorkflow w, Guid id, RevealInput input, Actor actor, CancellationToken ct) =>
            (await w.RevealPersonAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/actions", async (EncounterWorkflow w, Guid id, ActionInput input, Actor actor, CancellationToken ct) =>
            (await w.ActAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/detainers", async (EncounterWorkflow w, Guid id, DetainerInput input, Actor actor, CancellationToken ct) =>
            (await w.RequestDetainerAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims", async (EncounterWorkflow w, Guid id, ClaimInput input, Actor actor, CancellationToken ct) =>
            (await w.ClaimCitizenshipAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/report", async (EncounterWorkflow w, Guid id, ReportInput input, Actor actor, CancellationToken ct) =>
            (await w.ReportClaimAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/investigation",
            async (EncounterWorkflow w, Guid id, InvestigationInput input, Actor actor, CancellationToken ct) =>
            (await w.InvestigateClaimAsync(id, actor, input, ct)).ToHttp());
        encounters.MapPost("/{id:guid}/citizenship-claims/resolution",
            async (EncounterWorkflow w, Guid id, ResolveInput input, Actor actor, CancellationToken ct) =>
            (await w.ResolveClaimAsync(id, actor, input, ct)).ToHttp());

        api.MapGet("/supervision", async (Supervision s, Actor actor, CancellationToken ct) => (await s.QueueAsync(actor, ct)).ToHttp())
            .WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGet("/incidents", async (Supervision s, Actor actor, CancellationToken ct) => (await s.OpenIncidentsAsync(actor, ct)).ToHttp())
            .WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapPost("/incidents/{id:guid}/closure",
            async (Supervision s, Audit.ChangeContext change, Guid id, ResolutionText input, Actor actor, CancellationToken ct) =>
            (await s.CloseIncidentAsync(id, actor, input.Resolution, change, ct)).ToHttp()).WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGet("/measures/use-of-authority",
            async (Measures m, string? level, string? subject, DateOnly? from, DateOnly? to, Actor actor, CancellationToken ct) =>
            (await m.UseOfAuthorityAsync(actor, level, subject, from, to, ct)).ToHttp()).WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);

        var detainers = api.MapGroup("/detainers").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy);
        api.MapGroup("/documents").WithTags("Encounters").RequireAuthorization(Identity.StaffPolicy)
            .MapPost("/{id:guid}/review", async (EncounterWorkflow w, Guid id, ReviewInput input, Actor actor, CancellationToken ct) =>
                (await w.ReviewDocumentAsync(id, actor, input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/review", async (EncounterWorkflow w, Guid id, ReviewInput input, Actor actor, CancellationToken ct) =>
            (await w.ReviewDetainerAsync(id, actor, input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/answer", async (EncounterWorkflow w, Guid id, AnswerInput input, Actor actor, CancellationToken ct) =>
            (await w.AnswerDetainerAsync(id, actor, input, ct)).ToHttp());
        detainers.MapPost("/{id:guid}/transmission", async (EncounterWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.TransmitDetainerAsync(id, actor, ct)).ToHttp());
    }
}

public sealed record ResolutionText(string? Resolution);
