using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>The measures of the use of authority, for the nation, an ICE area, an agency or an agreement, over a period.</summary>
public sealed class MeasuresModel(Measures measures) : StaffPage
{
    public UseOfAuthorityMeasures? Result { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Level { get; set; }

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Me.AgencyId is { } own && string.IsNullOrEmpty(Level)) (Level, Subject) = ("agency", own.ToString());
        var result = await measures.UseOfAuthorityAsync(Me, Level, Subject, From, To, ct);
        if (result.IsSuccess) Result = result.Value;
        else Show(result.Error!, "level", "subject", "to");
        return Page();
    }
}
