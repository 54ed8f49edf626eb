using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Accounts.Pages;

/// <summary>
/// One account: disable it with a reason, enable it, end its sessions, or send it a one-time link to set up (or replace) its second
/// factor; each takes effect at the account's next request.
/// </summary>
public sealed class AccountModel(AccountAdmin admin, AppDbContext db, Data.Reference.ReferenceData reference) : StaffPage
{
    private static readonly string[] FormFields = ["reason", "role", "agencyId", "aorCode"];

    [BindProperty] public RoleInput? NewRole { get; set; }

    /// <summary>The roles this reader may give, and for the program office the agencies and areas to give them in.</summary>
    public IReadOnlyList<Role> Roles => AccountAdmin.RolesGivenBy(MyRole);

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public IReadOnlyDictionary<string, string> FieldOffices => reference.FieldOffices;

    /// <summary>The password link issued by this request (an invitation sent again, or a new password), shown this once.</summary>
    public InvitationIssued? PasswordLink { get; private set; }

    public string PasswordLinkUrl => PasswordLink is null ? "" : $"{Request.Scheme}://{Request.Host}{PasswordLink.Path}";

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken ct) =>
        await After(id, "role", (await admin.ChangeRoleAsync(Me, id, NewRole ?? new(null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostPasswordLinkAsync(Guid id, CancellationToken ct)
    {
        var result = await admin.SendPasswordLinkAsync(Me, id, ct);
        if (!result.IsSuccess) return await After(id, "", result.Error, ct);
        PasswordLink = result.Value;
        Account = result.Value.Account;
        Response.Headers.CacheControl = "no-store";
        await LoadChoicesAsync(ct);
        return Page();
    }

    public AccountView? Account { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public DisableInput? Disable { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        await After(id, "disabled", (await admin.DisableAsync(Me, id, Disable ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        await After(id, "enabled", (await admin.EnableAsync(Me, id, ct)).Error, ct);

    /// <summary>The link issued by this request, shown this once (the page is not redirected, so nothing keeps it).</summary>
    public SecondFactorLinkIssued? Issued { get; private set; }

    public string IssuedUrl => Issued is null ? "" : $"{Request.Scheme}://{Request.Host}{Issued.Path}";

    public async Task<IActionResult> OnPostSecondFactorLinkAsync(Guid id, CancellationToken ct)
    {
        var result = await admin.IssueSecondFactorLinkAsync(Me, id, ct);
        if (!result.IsSuccess) return await After(id, "", result.Error, ct);
        Issued = result.Value;
        Account = result.Value.Account;
        // The page holds a one-time secret: no cache, no copy in the browser's history.
        Response.Headers.CacheControl = "no-store";
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionsAsync(Guid id, CancellationToken ct) =>
        await After(id, "ended", (await admin.EndSessionsAsync(Me, id, ct)).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/accounts/{id}?done={done}");
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error, FormFields);
        return await LoadAsync(id, ct);
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await admin.GetAsync(Me, id, ct);
        if (result.IsSuccess) Account = result.Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else Show(result.Error);
        await LoadChoicesAsync(ct);
        return Page();
    }

    /// <summary>The program office gives roles in any agency that has an agreement (and the account's own), or any area.</summary>
    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        if (MyRole != Role.ProgramOffice || Account is null) return;
        Agencies = await RoleChoices.AgenciesAsync(db, Account.AgencyId, ct);
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "disabled" => "The account is disabled: it cannot sign in, and its sessions and tokens end at their next request.",
        "enabled" => "The account is enabled again; its owner signs in anew.",
        "ended" => "Every session and token of the account has ended; its owner signs in anew.",
        "role" => "The account has its new role: its sessions ended, and its owner signs in anew with the new role.",
        _ => "",
    });
}
