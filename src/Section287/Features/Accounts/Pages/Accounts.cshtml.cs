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

    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public SortableTable Sorting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        var number = string.IsNullOrEmpty(page) ? (int?)null : int.TryParse(page, out var n) ? n : 0;
        Sorting = SortableTable.Read(Sort, "account", AccountAdmin.ListOrders, code => Address(code, null));
        Sort = Sorting.Sort;
        var result = await admin.ListAsync(Me, string.IsNullOrEmpty(Role) ? null : Role, Q, number, 50, ct, Sorting.Current, Sorting.Descending);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }

    public string Link(int page) => Address(Sort ?? "account", page);

    /// <summary>This list's address with its filters kept, in the given order and page.</summary>
    public string Address(string sort, int? page) =>
        $"?role={Uri.EscapeDataString(Role ?? "")}&q={Uri.EscapeDataString(Q ?? "")}&sort={Uri.EscapeDataString(sort)}" + (page is { } p ? $"&page={p}" : "");
}
