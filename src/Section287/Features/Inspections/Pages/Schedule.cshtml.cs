using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Shared;

namespace Section287.Features.Inspections.Pages;

/// <summary>The program office puts an agreement (any model) on an inspection cycle: the first due day and the months between.</summary>
public sealed class ScheduleModel(InspectionWorkflow workflow, AppDbContext db) : StaffPage
{
    public string? AgreementLabel { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid AgreementId { get; set; }

    [BindProperty] public DateOnly? DueOn { get; set; }

    [BindProperty] public int? CycleMonths { get; set; } = 12;

    /// <summary>Without an agreement the page says where to start; with one of another scope, 404.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => AgreementId == Guid.Empty || await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await workflow.ScheduleAsync(AgreementId, Me, new ScheduleInput(DueOn, CycleMonths), ct);
        if (result.IsSuccess) return Redirect($"/staff/inspections/{result.Value.Id}");
        if (result.Error!.Kind == Common.ErrorKind.NotFound) return NotFound();
        Show(result.Error, "dueOn", "cycleMonths");
        var status = Response.StatusCode;
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var found = await db.Agreements.AsNoTracking().Where(a => a.Id == AgreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId))
            .Select(a => new { a.Model, a.Agency.Name }).FirstOrDefaultAsync(ct);
        if (found is null) return false;
        AgreementLabel = $"{found.Name}, {found.Model.IceName()}";
        return true;
    }
}
