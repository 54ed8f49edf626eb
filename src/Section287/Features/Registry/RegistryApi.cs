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

        group.MapGet("/summary", async (RegistryQueries queries, CancellationToken ct) => TypedResults.Ok(await queries.SummaryAsync(ct)));
    }
}

public static class RegistryErrors
{
    public static readonly Error AgencyNotFound = Error.NotFound("agency.not_found", "No agency with this id is in the public registry.");
}
