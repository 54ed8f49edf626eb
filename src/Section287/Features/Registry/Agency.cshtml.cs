using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Registry;

public sealed class AgencyModel(RegistryQueries queries, Oversight.MeetingWorkflow meetings, Transparency.PublicFigures figures,
    Transparency.QuarterlyReports reports, Costs.CostMeasures costs) : PageModel
{
    public AgencyDetail? Agency { get; private set; }

    /// <summary>Summaries of the agency's steering committee and review meetings that the program office approved for the public.</summary>
    public IReadOnlyList<Oversight.PublicMeeting> Meetings { get; private set; } = [];

    /// <summary>The agency's published figures: approved kinds, per settled quarter, through the publication gate.</summary>
    public Transparency.PublicFiguresView? Figures { get; private set; }

    /// <summary>The quarters whose report (PDF) can be read: those with the agency's figures published, once reports are released.</summary>
    public IReadOnlyList<string> ReportQuarters { get; private set; } = [];

    /// <summary>The agency's costs, once the agreements' costs are released and the agency has sent a quarter.</summary>
    public Costs.PublicAgencyCosts? Costs { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Agency = await queries.AgencyAsync(id, ct);
        if (Agency is null) Response.StatusCode = 404;
        else
        {
            Meetings = await meetings.PublicAsync(id, ct);
            Figures = await figures.AgencyAsync(id, Common.Texts.IsSpanish, ct);
            ReportQuarters = await reports.AgencyQuartersAsync(id, ct);
            Costs = await costs.PublicForAgencyAsync(id, ct);
        }
        return Page();
    }
}
