using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Accounts.Pages;

/// <summary>Changing one's own password; this session continues with a fresh cookie, every other one ends.</summary>
public sealed class PasswordModel(AccountSelf self, SignInManager<AppUser> signIn) : StaffPage
{
    private static readonly string[] FormFields = ["currentPassword", "newPassword"];

    [BindProperty] public ChangePasswordInput? Input { get; set; }

    public bool Changed { get; private set; }

    public void OnGet(bool changed) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await self.ChangePasswordAsync(Me, Input ?? new(null, null), ct);
        if (result.IsSuccess)
        {
            if (await signIn.UserManager.GetUserAsync(User) is { } user) await signIn.RefreshSignInAsync(user);
            return Redirect("/account/password?changed=true");
        }
        Show(result.Error!, FormFields);
        return Page();
    }
}
