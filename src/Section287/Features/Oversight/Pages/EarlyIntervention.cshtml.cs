using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Oversight.Pages;

/// <summary>Early intervention: the program office's policies, and the alerts the officer's supervisors review and close.</summary>
public sealed class EarlyInterventionModel(EarlyInterventionWorkflow workflow) : StaffPage
{
    private static readonly string[] FormFields = ["name", "indicator", "model", "outcome", "note"];

    public IReadOnlyList<PolicyView> Policies { get; private set; } = [];

    public Page<AlertView>? Alerts { get; private set; }

    public bool All { get; private set; }

    public string? Done { get; private set; }

    public bool MayIntervene => MyRole is Role.ProgramOffice or Role.FieldSupervisor or Role.AgencyCoordinator;

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public PolicyInput? Policy { get; set; }

    [BindProperty] public OutcomeInput? Outcome { get; set; }

    public async Task<IActionResult> OnGetAsync(bool all, string? done, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        All = all;
        Done = done;
        await LoadAsync(page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPolicyAsync(CancellationToken ct) =>
        await After("policy", (await workflow.SetPolicyAsync(null, Me, Policy ?? new(null, null, null, null, null, null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostRunAsync(CancellationToken ct) => await After("run", (await workflow.RunAsync(Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken ct) =>
        await After("review", (await workflow.ReviewAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct) =>
        await After("outcome", (await workflow.CloseAsync(TargetId ?? Guid.Empty, Me, Outcome ?? new(null, null), ct)).Error, ct);

    private async Task<IActionResult> After(string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/early-intervention?done={done}");
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error, FormFields);
        var status = Response.StatusCode;
        await LoadAsync(null, ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        Policies = await workflow.PoliciesAsync(ct);
        var alerts = await workflow.AlertsAsync(Me, !All, page, 50, ct);
        if (alerts.IsSuccess) Alerts = alerts.Value;
        else if (ModelState.IsValid) Show(alerts.Error!);
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "policy" => "The policy is saved; it runs with the next sweep.",
        "run" => "The policies ran; new alerts are below.",
        "review" => "The review has begun.",
        "outcome" => "The intervention is recorded and the alert closed.",
        _ => "",
    });
}
