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
public sealed class AgreementModel(AgreementWorkflow workflow, ChangeAgreementStatus status, AgreementTermsWorkflow termsWorkflow, StatisticsRequests statistics) : StaffPage
{
    private static readonly string[] FormFields =
        ["signatoryName", "signatoryTitle", "kind", "heldOn", "milestoneSummary", "suspendReason", "suspendUntil", "suspendResponse", "noticeBy", "noticeEffectiveOn", "noticeReason",
         "decidedBy", "recommendedBy", "SuspendDelivery", "SuspendReceivedOn", "SuspendExigency", "NoticeDelivery", "NoticeReceivedOn", "NoticeExigency",
         "aliensIdentified", "examples", "publishedOn", "extendUntil", "extendReason", "noticeDecidedBy", "categories", "policyReason", "on",
         "measures", "periodFrom", "periodTo", "dueOn", "answerNote"];

    public AgreementTermsView? Terms { get; private set; }

    public IReadOnlyList<StatisticsRequestView> Statistics { get; private set; } = [];

    /// <summary>ICE's categories, one per line (task force).</summary>
    [BindProperty] public string? Categories { get; set; }

    [BindProperty] public long? TermsVersion { get; set; }

    [BindProperty] public string? PolicyCode { get; set; }

    [BindProperty] public string? PolicyOn { get; set; }

    [BindProperty] public string? PolicyReason { get; set; }

    [BindProperty] public List<string> Measures { get; set; } = [];

    [BindProperty] public DateOnly? PeriodFrom { get; set; }

    [BindProperty] public DateOnly? PeriodTo { get; set; }

    [BindProperty] public DateOnly? DueOn { get; set; }

    [BindProperty] public string? RequestNote { get; set; }

    [BindProperty] public Guid? RequestId { get; set; }

