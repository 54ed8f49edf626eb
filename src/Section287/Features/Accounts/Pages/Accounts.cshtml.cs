using Microsoft.AspNetCore.Mvc;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Accounts.Pages;

/// <summary>The accounts the reader manages: the program office every one, a coordinator the agency's own.</summary>
public sealed class AccountsModel(AccountAdmin admin) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public Page<AccountListItem>? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var number = string.IsNullOrEmpty(page) ? (int?)null : int.TryParse(page, out var n) ? n : 0;
        var result = await admin.ListAsync(Me, string.IsNullOrEmpty(Role) ? null : Role, Q, number, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }

    public string Link(int page) => $"?role={Uri.EscapeDataString(Role ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&page={page}";
}
