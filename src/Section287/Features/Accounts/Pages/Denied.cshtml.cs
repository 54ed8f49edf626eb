using Section287.Features.Shared;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Features.Accounts;

namespace Section287.Features.Accounts.Pages;

public sealed class DeniedModel(TwoFactorPolicy policy) : PageModel
{
    public IActionResult OnGet()
    {
        Response.StatusCode = 403;
        var role = Roles.FromCode(User.FindFirstValue("section287:role"));
        // The usual reason a signed-in ICE or oversight user lands here: no second factor yet.
        if (role is { } r && policy.Requires(r) && !User.HasClaim("amr", "mfa")) return RedirectToPage("/Accounts/Pages/SetUpTwoFactor");
        return Page();
    }
}
