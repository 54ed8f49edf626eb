using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Pages;

/// <summary>Applications within the user's scope: an agency's own, or every one for ICE. A coordinator starts a new one here.</summary>
public sealed class ApplicationsModel(ApplicationQueries queries, ApplicationWorkflow workflow) : StaffPage
{
    public Page<ApplicationSummary>? Results { get; private set; }

    public string? Status { get; private set; }

    /// <summary>The order: "updated" (default), "agency", "submitted" or "comment", "-" before it to reverse.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public SortableTable Sorting { get; private set; } = null!;

    /// <summary>This list's address with its status and order, on a page.</summary>
    public string Address(string? sort, int? page) =>
        $"/staff/applications?status={Uri.EscapeDataString(Status ?? "")}&sort={Uri.EscapeDataString(sort ?? "")}" + (page is { } p ? $"&page={p}" : "");

    public async Task<IActionResult> OnGetAsync(string? status, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        await LoadAsync(status, page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var result = await workflow.StartAsync(Me, ct);
        if (result.IsSuccess) return Redirect($"/staff/applications/{result.Value.Id}/edit");
        Show(result.Error!);
        await LoadAsync(null, null, ct);
        return Page();
    }

    private async Task LoadAsync(string? status, int? page, CancellationToken ct)
    {
        Status = status;
        Sorting = SortableTable.Read(Sort, "updated", ApplicationQueries.ListOrders, code => Address(code, null));
        Sort = Sorting.Sort;
        var result = await queries.ListAsync(string.IsNullOrEmpty(status) ? null : status, page, null, ct, Sorting.Current, Sorting.Descending);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
    }

    public bool CanStart => MyRole == Role.AgencyCoordinator;

    public static IEnumerable<ApplicationStatus> Statuses => Enum.GetValues<ApplicationStatus>();
}
