using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Shared;

namespace Section287.Features.Inspections.Pages;

/// <summary>Inspection findings still open (or all), oldest due first, with their corrective actions.</summary>
public sealed class FindingsModel(InspectionWorkflow workflow) : StaffPage
{
    public Page<FindingView>? Results { get; private set; }

    public bool All { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool all, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        All = all;
        var result = await workflow.FindingsAsync(!all, page, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        return Page();
    }
}
