using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Complaints.Public;

/// <summary>How to complain about a 287(g) agency or officer, and where to look up a complaint already filed. No account needed.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
