using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Accounts.Pages;

/// <summary>
/// The page a one-time password link opens (issue 21): an invited person chooses their password, then, where the role needs it, goes on
/// to link an authenticator app; a person sent a new password chooses it and signs in as usual. No account is needed to open it: the
/// link is the credential, and works once.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.SignIn)]
public sealed class InvitationModel(PasswordLinks passwords, SignInManager<AppUser> signIn, TwoFactorPolicy policy) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Link { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty] public string? Confirm { get; set; }

    /// <summary>The link is open: the form is shown.</summary>
    public bool Works { get; private set; }

    public string? Email { get; private set; }

    public bool Invited { get; private set; }

    public bool SecondFactorNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Password != Confirm)
        {
            ModelState.AddModelError("confirm", Texts.S("The two passwords differ: type the same password twice."));
            await LoadAsync(ct);
            return Page();
        }
        var result = await passwords.SetAsync(new SetPasswordInput(Link, Password), ct);
        if (!result.IsSuccess)
        {
            result.Error!.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        // Whoever was signed in in this browser is not the person who set this password.
        await signIn.SignOutAsync();
        var user = await signIn.UserManager.FindByIdAsync(result.Value.UserId.ToString());
        // An account with its second factor signs in with it; any other is signed in now, as a password sign-in would sign it in, and one
        // whose role needs a second factor reaches nothing but the set-up page, with the link this step made.
        if (user is null || user.TwoFactorEnabled) return Redirect("/account/sign-in?set=true");
        await signIn.SignInAsync(user, isPersistent: false);
        return LocalRedirect(result.Value.SecondFactorPath ?? "/staff");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        // The page holds a one-time secret in its address: no cache.
        Response.Headers.CacheControl = "no-store";
        if (await passwords.FindOpenAsync(Link, ct) is not { } found) return;
        Works = true;
        Email = found.User.Email;
        Invited = found.User.PasswordHash is null;
        SecondFactorNext = policy.Requires(found.User) && !found.User.TwoFactorEnabled;
    }
}
