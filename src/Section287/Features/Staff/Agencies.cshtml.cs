using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Staff;

[Authorize(Policy = Identity.StaffPolicy)]
public sealed class AgenciesModel(AgencyWorkspace workspace) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Page<AgencyListItem>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await workspace.ListAsync(Q, PageNumber, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else
        {
            result.Error!.AddTo(ModelState);
            Response.StatusCode = 400;
        }
        return Page();
    }
}
