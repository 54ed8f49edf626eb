using System.Text;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Evaluation;

/// <summary>The evaluation feature: the county crime panel and the staggered difference-in-differences over it.</summary>
public static class EvaluationFeature
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddScoped<CrimePanels>();
        services.AddScoped<Treatment>();
        services.AddScoped<CrimeEvaluation>();
        services.AddSingleton<EvaluationCache>();
        return services;
    }

    public static RouteGroupBuilder MapEvaluation(this RouteGroupBuilder api)
    {
        // Staff: always. The evaluation stands on public data only (ICE's lists, the crime panel); the release decides the portal.
        var staff = api.MapGroup("/evaluation").WithTags("Evaluation").RequireAuthorization(Identity.StaffPolicy);
        staff.MapGet("/crime", (CrimeEvaluation e, string? outcome, CancellationToken ct) => Json(e, outcome, ct));
        staff.MapGet("/crime.csv", (CrimeEvaluation e, string? outcome, CancellationToken ct) => Csv(e, outcome, ct));

        // Public: only once ICE's public affairs and privacy offices have both approved the release.
        var figures = api.MapGroup("/figures").WithTags("Public figures").AllowAnonymous();
        figures.MapGet("/evaluation", async (CrimeEvaluation e, string? outcome, CancellationToken ct) =>
            await e.ReleasedAsync(ct) ? await Json(e, outcome, ct) : NotReleased.ToProblem());
        figures.MapGet("/evaluation.csv", async (CrimeEvaluation e, string? outcome, CancellationToken ct) =>
            await e.ReleasedAsync(ct) ? await Csv(e, outcome, ct) : NotReleased.ToProblem());
        return api;
    }

    public static readonly Error NotReleased = Error.NotFound("evaluation.not_released",
        "The crime evaluation has not been released to the public: ICE's Office of Public Affairs and its Privacy Office both approve it first.");

    private static async Task<IResult> Json(CrimeEvaluation e, string? outcome, CancellationToken ct)
    {
        var query = EvaluationQuery.Parse(outcome, null);
        if (!query.IsSuccess) return query.Error!.ToProblem();
        var report = await e.RunAsync(query.Value.Outcome, ct);
        return report.IsSuccess ? Results.Json(EvaluationJson.Of(report.Value)) : report.Error!.ToProblem();
    }

    private static async Task<IResult> Csv(CrimeEvaluation e, string? outcome, CancellationToken ct)
    {
        var query = EvaluationQuery.Parse(outcome, null);
        if (!query.IsSuccess) return query.Error!.ToProblem();
        var report = await e.RunAsync(query.Value.Outcome, ct);
        return report.IsSuccess
            ? Results.File(Encoding.UTF8.GetBytes(EvaluationJson.Csv(report.Value)), "text/csv; charset=utf-8", $"crime-evaluation-{query.Value.Outcome.Code()}.csv")
            : report.Error!.ToProblem();
    }
}
