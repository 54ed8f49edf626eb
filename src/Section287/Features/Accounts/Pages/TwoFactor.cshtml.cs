using Section287.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Accounts.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public sealed class TwoFactorModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Accounts/Pages/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Accounts/Pages/SignIn");
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length == 0)
        {
            ModelState.AddModelError("code", AccountErrors.TwoFactorRequired.Message);
            return Page();
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded) return LocalRedirect(SignInModel.SafeReturn(ReturnUrl));
        if (result.IsLockedOut) AccountErrors.LockedOut.AddTo(ModelState);
        else ModelState.AddModelError("code", "That code is not right. Enter the code your app shows now.");
        return Page();
    }
}
