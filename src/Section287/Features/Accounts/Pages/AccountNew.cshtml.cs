using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Accounts.Pages;

/// <summary>
/// Inviting a person (issue 21): the program office any role (an agency's first coordinator included), a coordinator the agency's
/// coordinators and officers. The account is made without a password; the one-time link that sets it is e-mailed and shown here once.
/// </summary>
public sealed class AccountNewModel(AccountAdmin admin, AppDbContext db, Data.Reference.ReferenceData reference) : StaffPage
{
    private static readonly string[] FormFields = ["email", "displayName", "role", "agencyId", "aorCode"];

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? DisplayName { get; set; }

    [BindProperty(SupportsGet = true)] public string? Role { get; set; }

    [BindProperty(SupportsGet = true)] public Guid? AgencyId { get; set; }

    [BindProperty] public string? AorCode { get; set; }

    public IReadOnlyList<Role> Roles { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public IReadOnlyDictionary<string, string> FieldOffices => reference.FieldOffices;

    /// <summary>The invitation made by this request, shown this once (the page is not redirected, so nothing keeps its link).</summary>
    public InvitationIssued? Issued { get; private set; }

    public string IssuedUrl => Issued is null ? "" : $"{Request.Scheme}://{Request.Host}{Issued.Path}";

    public bool ChoosesScope => MyRole == Accounts.Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (AccountAdmin.RolesGivenBy(MyRole).Count == 0) return Forbid();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await admin.InviteAsync(Me, new InviteInput(Email, DisplayName, Role, AgencyId, AorCode), ct);
        if (result.IsSuccess)
        {
            Issued = result.Value;
            Response.Headers.CacheControl = "no-store";
        }
        else Show(result.Error!, FormFields);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Roles = AccountAdmin.RolesGivenBy(MyRole);
        if (!ChoosesScope) return;
        Agencies = await RoleChoices.AgenciesAsync(db, AgencyId, ct);
    }
}
