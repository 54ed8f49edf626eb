using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Data.Reference;

namespace Section287.Features.Transparency.Public;

/// <summary>The public figures (issue 18): approved kinds, per settled quarter, for the nation and its states or one state and its agencies.</summary>
public sealed class FiguresModel(PublicFigures figures, QuarterlyReports reports, ReferenceData reference, Evaluation.CrimeEvaluation evaluation,
    Costs.CostMeasures costs) : PageModel
{
    /// <summary>Whether the crime evaluation is released (then linked from here).</summary>
    public bool EvaluationReleased { get; private set; }

    /// <summary>Whether the agencies' costs are released (then linked from here).</summary>
    public bool CostsReleased { get; private set; }

    [BindProperty(SupportsGet = true)] public string? State { get; set; }

    public PublicFiguresView View { get; private set; } = null!;

    public bool BadState { get; private set; }

    /// <summary>The nation's archived quarterly reports.</summary>
    public IReadOnlyList<ReportListing> Reports { get; private set; } = [];

    public IEnumerable<StateInfo> States => reference.States;

    public string AreaName(FigureRow row) => row.Level switch
    {
        "nation" => Texts.T("figures.nation"),
        "state" => reference.StateByCode(row.Area)?.Name ?? row.Area,
        _ => row.Name,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var state = State?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(state) && reference.StateByCode(state) is null)
        {
            BadState = true;
            Response.StatusCode = 400;
            state = null;
        }
        View = await figures.ReadAsync(state, Texts.IsSpanish, ct);
        Reports = await reports.ListAsync("nation", ct);
        EvaluationReleased = await evaluation.ReleasedAsync(ct);
        CostsReleased = await costs.ReleasedAsync(ct);
        return Page();
    }
}
