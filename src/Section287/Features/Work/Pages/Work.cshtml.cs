using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Deadlines;
using Section287.Features.Work;

namespace Section287.Features.Work.Pages;

/// <summary>"My work": what waits on the user, by due date; for the program office and oversight, everything overdue.</summary>
public sealed class WorkModel(WorkQueries queries, Encounters.Supervision supervision) : StaffPage
{
    /// <summary>Critical incidents in the user's scope: first on the page, impossible to miss.</summary>
    public IReadOnlyList<Encounters.IncidentOpen> Incidents { get; private set; } = [];

    public Page<DeadlineView>? Mine { get; private set; }

    public Page<DeadlineView>? Overdue { get; private set; }

    public async Task<IActionResult> OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, int? overduePage, CancellationToken ct)
    {
        var mine = await queries.MineAsync(Me, page, null, ct);
        if (!mine.IsSuccess)
        {
            Show(mine.Error!);
            return Page();
        }
        Mine = mine.Value;
        if (MyRole != Role.DesignatedOfficer && await supervision.OpenIncidentsAsync(Me, ct) is { IsSuccess: true } incidents) Incidents = incidents.Value;
        if (MyRole is Role.ProgramOffice or Role.Oversight)
        {
            var overdue = await queries.OverdueAsync(Me, overduePage, null, ct);
            if (!overdue.IsSuccess) Show(overdue.Error!);
            else Overdue = overdue.Value;
        }
        return Page();
    }
}
