using System.Globalization;
using System.Text;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Evidence;

/// <summary>The evidence feature: stop datasets and the disparity tests (OPP's published methods) over them.</summary>
public static class EvidenceFeature
{
    /// <summary>The largest stop file the API takes (a million OPP rows is about 150 MB).</summary>
    public const long MaxUpload = 512L * 1024 * 1024;

    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddScoped<StopDatasets>();
        services.AddScoped<ImmigrationTests>();
        services.AddScoped<EncounterStops>();
        return services;
    }

    public static RouteGroupBuilder MapEvidence(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/stop-datasets").WithTags("Evidence").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/", async (StopDatasets s, Guid? agencyId, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await s.ListAsync(actor, agencyId, page, pageSize, ct)).ToHttp());

        // The body is the stop file itself (text/csv), streamed into the database; what describes it comes in the query.
        group.MapPost("/", async (HttpRequest request, StopDatasets s, [AsParameters] DatasetQuery q, Actor actor, CancellationToken ct) =>
        {
            var imported = await s.ImportAsync(actor, q.Input(), request.Body, q.FileName ?? "upload.csv", ct);
            return imported.IsSuccess ? Results.Created($"/api/v1/stop-datasets/{imported.Value.Id}", imported.Value) : imported.Error!.ToProblem();
        }).Accepts<string>("text/csv").DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUpload));
        group.MapPut("/{id:guid}", async (HttpRequest request, StopDatasets s, Guid id, [AsParameters] DatasetQuery q, Actor actor, CancellationToken ct) =>
            (await s.ReplaceAsync(actor, id, q.Input(), request.Body, q.FileName ?? "upload.csv", ct)).ToHttp())
            .Accepts<string>("text/csv").DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUpload));

        group.MapGet("/{id:guid}", async (StopDatasets s, Guid id, Actor actor, CancellationToken ct) => (await s.GetAsync(actor, id, ct)).ToHttp());
        group.MapGet("/{id:guid}/stops.csv", async (HttpContext http, StopDatasets s, Guid id, Actor actor, CancellationToken ct) =>
        {
            var d = await s.ForExportAsync(actor, id, ct);
            if (!d.IsSuccess) return (IResult)d.Error!.ToProblem();
            return Results.Stream(output => s.WriteCsvAsync(d.Value, output, ct), "text/csv; charset=utf-8", FileName(d.Value.Name) + ".csv");
        });
        group.MapGet("/{id:guid}/analysis", async (StopDatasets s, Guid id, string? discretionary, Actor actor, CancellationToken ct) =>
        {
            if (discretionary is not (null or "intent" or "as_executed"))
                return (IResult)Error.Invalid("evidence.discretionary", "discretionary is intent (OPP's text, the default) or as_executed (OPP's code).").ToProblem();
            var result = await s.AnalyseAsync(actor, id, discretionary == "as_executed", ct);
            return result.IsSuccess ? Results.Content(OppJson.ToJson(result.Value).ToJsonString(), "application/json; charset=utf-8") : result.Error!.ToProblem();
        });
        group.MapGet("/{id:guid}/analysis.csv", async (StopDatasets s, Guid id, Actor actor, CancellationToken ct) =>
        {
            var result = await s.AnalyseAsync(actor, id, false, ct);
            return result.IsSuccess
                ? Results.File(Encoding.UTF8.GetBytes(OppCsv.Figures(result.Value)), "text/csv; charset=utf-8", "disparity-tests.csv")
                : result.Error!.ToProblem();
        });

        var evidence = api.MapGroup("/evidence").WithTags("Evidence").RequireAuthorization(Identity.StaffPolicy);
        evidence.MapGet("/immigration", async (ImmigrationTests t, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to, Actor actor,
            CancellationToken ct) => (await t.RunAsync(actor, level, subject, officerId, from, to, ct)).ToHttp());
        evidence.MapGet("/immigration.csv", async (ImmigrationTests t, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
            Actor actor, CancellationToken ct) =>
        {
            var result = await t.RunAsync(actor, level, subject, officerId, from, to, ct);
            return result.IsSuccess
                ? Results.File(Encoding.UTF8.GetBytes(ImmigrationTests.Csv(result.Value)), "text/csv; charset=utf-8", "immigration-tests.csv")
                : result.Error!.ToProblem();
        });
        // Task force stops as OPP's schema (officers hashed, no person data).
        evidence.MapGet("/stops.csv", async (EncounterStops s, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to, Actor actor,
            CancellationToken ct) =>
        {
            var csv = await s.CsvAsync(actor, level, subject, officerId, from, to, ct);
            return csv.IsSuccess ? Results.File(Encoding.UTF8.GetBytes(csv.Value), "text/csv; charset=utf-8", "task-force-stops.csv") : csv.Error!.ToProblem();
        });
        // OPP's three tests on those stops (the same analysis as a dataset's, over the chosen period and places).
        evidence.MapGet("/stops/analysis", async (EncounterStops s, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
            string? discretionary, Actor actor, CancellationToken ct) =>
        {
            if (discretionary is not (null or "intent" or "as_executed"))
                return (IResult)Error.Invalid("evidence.discretionary", "discretionary is intent (OPP's text, the default) or as_executed (OPP's code).").ToProblem();
            var result = await s.AnalyseAsync(actor, level, subject, officerId, from, to, discretionary == "as_executed", ct);
            return result.IsSuccess ? Results.Content(OppJson.ToJson(result.Value).ToJsonString(), "application/json; charset=utf-8") : result.Error!.ToProblem();
        });
        evidence.MapGet("/stops/analysis.csv", async (EncounterStops s, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
            Actor actor, CancellationToken ct) =>
        {
            var result = await s.AnalyseAsync(actor, level, subject, officerId, from, to, false, ct);
            return result.IsSuccess
                ? Results.File(Encoding.UTF8.GetBytes(OppCsv.Figures(result.Value)), "text/csv; charset=utf-8", "stop-tests.csv")
                : result.Error!.ToProblem();
        });
        return api;
    }

    public static string FileName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray());

    public sealed record DatasetQuery(string? Name, Guid? AgencyId, string? Format, string? City, string? State, string? CenterLat, string? CenterLng,
        string? TimeZone, string? BenchmarkGeography, string? FileName)
    {
        public DatasetInput Input() => new(Name, AgencyId, Format, City, State, Number(CenterLat), Number(CenterLng), TimeZone, BenchmarkGeography);

        private static double? Number(string? text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;
    }
}
