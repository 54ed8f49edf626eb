using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Registry;

/// <summary>Every list of ICE's in the registry, each downloadable as ICE published it and as CSV (issue 18).</summary>
public sealed class ListsModel(RegistryQueries queries) : PageModel
{
    public IReadOnlyList<PublishedList> Lists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Lists = await queries.ListsAsync(ct);
}
