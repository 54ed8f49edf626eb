using Section287.Common;

namespace Section287.Features.Registry;

/// <summary>The public registry of 287(g) agreements: no sign-in.</summary>
public static class RegistryApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registry").WithTags("Registry").AllowAnonymous();

        group.MapGet("/agreements",
            async (RegistryQueries queries, string? state, string? model, string? status, string? agencyType, string? q, int? page,
            int? pageSize, CancellationToken ct) =>
        {
            var result = await queries.AgreementsAsync(new RegistryFilter(state, model, status, agencyType, q, page, pageSize), ct);
            return result.IsSuccess ? (IResult)TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        });

        group.MapGet("/agencies/{id:guid}", async (RegistryQueries queries, Guid id, CancellationToken ct) =>
            await queries.AgencyAsync(id, ct) is { } agency
                ? (IResult)TypedResults.Ok(agency)
                : RegistryErrors.AgencyNotFound.ToProblem());

        // Computed once per change of the registry; the registry's version is the ETag, so a client or a cache in front
        // revalidates with If-None-Match and gets 304 while nothing changed. "no-cache" (revalidate every time) rather than a
        // max-age: an agreement that ends must not stay on a cached page.
        group.MapGet("/summary", async (RegistryQueries queries, HttpContext http, CancellationToken ct) =>
        {
            var (version, summary) = await queries.VersionedSummaryAsync(ct);
            var etag = $"\"registry-{version}\"";
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "public, no-cache";
            return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : (IResult)TypedResults.Ok(summary);
        }).Produces<RegistrySummary>();
    }
}

public static class RegistryErrors
{
    public static readonly Error AgencyNotFound = Error.NotFound("agency.not_found", "No agency with this id is in the public registry.");
}
