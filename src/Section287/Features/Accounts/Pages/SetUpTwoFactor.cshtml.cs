using Section287.Features.Shared;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QRCoder;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Accounts.Pages;

/// <summary>
/// Links an authenticator app (TOTP, RFC 6238) to the account and turns on two-factor sign-in (issue 14, item 7). Only with a one-time
/// set-up link (<see cref="SecondFactorLinks"/>) of the signed-in account: the password alone shows no key. A key is shown once: every
/// visit before the app is linked, and every wrong code, makes a new one, so a key seen earlier (on a shared screen, in the browser's
/// history) is worth nothing; once two-factor sign-in is on, the page shows no key at all.
/// </summary>
[Authorize]
public sealed class SetUpTwoFactorModel(SignInManager<AppUser> signIn, ChangeContext change, SecondFactorLinks links, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    /// <summary>The one-time link's token, from the link's address and then the form.</summary>
    [BindProperty(SupportsGet = true)] public string? Link { get; set; }

    /// <summary>No open set-up link of this account came with the request: the page says how to get one.</summary>
    public bool NeedsLink { get; private set; }

    public string Key { get; private set; } = "";

    public string QrDataUri { get; private set; } = "";

    public bool AlreadyEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null) return RedirectToPage("/Accounts/Pages/SignIn");
        if (!user.TwoFactorEnabled && await links.FindOpenAsync(user, Link, HttpContext.RequestAborted) is null)
        {
            NeedsLink = true;
            return Page();
        }
        await NewKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null) return RedirectToPage("/Accounts/Pages/SignIn");
        if (user.TwoFactorEnabled)
        {
            AlreadyEnabled = true;
            return Page();
        }
        var link = await links.FindOpenAsync(user, Link, HttpContext.RequestAborted);
        if (link is null)
        {
            NeedsLink = true;
            AccountErrors.SetUpLinkRequired.Refuse().AddTo(ModelState);
            return Page();
        }
        var code = (Code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await signIn.UserManager.VerifyTwoFactorTokenAsync(user, signIn.UserManager.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("code", "That code is not right, so the key was replaced: remove Section287 from your app, add it again "
                + "with the new key below, and enter the code it shows.");
            await NewKeyAsync(user);
            return Page();
        }
        change.For("account.two_factor_enable", "Linked an authenticator app through a one-time link");
        link.Use(clock.GetUtcNow().UtcDateTime);
        // Saved with the account in one unit of work: the link is used exactly when the factor is on.
        await signIn.UserManager.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return LocalRedirect("/staff");
    }

    /// <summary>A fresh key, shown this once; nothing when the account already has its second factor.</summary>
    private async Task NewKeyAsync(AppUser user)
    {
        AlreadyEnabled = user.TwoFactorEnabled;
        if (AlreadyEnabled) return;
        change.For("account.two_factor_key", "Made an authenticator key");
        await signIn.UserManager.ResetAuthenticatorKeyAsync(user);
        // A new key rotates the security stamp, which ends every session: this one continues with a fresh cookie.
        await signIn.RefreshSignInAsync(user);
        var key = await signIn.UserManager.GetAuthenticatorKeyAsync(user) ?? "";
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Section287:{Uri.EscapeDataString(user.Email ?? "")}?secret={key}&issuer=Section287&digits=6";
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
