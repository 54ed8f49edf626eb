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

    public async Task<IActionResult> OnGetAsync(string? status, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? null : status;
        var result = await workflow.ListAsync(Me, Status, null, page, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }
}
