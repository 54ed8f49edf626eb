using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Inspections;

/// <summary>The Inspections feature's registration and API.</summary>
public static class InspectionsFeature
{
    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddScoped<InspectionWorkflow>();
        return services;
    }

    public static RouteGroupBuilder MapInspections(this RouteGroupBuilder api)
    {
        var agreements = api.MapGroup("/agreements").WithTags("Inspections").RequireAuthorization(Identity.StaffPolicy);
        agreements.MapPost("/{id:guid}/inspections", async (InspectionWorkflow w, Guid id, ScheduleInput input, Actor actor, CancellationToken ct) =>
        {
            var scheduled = await w.ScheduleAsync(id, actor, input, ct);
            return scheduled.IsSuccess ? Results.Created($"/api/v1/inspections/{scheduled.Value.Id}", scheduled.Value) : scheduled.Error!.ToProblem();
        });
        var group = api.MapGroup("/inspections").WithTags("Inspections").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/", async (InspectionWorkflow w, Guid? agreementId, string? status, int? page, int? pageSize, CancellationToken ct) =>
            (await w.ListAsync(agreementId, status, page, pageSize, ct)).ToHttp());
        group.MapGet("/findings", async (InspectionWorkflow w, bool? open, int? page, int? pageSize, CancellationToken ct) =>
            (await w.FindingsAsync(open ?? true, page, pageSize, ct)).ToHttp());
        group.MapGet("/{id:guid}", async (InspectionWorkflow w, Guid id, CancellationToken ct) => (await w.GetAsync(id, ct)).ToHttp());
        group.MapGet("/{id:guid}/report", async (InspectionWorkflow w, Guid id, CancellationToken ct) => (await w.ReportPdfAsync(id, ct)).ToPdf());
        group.MapPost("/{id:guid}/start", async (InspectionWorkflow w, Guid id, StartInput input, Actor actor, CancellationToken ct) =>
            (await w.StartAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/cooperation", async (InspectionWorkflow w, Guid id, CooperationInput input, Actor actor, CancellationToken ct) =>
            (await w.CooperationAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/findings", async (InspectionWorkflow w, Guid id, FindingInput input, Actor actor, CancellationToken ct) =>
            (await w.FindAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/report", async (InspectionWorkflow w, Guid id, ReportInput input, Actor actor, CancellationToken ct) =>
            (await w.ReportAsync(id, actor, input, ct)).ToHttp());
        var items = api.MapGroup("/inspection-items").WithTags("Inspections").RequireAuthorization(Identity.StaffPolicy);
        items.MapPost("/{id:guid}/answer", async (InspectionWorkflow w, Guid id, AnswerInput input, Actor actor, CancellationToken ct) =>
            (await w.AnswerAsync(id, actor, input, ct)).ToHttp());
        var findings = api.MapGroup("/inspection-findings").WithTags("Inspections").RequireAuthorization(Identity.StaffPolicy);
        findings.MapPost("/{id:guid}/proof", async (InspectionWorkflow w, Guid id, ProofInput input, Actor actor, CancellationToken ct) =>
            (await w.ProveAsync(id, actor, input, ct)).ToHttp());
        findings.MapPost("/{id:guid}/closure", async (InspectionWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.CloseFindingAsync(id, actor, ct)).ToHttp());
        var agencies = api.MapGroup("/agencies").WithTags("Inspections").RequireAuthorization(Identity.StaffPolicy);
        agencies.MapGet("/{id:guid}/posters", async (InspectionWorkflow w, Guid id, CancellationToken ct) => (await w.PostersAsync(id, ct)).ToHttp());
        agencies.MapPost("/{id:guid}/posters", async (InspectionWorkflow w, Guid id, PosterInput input, Actor actor, CancellationToken ct) =>
            (await w.AttestAsync(id, actor, input, ct)).ToHttp());
        return api;
    }
}
