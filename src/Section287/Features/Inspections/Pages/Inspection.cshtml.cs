using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Inspections.Pages;

/// <summary>
/// One inspection: ICE begins it, answers each generated line with its evidence, records the agency's cooperation and findings, and
/// reports; the coordinator sends proof of each corrective action and ICE closes it. The report downloads as tagged PDF.
/// </summary>
public sealed class InspectionModel(InspectionWorkflow workflow, TimeProvider clock) : StaffPage
{
    private static readonly string[] FormFields = ["periodTo", "result", "note", "cooperation", "severity", "description", "correctiveAction", "owner",
        "dueOn", "itemCode", "summary", "proof"];

    public InspectionView? Inspection { get; private set; }

    public DateOnly Today => Section287.Common.Clock.Today(clock);

    public string? Done { get; private set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public StartInput? Start { get; set; }

    [BindProperty] public AnswerInput? Answer { get; set; }

    [BindProperty] public CooperationInput? Cooperation { get; set; }

    [BindProperty] public FindingInput? Finding { get; set; }

    [BindProperty] public ReportInput? Report { get; set; }

    [BindProperty] public ProofInput? Proof { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetReportAsync(Guid id, CancellationToken ct)
    {
        var pdf = await workflow.ReportPdfAsync(id, ct);
        return pdf.IsSuccess ? File(pdf.Value.Pdf, "application/pdf", pdf.Value.FileName) : NotFound();
    }

    public async Task<IActionResult> OnPostStartAsync(Guid id, CancellationToken ct) =>
        await After(id, "started", (await workflow.StartAsync(id, Me, Start ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        await After(id, "answered", (await workflow.AnswerAsync(TargetId ?? Guid.Empty, Me, Answer ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostCooperationAsync(Guid id, CancellationToken ct) =>
        await After(id, "cooperation", (await workflow.CooperationAsync(id, Me, Cooperation ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostFindingAsync(Guid id, CancellationToken ct) =>
        await After(id, "finding", (await workflow.FindAsync(id, Me, Finding ?? new(null, null, null, null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) =>
        await After(id, "reported", (await workflow.ReportAsync(id, Me, Report ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostProofAsync(Guid id, CancellationToken ct) =>
        await After(id, "proof", (await workflow.ProveAsync(TargetId ?? Guid.Empty, Me, Proof ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        await After(id, "closed", (await workflow.CloseFindingAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/inspections/{id}?done={done}");
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error, FormFields);
        var status = Response.StatusCode;
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, ct);
        if (!result.IsSuccess) return false;
        Inspection = result.Value;
        return true;
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "started" => "The inspection has begun: the checklist below was generated from the agreement and the records.",
        "answered" => "The result is recorded.",
        "cooperation" => "The agency's cooperation is recorded.",
        "finding" => "The finding is recorded, and the agency told of its corrective action.",
        "reported" => "The report is final, and the next inspection is scheduled on the cycle.",
        "proof" => "The proof is recorded; ICE will verify it.",
        "closed" => "The finding is closed.",
        _ => "",
    });
}
