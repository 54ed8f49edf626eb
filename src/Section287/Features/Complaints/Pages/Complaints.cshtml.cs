using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Complaints.Pages;

/// <summary>Complaints in the reader's scope, newest first, by status; where staff take one by telephone, mail, in person or e-mail.</summary>
public sealed class ComplaintsModel(ComplaintWorkflow workflow) : StaffPage
{
    public Page<ComplaintSummary>? Results { get; private set; }

    public string? Status { get; private set; }

    public bool MayTake => MyRole is Role.ProgramOffice or Role.FieldSupervisor or Role.AgencyCoordinator;

    /// <summary>The list's order from the address: newest first unless a header chose another.</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public SortableTable Sorting { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string? status, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? null : status;
        Sorting = SortableTable.Read(Sort, "received", ComplaintWorkflow.ListOrders, code => Address(code, null), fallbackDescending: true);
        Sort = Sorting.Sort;
        var result = await workflow.ListAsync(Me, Status, null, page, 50, ct, Sorting.Current, Sorting.Descending);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }

    /// <summary>This list's address with the status kept, in the given order and page.</summary>
    public string Address(string sort, int? page) =>
        $"?status={Uri.EscapeDataString(Status ?? "")}&sort={Uri.EscapeDataString(sort)}" + (page is { } p ? $"&page={p}" : "");
}
