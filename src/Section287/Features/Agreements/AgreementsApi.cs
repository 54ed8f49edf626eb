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
            (await handler.SuspendAsync(id, Identity.RoleOf(user), input, ct)).ToHttp());

        group.MapPost("/{id:guid}/suspension/extension", async (ChangeAgreementStatus handler, Guid id, ExtensionInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await handler.ExtendSuspensionAsync(id, Identity.RoleOf(user), input, ct)).ToHttp());

        group.MapPost("/{id:guid}/reinstatement", async (ChangeAgreementStatus handler, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            (await handler.ReinstateAsync(id, Identity.RoleOf(user), ct)).ToHttp());

        group.MapPost("/{id:guid}/termination-notice", async (ChangeAgreementStatus handler, Guid id, TerminationNoticeInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await handler.GiveTerminationNoticeAsync(id, Identity.RoleOf(user), input, ct)).ToHttp());

        group.MapGet("/{id:guid}/training-requirements", async (Training.TrainingRequirementsWorkflow w, Guid id, CancellationToken ct) => (await w.ListAsync(id, ct)).ToHttp());
        group.MapPost("/{id:guid}/training-requirements", async (Training.TrainingRequirementsWorkflow w, Guid id, Training.RequirementInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await w.RequireAsync(id, Actor.Of(user), input, ct)).ToHttp());
        group.MapGet("/{id:guid}/statistics-requests", async (StatisticsRequests r, Guid id, CancellationToken ct) => (await r.ListAsync(id, ct)).ToHttp());
        group.MapPost("/{id:guid}/statistics-requests", async (StatisticsRequests r, Guid id, StatisticsRequestInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await r.RequestAsync(id, Actor.Of(user), input, ct)).ToHttp());
        var statistics = api.MapGroup("/statistics-requests").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);
        statistics.MapPost("/{id:guid}/answer", async (StatisticsRequests r, Guid id, StatisticsAnswerInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await r.AnswerAsync(id, Actor.Of(user), input, ct)).ToHttp());
        statistics.MapGet("/{id:guid}/export", async (StatisticsRequests r, Guid id, CancellationToken ct) =>
        {
            var export = await r.ExportAsync(id, ct);
            return export.IsSuccess ? Results.File(System.Text.Encoding.UTF8.GetBytes(export.Value.Csv), "text/csv; charset=utf-8", export.Value.FileName) : (IResult)export.Error!.ToProblem();
        });
        group.MapGet("/{id:guid}/terms", async (AgreementTermsWorkflow terms, Guid id, CancellationToken ct) => (await terms.GetAsync(id, ct)).ToHttp());
        group.MapPut("/{id:guid}/ice-categories", async (AgreementTermsWorkflow terms, Guid id, CategoriesInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await terms.SetCategoriesAsync(id, Actor.Of(user), input, ct)).ToHttp());
        group.MapPut("/{id:guid}/policies/{code}", async (AgreementTermsWorkflow terms, Guid id, string code, PolicyInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await terms.SwitchPolicyAsync(id, code, Actor.Of(user), input, ct)).ToHttp());
    }

    public static void MapWorkflow(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/{id:guid}", async (AgreementWorkflow workflow, Guid id, CancellationToken ct) => (await workflow.GetAsync(id, ct)).ToHttp());
        group.MapGet("/{id:guid}/versions/{number:int}", async (AgreementWorkflow workflow, Guid id, int number, CancellationToken ct) =>
            (await workflow.GetVersionAsync(id, number, ct)).ToHttp());
        group.MapGet("/{id:guid}/versions/{number:int}/pdf", async (AgreementWorkflow workflow, Guid id, int number, CancellationToken ct) =>
            (await workflow.PdfAsync(id, number, ct)).ToPdf());
        group.MapPut("/{id:guid}/draft/sections/{section}", async (AgreementWorkflow workflow, Guid id, string section, EditSectionInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await workflow.EditDraftAsync(id, section, Actor.Of(user), input, ct)).ToHttp());
        group.MapPost("/{id:guid}/signature-request", async (AgreementWorkflow workflow, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            (await workflow.SendForSignatureAsync(id, Actor.Of(user), ct)).ToHttp());
        group.MapPost("/{id:guid}/signatures", async (AgreementWorkflow workflow, Guid id, SignInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await workflow.SignAsync(id, Actor.Of(user), input, ct)).ToHttp());
        group.MapPost("/{id:guid}/amendments", async (AgreementWorkflow workflow, Guid id, AmendInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await workflow.AmendAsync(id, Actor.Of(user), input, ct)).ToHttp());
        group.MapPost("/{id:guid}/milestones", async (AgreementWorkflow workflow, Guid id, MilestoneInput input, ClaimsPrincipal user, CancellationToken ct) =>
            (await workflow.RecordMilestoneAsync(id, Actor.Of(user), input, ct)).ToHttp());
    }
}
