using Section287.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Accounts.Pages;

[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public sealed class SignInModel(SignInManager<AppUser> signIn, TwoFactorPolicy policy, ChangeContext change, SignInAttempts attempts,
    Section287.Data.AppDbContext db, UnknownAccounts unknown) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    /// <summary>Arrived from a one-time link that set the password (<see cref="InvitationModel"/>).</summary>
    [BindProperty(SupportsGet = true)] public bool Set { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email)) ModelState.AddModelError("email", "Enter your e-mail address.");
        if (string.IsNullOrWhiteSpace(Password)) ModelState.AddModelError("password", "Enter your password.");
        if (!ModelState.IsValid) return Page();

        var user = await signIn.UserManager.FindByEmailAsync(Email!.Trim());
        if (user is null)
        {
            // No account: the same work and the same answers as for a real one (issue 14, item 9).
            (unknown.Fail(Email, Password!) ? AccountErrors.LockedOut.Refuse() : AccountErrors.SignInFailed).AddTo(ModelState);
            return Page();
        }
        change.As(user.Id.ToString(), user.Email ?? "").For("account.sign_in", "Password sign-in");
        var result = await attempts.OneAtATimeAsync(db, user, () => signIn.PasswordSignInAsync(user, Password!, isPersistent: false, lockoutOnFailure: true));
        if (result.RequiresTwoFactor) return RedirectToPage("/Accounts/Pages/TwoFactor", new { returnUrl = ReturnUrl });
        if (result.IsLockedOut)
        {
            AccountErrors.LockedOut.AddTo(ModelState);
            return Page();
        }
        if (!result.Succeeded)
        {
            AccountErrors.SignInFailed.AddTo(ModelState);
            return Page();
        }
        // Without its second factor the account reaches only the set-up page, which needs the one-time link the person was sent.
        if (policy.Requires(user) && !user.TwoFactorEnabled)
            return SafeReturn(ReturnUrl) is var back && back.StartsWith("/account/two-factor/set-up?", StringComparison.Ordinal)
                ? LocalRedirect(back) : RedirectToPage("/Accounts/Pages/SetUpTwoFactor");
        return LocalRedirect(SafeReturn(ReturnUrl));
    }

    public static string SafeReturn(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/staff";
}
