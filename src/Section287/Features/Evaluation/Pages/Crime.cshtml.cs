using Microsoft.AspNetCore.Mvc;
using Section287.Features.Shared;

namespace Section287.Features.Evaluation.Pages;

/// <summary>The crime evaluation for staff (issue 19): always available to them, before and after its public release.</summary>
public sealed class CrimeModel(CrimeEvaluation evaluation) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Outcome { get; set; }
    [BindProperty(SupportsGet = true)] public string? Counties { get; set; }

    public EvaluationView? View { get; private set; }

    public bool Released { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = EvaluationQuery.Parse(Outcome, Counties);
        if (!query.IsSuccess)
        {
            Problem = Common.Texts.T("eval.badquery");
            Response.StatusCode = 400;
            query = (CrimeOutcome.Violent, false);
        }
        Released = await evaluation.ReleasedAsync(ct);
        var report = await evaluation.RunAsync(query.Value.Outcome, ct);
        if (!report.IsSuccess) return Page();
        View = new EvaluationView(report.Value, query.Value.WithoutFlagged, "/staff/evaluation",
            EvaluationQuery.Csv("/api/v1/evaluation/crime", query.Value.Outcome));
        return Page();
    }
}
