using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Agreements;

public static class AgreementsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);

        group.MapPost("/{id:guid}/suspension", async (ChangeAgreementStatus handler, Guid id, SuspendInput input, Actor actor, CancellationToken ct) =>
            (await handler.SuspendAsync(id, actor.Role, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/suspension/extension",
            async (ChangeAgreementStatus handler, Guid id, ExtensionInput input, Actor actor, CancellationToken ct) =>
            (await handler.ExtendSuspensionAsync(id, actor.Role, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/reinstatement", async (ChangeAgreementStatus handler, Guid id, Actor actor, CancellationToken ct) =>
            (await handler.ReinstateAsync(id, actor.Role, ct)).ToHttp());

        group.MapPost("/{id:guid}/termination-notice",
            async (ChangeAgreementStatus handler, Guid id, TerminationNoticeInput input, Actor actor, CancellationToken ct) =>
            (await handler.GiveTerminationNoticeAsync(id, actor.Role, input, ct)).ToHttp());

        group.MapGet("/{id:guid}/training-requirements",
            async (Training.TrainingRequirementsWorkflow w, Guid id, CancellationToken ct) => (await w.ListAsync(id, ct)).ToHttp());
        group.MapPost("/{id:guid}/training-requirements",
            async (Training.TrainingRequirementsWorkflow w, Guid id, Training.RequirementInput input, Actor actor, CancellationToken ct) =>
            (await w.RequireAsync(id, actor, input, ct)).ToHttp());
        group.MapGet("/{id:guid}/statistics-requests", async (StatisticsRequests r, Guid id, CancellationToken ct) => (await r.ListAsync(id, ct)).ToHttp());
        group.MapPost("/{id:guid}/statistics-requests",
            async (StatisticsRequests r, Guid id, StatisticsRequestInput input, Actor actor, CancellationToken ct) =>
            (await r.RequestAsync(id, actor, input, ct)).ToHttp());
        var statistics = api.MapGroup("/statistics-requests").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);
        statistics.MapPost("/{id:guid}/answer", async (StatisticsRequests r, Guid id, StatisticsAnswerInput input, Actor actor, CancellationToken ct) =>
            (await r.AnswerAsync(id, actor, input, ct)).ToHttp());
        statistics.MapGet("/{id:guid}/export", async (StatisticsRequests r, Guid id, CancellationToken ct) =>
        {
            var export = await r.ExportAsync(id, ct);
            return export.IsSuccess ? Results.File(System.Text.Encoding.UTF8.GetBytes(export.Value.Csv), "text/csv; charset=utf-8",
                export.Value.FileName) : (IResult)export.Error!.ToProblem();
        });
        group.MapGet("/{id:guid}/terms", async (AgreementTermsWorkflow terms, Guid id, CancellationToken ct) => (await terms.GetAsync(id, ct)).ToHttp());
        group.MapPut("/{id:guid}/ice-categories", async (AgreementTermsWorkflow terms, Guid id, CategoriesInput input, Actor actor, CancellationToken ct) =>
            (await terms.SetCategoriesAsync(id, actor, input, ct)).ToHttp());
        group.MapPut("/{id:guid}/policies/{code}",
            async (AgreementTermsWorkflow terms, Guid id, string code, PolicyInput input, Actor actor, CancellationToken ct) =>
            (await terms.SwitchPolicyAsync(id, code, actor, input, ct)).ToHttp());
    }

    public static void MapWorkflow(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements").WithTags("Agreements").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/{id:guid}", async (AgreementWorkflow workflow, Guid id, CancellationToken ct) => (await workflow.GetAsync(id, ct)).ToHttp());
        group.MapGet("/{id:guid}/versions/{number:int}", async (AgreementWorkflow workflow, Guid id, int number, CancellationToken ct) =>
            (await workflow.GetVersionAsync(id, number, ct)).ToHttp());
        group.MapGet("/{id:guid}/versions/{number:int}/pdf", async (AgreementWorkflow workflow, Guid id, int number, CancellationToken ct) =>
            (await workflow.PdfAsync(id, number, ct)).ToPdf());
        group.MapPut("/{id:guid}/draft/sections/{section}",
            async (AgreementWorkflow workflow, Guid id, string section, EditSectionInput input, Actor actor, CancellationToken ct) =>
            (await workflow.EditDraftAsync(id, section, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/signature-request", async (AgreementWorkflow workflow, Guid id, Actor actor, CancellationToken ct) =>
            (await workflow.SendForSignatureAsync(id, actor, ct)).ToHttp());
        group.MapPost("/{id:guid}/signatures", async (AgreementWorkflow workflow, Guid id, SignInput input, Actor actor, CancellationToken ct) =>
            (await workflow.SignAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/amendments", async (AgreementWorkflow workflow, Guid id, AmendInput input, Actor actor, CancellationToken ct) =>
            (await workflow.AmendAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/milestones", async (AgreementWorkflow workflow, Guid id, MilestoneInput input, Actor actor, CancellationToken ct) =>
            (await workflow.RecordMilestoneAsync(id, actor, input, ct)).ToHttp());
    }
}
