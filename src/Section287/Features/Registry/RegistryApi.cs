using Section287.Common;
using Section287.Data.Reference;

namespace Section287.Features.Registry;

/// <summary>The public registry of 287(g) agreements: no sign-in.</summary>
public static class RegistryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registry").WithTags("Registry").AllowAnonymous();

        // Every registry read is revalidated by the registry's version (its ETag): a client or a cache in front asks with
        // If-None-Match and gets 304 while nothing changed. "no-cache" (revalidate every time) rather than a max-age: an
        // agreement that ends must not stay on a cached page. The summary is also computed only once per version.
        group.MapGet("/agreements",
            async (RegistryQueries queries, ReferenceData reference, HttpContext http, string? state, string? model, string? status, string? agencyType,
            string? q, int? page, int? pageSize, CancellationToken ct) =>
        {
            var filter = new RegistryFilter(state, model, status, agencyType, q, page, pageSize);
            if (RegistryQueries.Validate(filter, reference) is { IsSuccess: false } invalid) return invalid.Error!.ToProblem();
            if (await NotModifiedAsync(queries, http, ct) is { } notModified) return notModified;
            var result = await queries.AgreementsAsync(filter, ct);
            return result.IsSuccess ? (IResult)TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }).Produces<Page<AgreementRow>>();

        // The same filtered view as a file: every row, not a page (the program is thousands of agreements).
        group.MapGet("/agreements.csv", async (RegistryQueries queries, ReferenceData reference, HttpContext http, string? state, string? model, string? status,
            string? agencyType, string? q, CancellationToken ct) =>
        {
            var (table, answer) = await ExportAsync(queries, reference, http, new RegistryFilter(state, model, status, agencyType, q, null, null), ct);
            return answer ?? Results.File(System.Text.Encoding.UTF8.GetBytes(table!.ToCsv()), "text/csv; charset=utf-8", "section287-registry.csv");
        });
        group.MapGet("/agreements.xlsx", async (RegistryQueries queries, ReferenceData reference, HttpContext http, string? state, string? model, string? status,
            string? agencyType, string? q, CancellationToken ct) =>
        {
            var (table, answer) = await ExportAsync(queries, reference, http, new RegistryFilter(state, model, status, agencyType, q, null, null), ct);
            return answer ?? Results.File(table!.ToXlsx("Agreements"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "section287-registry.xlsx");
        });

        // ICE's lists as imported: the file as published (check it against its SHA-256) and its rows as CSV.
        group.MapGet("/lists", async (RegistryQueries queries, HttpContext http, CancellationToken ct) =>
            await NotModifiedAsync(queries, http, ct) ?? TypedResults.Ok(await queries.ListsAsync(ct))).Produces<IReadOnlyList<PublishedList>>();
        group.MapGet("/lists/{id:guid}.xlsx", async (RegistryQueries queries, Guid id, CancellationToken ct) =>
            await queries.ListFileAsync(id, ct) is { } file
                ? Results.File(file.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.FileName)
                : RegistryErrors.ListNotFound.ToProblem());
        group.MapGet("/lists/{id:guid}.csv", async (RegistryQueries queries, Guid id, CancellationToken ct) =>
            await queries.ListFileAsync(id, ct) is { } file
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(RegistryQueries.ListTable(file.Content).ToCsv()), "text/csv; charset=utf-8",
                    Path.ChangeExtension(file.FileName, ".csv"))
                : RegistryErrors.ListNotFound.ToProblem());

        group.MapGet("/agencies/{id:guid}", async (RegistryQueries queries, HttpContext http, Guid id, CancellationToken ct) =>
        {
            if (await NotModifiedAsync(queries, http, ct) is { } notModified) return notModified;
            return await queries.AgencyAsync(id, ct) is { } agency
                ? (IResult)TypedResults.Ok(agency)
                : RegistryErrors.AgencyNotFound.ToProblem();
        }).Produces<AgencyDetail>();

        group.MapGet("/summary", async (RegistryQueries queries, HttpContext http, CancellationToken ct) =>
        {
            var (version, summary) = await queries.VersionedSummaryAsync(ct);
            return Revalidate(http, version) ?? TypedResults.Ok(summary);
        }).Produces<RegistrySummary>();
    }

    /// <summary>The filtered rows as a table, or the answer instead (a bad filter's problem, or 304).</summary>
    private static async Task<(TableFile? Table, IResult? Answer)> ExportAsync(RegistryQueries queries, ReferenceData reference, HttpContext http,
        RegistryFilter filter, CancellationToken ct)
    {
        if (RegistryQueries.Validate(filter, reference) is { IsSuccess: false } invalid) return (null, invalid.Error!.ToProblem());
        if (await NotModifiedAsync(queries, http, ct) is { } notModified) return (null, notModified);
        var rows = await queries.ExportAsync(filter, ct);
        return (new TableFile(
            ["agreement_id", "agency_id", "agency", "state", "agency_type", "county", "model", "status", "signed_on", "moa_url", "addendum_url", "removed_on"],
            rows.Value.Select(r => (IReadOnlyList<object?>)[r.Id.ToString(), r.AgencyId.ToString(), r.Agency, r.State, r.AgencyType, r.County, r.Model, r.Status,
                r.SignedOn, r.MoaUrl, r.AddendumUrl, r.RemovedOn])), null);
    }

    private static async Task<IResult?> NotModifiedAsync(RegistryQueries queries, HttpContext http, CancellationToken ct) =>
        Revalidate(http, await queries.VersionAsync(ct));

    /// <summary>Sets the version's ETag and the revalidation policy; 304 when the request already holds this version.</summary>
    private static IResult? Revalidate(HttpContext http, long version) => Revalidation.NotModified(http, $"\"registry-{version}\"");
}

public static class RegistryErrors
{
    public static readonly Error AgencyNotFound = Error.NotFound("agency.not_found", "No agency with this id is in the public registry.");

    public static readonly Error ListNotFound = Error.NotFound("ice_list.file_not_found", "No list of ICE's with this id is in the registry with its file.");
}
