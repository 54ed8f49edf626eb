using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>The measures of the use of authority, for the nation, an ICE area, an agency or an agreement, over a period.</summary>
public sealed class MeasuresModel(Measures measures, Complaints.OversightMeasures oversight) : StaffPage
{
    public UseOfAuthorityMeasures? Result { get; private set; }

    public Complaints.OversightFigures? Oversight { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Level { get; set; }

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Me.AgencyId is { } own && string.IsNullOrEmpty(Level)) (Level, Subject) = ("agency", own.ToString());
        var result = await measures.UseOfAuthorityAsync(Me, Level, Subject, From, To, ct);
        if (result.IsSuccess)
        {
            Result = result.Value;
            if (await oversight.FiguresAsync(Me, Level, Subject, From, To, ct) is { IsSuccess: true } figures) Oversight = figures.Value;
        }
        else Show(result.Error!, "level", "subject", "to");
        return Page();
    }

    /// <summary>The oversight figures shown, as CSV.</summary>
    public async Task<IActionResult> OnGetOversightCsvAsync(CancellationToken ct)
    {
        if (Me.AgencyId is { } own && string.IsNullOrEmpty(Level)) (Level, Subject) = ("agency", own.ToString());
        var figures = await oversight.FiguresAsync(Me, Level, Subject, From, To, ct);
        if (figures.IsSuccess)
            return File(System.Text.Encoding.UTF8.GetBytes(Complaints.OversightMeasures.Csv(figures.Value)), "text/csv; charset=utf-8", "oversight-measures.csv");
        Show(figures.Error!, "level", "subject", "to");
        return Page();
    }
}
