using System.Text;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Costs;

/// <summary>Costs and reimbursement: each agreement's quarters, the claims ICE reviews and pays, and the measures drawn from them.</summary>
public static class CostsFeature
{
    public static IServiceCollection AddCosts(this IServiceCollection services)
    {
        services.AddScoped<CostWorkflow>();
        services.AddScoped<CostMeasures>();
        return services;
    }

    public static RouteGroupBuilder MapCosts(this RouteGroupBuilder api)
    {
        var agreements = api.MapGroup("/agreements").WithTags("Costs").RequireAuthorization(Identity.StaffPolicy);
        agreements.MapGet("/{id:guid}/costs", async (CostWorkflow w, Guid id, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await w.ListAsync(id, actor, page, pageSize, ct)).ToHttp());
        agreements.MapPost("/{id:guid}/costs", async (CostWorkflow w, Guid id, OpenQuarterInput input, Actor actor, CancellationToken ct) =>
            (await w.OpenAsync(id, actor, input, ct)).ToHttp());

        var costs = api.MapGroup("/costs").WithTags("Costs").RequireAuthorization(Identity.StaffPolicy);
        costs.MapGet("/{id:guid}", async (CostWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.GetAsync(id, actor, ct)).ToHttp());
        costs.MapPut("/{id:guid}", async (CostWorkflow w, Guid id, QuarterCostInput input, Actor actor, CancellationToken ct) =>
            (await w.SaveAsync(id, actor, input, ct)).ToHttp());
        costs.MapPost("/{id:guid}/submission", async (CostWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.SubmitAsync(id, actor, ct)).ToHttp());
        costs.MapPost("/{id:guid}/return", async (CostWorkflow w, Guid id, ReturnInput input, Actor actor, CancellationToken ct) =>
            (await w.ReturnAsync(id, actor, input, ct)).ToHttp());
        costs.MapPost("/{id:guid}/approval", async (CostWorkflow w, Guid id, ApproveInput input, Actor actor, CancellationToken ct) =>
            (await w.ApproveAsync(id, actor, input, ct)).ToHttp());
        costs.MapPost("/{id:guid}/payment", async (CostWorkflow w, Guid id, PaymentInput input, Actor actor, CancellationToken ct) =>
            (await w.PayAsync(id, actor, input, ct)).ToHttp());

        var agencies = api.MapGroup("/agencies").WithTags("Costs").RequireAuthorization(Identity.StaffPolicy);
        agencies.MapGet("/{id:guid}/costs", async (CostMeasures m, Guid id, Actor actor, CancellationToken ct) => (await m.ForAgencyAsync(id, actor, ct)).ToHttp());

        // Public: once ICE's public affairs and privacy offices have both approved the release.
        var figures = api.MapGroup("/figures").WithTags("Public figures").AllowAnonymous();
        figures.MapGet("/costs", async (CostMeasures m, CancellationToken ct) =>
            await m.ReleasedAsync(ct) ? Results.Json(await m.NationalAsync(ct)) : NotReleased.ToProblem());
        figures.MapGet("/costs.csv", async (CostMeasures m, CancellationToken ct) =>
            await m.ReleasedAsync(ct)
                ? Results.File(Encoding.UTF8.GetBytes(CostMeasures.Csv(await m.NationalAsync(ct))), "text/csv; charset=utf-8", "agreement-costs.csv")
                : NotReleased.ToProblem());
        return api;
    }

    public static readonly Error NotReleased = Error.NotFound("costs.not_released",
        "The agencies' costs have not been released to the public: ICE's Office of Public Affairs and its Privacy Office both approve them first.");
}
