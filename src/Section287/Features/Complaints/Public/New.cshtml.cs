using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;

namespace Section287.Features.Complaints.Public;

/// <summary>
/// The public complaint form, in three steps that need no script: the state, the agency, then the complaint. Anonymous allowed,
/// contact optional with consent. A hidden field no person sees catches form-filling programs; sends are limited per address.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.AnonymousWrite)]
public sealed class NewModel(PublicComplaints pub) : PageModel
{
    public IReadOnlyList<string> States { get; private set; } = [];

    public IReadOnlyList<AgencyOption> Agencies { get; private set; } = [];

    public AgencyOption? Agency { get; private set; }

    public string? State { get; private set; }

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public string? Language { get; set; }

    [BindProperty] public string? Narrative { get; set; }

    [BindProperty] public string? OccurredOn { get; set; }

    [BindProperty] public List<string> Categories { get; set; } = [];

    [BindProperty] public bool Anonymous { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? Address { get; set; }

    [BindProperty] public bool Consent { get; set; }

    [BindProperty] public string? Website { get; set; }

    public async Task<IActionResult> OnGetAsync(string? state, Guid? agency, CancellationToken ct)
    {
        Language = Texts.Lang;
        await LoadAsync(state, agency, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await pub.SubmitAsync(new ComplaintInput(AgencyId, Language, Narrative, OccurredOn, Categories, Anonymous, Name, Email, Phone,
            Address, Consent, Website: Website), ct);
        if (result.IsSuccess)
            return Redirect($"/complaints/status?number={Uri.EscapeDataString(result.Value.TrackingNumber)}&filed=true#receipt");
        var error = result.Error!;
        if (error.Fields.Count == 0) ModelState.AddModelError("", Texts.Pick(error.Message));
        foreach (var (field, messages) in error.Fields)
        {
            foreach (var message in messages) ModelState.AddModelError(field, Texts.Pick(message));
        }
        Response.StatusCode = Problems.StatusOf(error.Kind);
        await LoadAsync(null, AgencyId, ct);
        return Page();
    }

    private async Task LoadAsync(string? state, Guid? agency, CancellationToken ct)
    {
        Agency = await pub.AgencyAsync(agency, ct);
        State = Agency?.State ?? state?.Trim().ToUpperInvariant();
        States = await pub.StatesAsync(ct);
        if (State is not null && !States.Contains(State)) State = null;
        if (Agency is null && State is not null) Agencies = await pub.AgenciesAsync(State, ct);
        AgencyId = Agency?.Id;
    }
}
