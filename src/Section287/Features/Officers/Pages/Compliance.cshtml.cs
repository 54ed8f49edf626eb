using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Accounts;
using Section287.Features.Officers;

namespace Section287.Features.Officers.Pages;

/// <summary>
/// Training compliance, the measure auditors asked for: the share of designated officers whose training is current, per
/// model and per agency, over the agencies the user oversees. An agency's coordinator is sent to its own roster.
/// </summary>
public sealed class ComplianceModel(ComplianceQueries queries) : StaffPage
{
    public NationalCompliance? View { get; private set; }

    public string? Filter { get; private set; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public IActionResult? Redirected { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? model, CancellationToken ct)
    {
        if (MyRole == Role.DesignatedOfficer) return Redirect("/staff/me");
        if (MyRole == Role.AgencyCoordinator) return Redirect($"/staff/agencies/{Me.AgencyId}/officers");
        Filter = model;
        var result = await queries.NationalAsync(model, PageNumber, 50, MyRole, ct);
        if (!result.IsSuccess)
        {
            Show(result.Error!);
            return Page();
        }
        View = result.Value;
        return Page();
    }

    public string Link(int page) => $"/staff/compliance?page={page}" + (string.IsNullOrWhiteSpace(Filter) ? "" : $"&model={Filter}");

    public static string Share(decimal? share) => share is { } s ? $"{s:0.0}%" : "—";
}
