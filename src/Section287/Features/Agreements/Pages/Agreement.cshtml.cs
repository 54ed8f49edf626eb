using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Agreements.Pages;

/// <summary>
/// One agreement for both sides: its versions (each readable as HTML and PDF), signatures, timers and history; and
/// the program office's actions on it: send for signature, sign, amend, record reviews, suspend, reinstate, give notice.
/// The agency's coordinator records its head's signature and may give its own notice of termination.
/// </summary>
public sealed class AgreementModel(AgreementWorkflow workflow, ChangeAgreementStatus status, AgreementTermsWorkflow termsWorkflow,
    StatisticsRequests statistics, Costs.CostWorkflow costs) : StaffPage
{
    private static readonly string[] FormFields =
        ["signatoryName", "signatoryTitle", "kind", "heldOn", "milestoneSummary", "suspendReason", "suspendUntil", "suspendResponse", "noticeBy",
            "noticeEffectiveOn", "noticeReason",
         "decidedBy", "recommendedBy", "SuspendDelivery", "SuspendReceivedOn", "SuspendExigency", "NoticeDelivery", "NoticeReceivedOn", "NoticeExigency",
         "aliensIdentified", "examples", "publishedOn", "extendUntil", "extendReason", "noticeDecidedBy", "categories", "policyReason", "on",
         "measures", "periodFrom", "periodTo", "dueOn", "answerNote", "quarter"];

    public AgreementTermsView? Terms { get; private set; }

    public IReadOnlyList<StatisticsRequestView> Statistics { get; private set; } = [];

    /// <summary>The agreement's quarters of costs, newest first (null for a role that does not read pay).</summary>
    public Page<Costs.QuarterCostRow>? Costs { get; private set; }

    [BindProperty(SupportsGet = true)] public int? CostsPage { get; set; }

    [BindProperty] public Costs.OpenQuarterInput? Open { get; set; }

    /// <summary>ICE's categories, one per line (task force).</summary>
    [BindProperty] public string? Categories { get; set; }

    [BindProperty] public long? TermsVersion { get; set; }

    [BindProperty] public string? PolicyCode { get; set; }

    [BindProperty] public Guid? RequestId { get; set; }

    // Each form binds the API's input record under its own prefix (Suspend.Reason, Notice.Reason), so that forms whose records
    // share member names do not collide; a refused form is shown back from its record. The categories are the exception: a
    // textarea with one per line, split here into the record's list.
    [BindProperty] public SignInput? Sign { get; set; }

    [BindProperty] public MilestoneInput? Milestone { get; set; }

    [BindProperty] public SuspendInput? Suspend { get; set; }

    [BindProperty] public ExtensionInput? Extend { get; set; }

    [BindProperty] public TerminationNoticeInput? Notice { get; set; }

    [BindProperty] public PolicyInput? Policy { get; set; }

    [BindProperty] public StatisticsRequestInput? Ask { get; set; }

    [BindProperty] public StatisticsAnswerInput? Answer { get; set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public AgreementView? Agreement { get; private set; }

    public string? Done { get; private set; }

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    public bool CanRecordMilestones => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid id, CancellationToken ct) =>
        await After(id, "sent", (await workflow.SendForSignatureAsync(id, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        await After(id, "signed", (await workflow.SignAsync(id, Me, Sign ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostMilestoneAsync(Guid id, CancellationToken ct) =>
        await After(id, "recorded",
            Rename((await workflow.RecordMilestoneAsync(id, Me, Milestone ?? new(null, null, null), ct)).Error, ("summary", "milestoneSummary")), ct);

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        await After(id, "suspended", Rename((await status.SuspendAsync(id, MyRole, (Suspend ?? new(null, null)) with { By = "ice" }, ct)).Error,
            ("reason", "suspendReason"), ("until", "suspendUntil"), ("delivery", "SuspendDelivery"), ("receivedOn", "SuspendReceivedOn")), ct);

    public async Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken ct) =>
        await After(id, "extended", Rename((await status.ExtendSuspensionAsync(id, MyRole, Extend ?? new(null, null), ct)).Error,
            ("until", "extendUntil"), ("reason", "extendReason")), ct);

    public async Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) =>
        await After(id, "reinstated", (await status.ReinstateAsync(id, MyRole, ct)).Error, ct);

    /// <summary>ICE's program office gives ICE's notice, or records the agency's written one; an agency's coordinator gives the agency's.</summary>
    public async Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct)
    {
        var notice = Notice ?? new(null, null, null);
        var result = await status.GiveTerminationNoticeAsync(id, MyRole, notice with { By = IsProgramOffice ? notice.By : "agency" }, ct);
        return await After(id, "notice", Rename(result.Error, ("reason", "noticeReason"), ("effectiveOn", "noticeEffectiveOn"), ("by", "noticeBy"),
            ("delivery", "NoticeDelivery"), ("receivedOn", "NoticeReceivedOn"), ("decidedBy", "noticeDecidedBy"), ("exigency", "NoticeExigency")), ct);
    }

    /// <summary>ICE supervisors set the categories of a task force agreement (MOA section V), one per line.</summary>
    public async Task<IActionResult> OnPostCategoriesAsync(Guid id, CancellationToken ct) =>
        await After(id, "categories", (await termsWorkflow.SetCategoriesAsync(id, Me,
            new CategoriesInput((Categories ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), TermsVersion),
                ct)).Error, ct);

    /// <summary>The program office switches a policy off (with the reason it publishes) or back on.</summary>
    public async Task<IActionResult> OnPostPolicyAsync(Guid id, CancellationToken ct) =>
        await After(id, "policy", Rename((await termsWorkflow.SwitchPolicyAsync(id, PolicyCode ?? "", Me, Policy ?? new(null, null, null), ct)).Error,
            ("reason", "policyReason")), ct);

    /// <summary>ICE asks a task force agency for its statistics by a date (MOA section XII).</summary>
    public async Task<IActionResult> OnPostStatisticsAsync(Guid id, CancellationToken ct) =>
        await After(id, "statistics", (await statistics.RequestAsync(id, Me, Ask ?? new(null, null, null, null, null), ct)).Error, ct);

    /// <summary>The coordinator answers with what the product counted.</summary>
    public async Task<IActionResult> OnPostAnswerStatisticsAsync(Guid id, CancellationToken ct) =>
        await After(id, "statistics_answered",
            Rename((await statistics.AnswerAsync(RequestId ?? Guid.Empty, Me, Answer ?? new(null), ct)).Error, ("note", "answerNote")), ct);

    /// <summary>The coordinator opens a quarter of costs and goes to it.</summary>
    public async Task<IActionResult> OnPostOpenCostsAsync(Guid id, CancellationToken ct)
    {
        var opened = await costs.OpenAsync(id, Me, Open ?? new(null), ct);
        if (opened.IsSuccess) return Redirect($"/staff/costs/{opened.Value.Id}");
        return await After(id, "", opened.Error, ct);
    }

    private static Error? Rename(Error? error, params (string From, string To)[] map) => error is null ? null : Renamed(error, map);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/agreements/{id}?done={done}");
        if (error.Code == AgreementErrors.NotFound.Code) return NotFound();
        Show(error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, ct);
        if (!result.IsSuccess) return false;
        Agreement = result.Value;
        if ((await termsWorkflow.GetAsync(id, ct)) is { IsSuccess: true } terms) Terms = terms.Value;
        if ((await statistics.ListAsync(id, ct)) is { IsSuccess: true } requests) Statistics = requests.Value;
        if ((await costs.ListAsync(id, Me, CostsPage, 12, ct)) is { IsSuccess: true } quarters) Costs = quarters.Value;
        return true;
    }

    public static readonly IReadOnlyDictionary<string, string> MilestoneNames = new Dictionary<string, string>
    {
        ["operations_started"] = "Operations started (the first review is counted from this day)",
        ["first_review"] = "First operational review",
        ["yearly_meeting"] = "Yearly meeting",
        ["ice_review"] = "ICE's three-year review",
        ["equipment_installed"] = "ICE equipment installed",
    };

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "sent" => "The agreement was sent for signature. The agency's head and ICE may sign in either order.",
        "signed" => "The signature was recorded.",
        "recorded" => "The review, meeting or installation was recorded.",
        "suspended" => "The suspension is recorded. Jail and task force: from today, and authority stops at once. Warrant service: from the day 90 days after the notice's receipt.",
        "extended" => "The extension of the suspension is recorded.",
        "reinstated" => "The agreement is reinstated.",
        "notice" => "Notice of termination was given. It is on the agency's public page now.",
        "amended" => "The amendment was drafted and waits for both signatures. The version in force stays in force until then.",
        "edited" => "The draft was changed.",
        "categories" => "ICE's categories for this agreement were saved.",
        "policy" => "The policy was switched; the change is audited and shown on the agency's public page.",
        "statistics" => "ICE's request for statistics was sent to the agency, with its due date.",
        "statistics_answered" => "The answer was sent to ICE, with the list of exactly what was counted.",
        _ => "",
    });
}