    [BindProperty] public string? AnswerNote { get; set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public AgreementView? Agreement { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public string? SignatoryName { get; set; }

    [BindProperty] public string? SignatoryTitle { get; set; }

    [BindProperty] public string? Kind { get; set; }

    [BindProperty] public DateOnly? HeldOn { get; set; }

    [BindProperty] public string? MilestoneSummary { get; set; }

    [BindProperty] public string? SuspendReason { get; set; }

    [BindProperty] public DateOnly? SuspendUntil { get; set; }

    [BindProperty] public string? SuspendResponse { get; set; }

    [BindProperty] public string? SuspendDecidedBy { get; set; }

    [BindProperty] public string? SuspendRecommendedBy { get; set; }

    [BindProperty] public string? SuspendDelivery { get; set; }

    [BindProperty] public DateOnly? SuspendReceivedOn { get; set; }

    [BindProperty] public string? SuspendExigency { get; set; }

    [BindProperty] public DateOnly? ExtendUntil { get; set; }

    [BindProperty] public string? ExtendReason { get; set; }

    [BindProperty] public int? NoticeAliensIdentified { get; set; }

    [BindProperty] public string? NoticeExamples { get; set; }

    [BindProperty] public DateOnly? NoticePublishedOn { get; set; }

    [BindProperty] public string? NoticeDecidedBy { get; set; }

    [BindProperty] public string? NoticeDelivery { get; set; }

    [BindProperty] public DateOnly? NoticeReceivedOn { get; set; }

    [BindProperty] public string? NoticeExigency { get; set; }

    [BindProperty] public string? NoticeBy { get; set; }

    [BindProperty] public DateOnly? NoticeEffectiveOn { get; set; }

    [BindProperty] public string? NoticeReason { get; set; }

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
        await After(id, "signed", (await workflow.SignAsync(id, Me, new SignInput(SignatoryName, SignatoryTitle), ct)).Error, ct);

    public async Task<IActionResult> OnPostMilestoneAsync(Guid id, CancellationToken ct) =>
        await After(id, "recorded", Rename((await workflow.RecordMilestoneAsync(id, Me, new MilestoneInput(Kind, HeldOn, MilestoneSummary), ct)).Error, ("summary", "milestoneSummary")), ct);

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        await After(id, "suspended", Rename((await status.SuspendAsync(id, MyRole, new SuspendInput(SuspendReason, SuspendUntil, SuspendResponse, "ice", SuspendDecidedBy, SuspendRecommendedBy,
                SuspendDelivery, SuspendReceivedOn, SuspendExigency), ct)).Error,
            ("reason", "suspendReason"), ("until", "suspendUntil"), ("delivery", "SuspendDelivery"), ("receivedOn", "SuspendReceivedOn")), ct);

    public async Task<IActionResult> OnPostExtendAsync(Guid id, CancellationToken ct) =>
        await After(id, "extended", Rename((await status.ExtendSuspensionAsync(id, MyRole, new ExtensionInput(ExtendUntil, ExtendReason), ct)).Error,
            ("until", "extendUntil"), ("reason", "extendReason")), ct);

    public async Task<IActionResult> OnPostReinstateAsync(Guid id, CancellationToken ct) =>
        await After(id, "reinstated", (await status.ReinstateAsync(id, MyRole, ct)).Error, ct);

    /// <summary>ICE's program office gives ICE's notice, or records the agency's written one; an agency's coordinator gives the agency's.</summary>
    public async Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct)
    {
        var by = IsProgramOffice ? NoticeBy : "agency";
        var result = await status.GiveTerminationNoticeAsync(id, MyRole, new TerminationNoticeInput(by, NoticeEffectiveOn, NoticeReason, NoticeAliensIdentified, NoticeExamples,
            NoticePublishedOn, NoticeDecidedBy, NoticeDelivery, NoticeReceivedOn, NoticeExigency), ct);
        return await After(id, "notice", Rename(result.Error, ("reason", "noticeReason"), ("effectiveOn", "noticeEffectiveOn"), ("by", "noticeBy"),
            ("delivery", "NoticeDelivery"), ("receivedOn", "NoticeReceivedOn"), ("decidedBy", "noticeDecidedBy"), ("exigency", "NoticeExigency")), ct);
    }

    /// <summary>ICE supervisors set the categories of a task force agreement (MOA section V), one per line.</summary>
    public async Task<IActionResult> OnPostCategoriesAsync(Guid id, CancellationToken ct) =>
        await After(id, "categories", (await termsWorkflow.SetCategoriesAsync(id, Me,
            new CategoriesInput((Categories ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), TermsVersion), ct)).Error, ct);

    /// <summary>The program office switches a policy off (with the reason it publishes) or back on.</summary>
    public async Task<IActionResult> OnPostPolicyAsync(Guid id, CancellationToken ct) =>
        await After(id, "policy", Rename((await termsWorkflow.SwitchPolicyAsync(id, PolicyCode ?? "", Me, new PolicyInput(PolicyOn switch { "on" => true, "off" => false, _ => null }, PolicyReason, TermsVersion), ct)).Error,
            ("reason", "policyReason")), ct);

    /// <summary>ICE asks a task force agency for its statistics by a date (MOA section XII).</summary>
    public async Task<IActionResult> OnPostStatisticsAsync(Guid id, CancellationToken ct) =>
        await After(id, "statistics", (await statistics.RequestAsync(id, Me, new StatisticsRequestInput(PeriodFrom, PeriodTo, DueOn, Measures, RequestNote), ct)).Error, ct);

    /// <summary>The coordinator answers with what the product counted.</summary>
    public async Task<IActionResult> OnPostAnswerStatisticsAsync(Guid id, CancellationToken ct) =>
        await After(id, "statistics_answered", Rename((await statistics.AnswerAsync(RequestId ?? Guid.Empty, Me, new StatisticsAnswerInput(AnswerNote), ct)).Error, ("note", "answerNote")), ct);

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

    public static string DoneText(string? done) => done switch
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
    };
}
