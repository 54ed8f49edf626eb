using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Public;

/// <summary>The public list of applications open for comment now, closing soonest first. No account needed.</summary>
public sealed class IndexModel(PublicApplications pub) : PageModel
{
    public Page<PublicApplicationSummary>? Open { get; private set; }

    public async Task<IActionResult> OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var result = await pub.OpenForCommentAsync(page, 20, ct);
        if (!result.IsSuccess)
        {
            Response.StatusCode = Problems.StatusOf(result.Error!.Kind);
            return Page();
        }
        Open = result.Value;
        return Page();
    }
}
