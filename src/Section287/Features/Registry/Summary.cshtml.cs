using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Data.Reference;

namespace Section287.Features.Registry;

public sealed class SummaryModel(RegistryQueries queries, ReferenceData reference) : PageModel
{
    public RegistrySummary Summary { get; private set; } = null!;

    public string StateName(string code) => reference.StateByCode(code)?.Name is { } name ? Common.Texts.StateName(name) : code;

    public async Task OnGetAsync(CancellationToken ct) => Summary = await queries.SummaryAsync(ct);
}
