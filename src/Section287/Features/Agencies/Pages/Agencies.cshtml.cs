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

    /// <summary>The order: "state" (default), "name" or "office", "-" before it for descending.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public SortableTable Sorting { get; private set; } = null!;
    public int? PageNumber { get; private set; }

    public Page<AgencyListItem>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        // "page" is also Razor Pages' own route value, so it is read from the query string by name.
        PageNumber = ParsePage(page);
        if (PageNumber is null && !string.IsNullOrEmpty(page)) PageNumber = 0;
        Sorting = SortableTable.Read(Sort, "state", AgencyWorkspace.ListOrders, code => Address(code, null));
        Sort = Sorting.Sort;
        var result = await workspace.ListAsync(Q, PageNumber, 50, ct, Sorting.Current, Sorting.Descending);
        if (result.IsSuccess) Results = result.Value;
        else
        {
            result.Error!.AddTo(ModelState);
            Response.StatusCode = 400;
        }
        return Page();
    }

    /// <summary>This list's address with its search and order, on a page.</summary>
    public string Address(string? sort, int? page) =>
        $"/staff/agencies?q={Uri.EscapeDataString(Q ?? "")}&sort={Uri.EscapeDataString(sort ?? "")}" + (page is { } p ? $"&page={p}" : "");

    internal static int? ParsePage(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
