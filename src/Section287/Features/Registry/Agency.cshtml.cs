using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Registry;

public sealed class AgencyModel(RegistryQueries queries, Oversight.MeetingWorkflow meetings) : PageModel
{
    public AgencyDetail? Agency { get; private set; }

    /// <summary>Summaries of the agency's steering committee and review meetings that the program office approved for the public.</summary>
    public IReadOnlyList<Oversight.PublicMeeting> Meetings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Agency = await queries.AgencyAsync(id, ct);
        if (Agency is null) Response.StatusCode = 404;
        else Meetings = await meetings.PublicAsync(id, ct);
        return Page();
    }
}
