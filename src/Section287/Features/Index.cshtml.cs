using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features;

public sealed class HomeModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Registry/Index", new { lang = Request.Query["lang"].ToString() is { Length: > 0 } l ? l : null });
}
