using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Registry;

public sealed class AgencyModel(RegistryQueries queries) : PageModel
{
    public AgencyDetail? Agency { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Agency = await queries.AgencyAsync(id, ct);
        if (Agency is null) Response.StatusCode = 404;
        return Page();
    }
}
