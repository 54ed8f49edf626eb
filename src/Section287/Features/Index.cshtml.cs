using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Features.Registry;

namespace Section287.Features;

/// <summary>The front page: what Section287 is, today's count of agreements from ICE's newest list, and where to go next.</summary>
public sealed class HomeModel(RegistryQueries registry) : PageModel
{
    public RegistrySummary Summary { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Summary = await registry.SummaryAsync(ct);
}
