using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Evaluation.Public;

/// <summary>The crime evaluation on the public portal, in English and Spanish, once ICE's two offices have released it.</summary>
public sealed class EvaluationModel(CrimeEvaluation evaluation) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Counties { get; set; }

    public EvaluationView? View { get; private set; }

    public bool Released { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Released = await evaluation.ReleasedAsync(ct);
        if (!Released) return Page();
        var query = EvaluationQuery.Parse(Outcome, Counties);
        if (!query.IsSuccess)
        {
            Problem = Common.Texts.T("eval.badquery");
            Response.StatusCode = 400;
            query = (CrimeOutcome.Violent, false);
        }
        var report = await evaluation.RunAsync(query.Value.Outcome, ct);
        if (report.IsSuccess)
            View = new EvaluationView(report.Value, query.Value.WithoutFlagged, "/figures/evaluation",
                EvaluationQuery.Csv("/api/v1/figures/evaluation", query.Value.Outcome));
        return Page();
    }
}
