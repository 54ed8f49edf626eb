using Section287.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Agencies.Pages;

[Authorize(Policy = Identity.StaffPolicy)]
public sealed class AgenciesModel(AgencyWorkspace workspace) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public int? PageNumber { get; private set; }

    public Page<AgencyListItem>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        // "page" is also Razor Pages' own route value, so it is read from the query string by name.
        PageNumber = ParsePage(page);
        if (PageNumber is null && !string.IsNullOrEmpty(page)) PageNumber = 0;
        var result = await workspace.ListAsync(Q, PageNumber, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else
        {
            result.Error!.AddTo(ModelState);
            Response.StatusCode = 400;
        }
        return Page();
    }

    internal static int? ParsePage(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
