using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Accounts.Pages;

/// <summary>
/// Signing out rotates the account's security stamp, so a copy of the cookie (or a token) stops working too: it ends every
/// session of the account, on every device. A decision: a stolen cookie must not outlive the sign-out.
/// </summary>
public sealed class SignOutModel(SignInManager<AppUser> signIn, ChangeContext change) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true && await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            change.For("user.sign_out", "Signed out: every session of the account ended");
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
