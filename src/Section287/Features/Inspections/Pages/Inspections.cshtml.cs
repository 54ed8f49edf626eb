using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Shared;

namespace Section287.Features.Inspections.Pages;

/// <summary>Inspections in the reader's scope by due day, and the way to the findings still open.</summary>
public sealed class InspectionsModel(InspectionWorkflow workflow) : StaffPage
{
    public Page<InspectionSummary>? Results { get; private set; }

    public string? Status { get; private set; }

    public Guid? AgreementId { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, Guid? agreementId, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Status = string.IsNullOrWhiteSpace(status) ? null : status;
        AgreementId = agreementId;
        var result = await workflow.ListAsync(agreementId, Status, page, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }
}
