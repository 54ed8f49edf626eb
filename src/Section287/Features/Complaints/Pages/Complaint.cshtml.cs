using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Complaints.Pages;

/// <summary>
/// One complaint for the agency's coordinator, ICE and oversight: what it is, its allegations and findings, its notices, referrals and
/// deadlines, and a form for each next step, shown to whoever may take it. The person's words are read on purpose and logged.
/// </summary>
public sealed class ComplaintModel(ComplaintWorkflow workflow, ComplaintLetters letters) : StaffPage
{
    private static readonly string[] FormFields = ["purpose", "agreementId", "encounterNumber", "caseReference", "category", "personDescribed",
        "mayLeadToDiscipline", "to", "reference", "note", "finding", "actionsTaken", "resolution", "who"];

    public ComplaintView? Complaint { get; private set; }

    public ComplaintPersonData? Person { get; private set; }

    public IReadOnlyList<OfficerChoice> Officers { get; private set; } = [];

    public string? Done { get; private set; }

    public string? Failed { get; private set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public RevealInput? Reveal { get; set; }

    [BindProperty] public LinkInput? Link { get; set; }

    [BindProperty] public AllegationInput? Allegation { get; set; }

    [BindProperty] public StepInput? Notice { get; set; }

    [BindProperty] public StepInput? Opr { get; set; }

    [BindProperty] public ReferralInput? Referral { get; set; }

    [BindProperty] public FindingInput? Finding { get; set; }

    [BindProperty] public ResolveInput? Resolve { get; set; }

    [BindProperty] public StepInput? Outcome { get; set; }

    [BindProperty] public TellInput? Tell { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct);
    }

    /// <summary>A letter to the person, as PDF in the language asked for.</summary>
    public async Task<IActionResult> OnGetLetterAsync(Guid id, string kind, string? lang, CancellationToken ct)
    {
        var letter = await letters.PdfAsync(id, kind, lang, Me, ct);
        if (letter.IsSuccess) return File(letter.Value.Pdf, "application/pdf", letter.Value.FileName);
        if (letter.Error!.Kind == ErrorKind.NotFound) return NotFound();
        Show(letter.Error);
        var status = Response.StatusCode;
        var page = await LoadAsync(id, ct);
        Response.StatusCode = status;
        return page;
    }

    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        var read = await workflow.RevealAsync(id, Me, Reveal ?? new(null), ct);
        if (read.IsSuccess)
        {
            Person = read.Value;
            Response.Headers.CacheControl = "no-store";
            return await LoadAsync(id, ct);
        }
        return await After(id, "Reveal", "", read.Error, ct);
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct) =>
        await After(id, "Link", "linked", (await workflow.LinkAsync(id, Me, Link ?? new(null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostAllegationAsync(Guid id, CancellationToken ct) =>
        await After(id, "Allegation", "alleged", (await workflow.AllegeAsync(id, Me, Allegation ?? new(null, null, null, null, null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct) =>
        await After(id, "Notice", "notified", (await workflow.NotifyIceAsync(id, Me, Local(Notice), ct)).Error, ct);

    public async Task<IActionResult> OnPostOprAsync(Guid id, CancellationToken ct) =>
        await After(id, "Opr", "reported", (await workflow.ReportToOprAsync(id, Me, Local(Opr), ct)).Error, ct);

    public async Task<IActionResult> OnPostReferralAsync(Guid id, CancellationToken ct) =>
        await After(id, "Referral", "referred", (await workflow.ReferAsync(id, Me,
            Referral is { } r ? r with { At = StaffFormat.FromInput(r.At) } : new(null, null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostFindingAsync(Guid id, CancellationToken ct) =>
        await After(id, "Finding", "found", (await workflow.FindAsync(TargetId ?? Guid.Empty, Me, Finding ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) =>
        await After(id, "Resolve", "resolved", (await workflow.ResolveAsync(id, Me, Resolve ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct) =>
        await After(id, "Outcome", "outcome", (await workflow.ReportOutcomeAsync(id, Me, Local(Outcome), ct)).Error, ct);

    public async Task<IActionResult> OnPostTellAsync(Guid id, CancellationToken ct) =>
        await After(id, "Tell", "told", (await workflow.TellAsync(id, Me, Tell is { } t ? t with { At = StaffFormat.FromInput(t.At) } : new(null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        await After(id, "Close", "closed", (await workflow.CloseAsync(id, Me, ct)).Error, ct);

    private static StepInput Local(StepInput? input) => input is null ? new(null, null, null) : input with { At = StaffFormat.FromInput(input.At) };

    private async Task<IActionResult> After(Guid id, string form, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/complaints/{id}?done={done}");
        if (error.Code == ComplaintRules.NotFound.Code) return NotFound();
        Failed = form;
        Show(error, FormFields);
        var status = Response.StatusCode;
        var page = await LoadAsync(id, ct);
        Response.StatusCode = status;
        return page;
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, Me, ct);
        if (!result.IsSuccess)
        {
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            Show(result.Error);
            return Page();
        }
        Complaint = result.Value;
        if (Complaint.Status is "received" or "under_investigation" && (IsIce || IsCoordinator))
            Officers = await workflow.OfficersOfAsync(Complaint.AgencyId, ct);
        return Page();
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "taken" => "The complaint is recorded, and its deadlines started.",
        "linked" => "Recorded.",
        "alleged" => "The allegation is recorded.",
        "notified" => "The notice to ICE is recorded; ICE's field supervisors were told to make sure OPR has it.",
        "reported" => "The report to OPR is recorded.",
        "referred" => "OPR's referral is recorded.",
        "found" => "The finding is recorded.",
        "resolved" => "The complaint is resolved.",
        "outcome" => "The report of the outcome to ICE is recorded.",
        "told" => "Recorded.",
        "closed" => "The complaint is closed.",
        _ => "",
    });
}
