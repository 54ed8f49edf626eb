using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Audit;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>The ICE supervisor's queue for their area: critical incidents, holds, open claims, detainers to review, deadlines at risk.</summary>
public sealed class SupervisionModel(Supervision supervision, ChangeContext change) : StaffPage
{
    public SupervisionQueue? Queue { get; private set; }

    public bool Closed { get; private set; }

    [BindProperty] public Guid? IncidentId { get; set; }

    [BindProperty] public string? Resolution { get; set; }

    public async Task<IActionResult> OnGetAsync(bool closed, CancellationToken ct)
    {
        Closed = closed;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var result = await supervision.CloseIncidentAsync(IncidentId ?? Guid.Empty, Me, Resolution, change, ct);
        if (result.IsSuccess) return Redirect("/staff/supervision?closed=true");
        Show(result.Error!, "resolution");
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await supervision.QueueAsync(Me, ct);
        if (!result.IsSuccess) return Forbid();
        Queue = result.Value;
        return Page();
    }
}
