using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Features.Officers.Pages;

/// <summary>
/// One officer: whether they may act now under each agreement and every reason why not, and the forms of both sides.
/// </summary>
public sealed class OfficerModel(OfficerWorkflow workflow, TrainingWorkflow training, TrainingRequirementsWorkflow requirements, TimeProvider clock) : StaffPage
{
    private static readonly string[] FormFields =
    [
        "inviteEmail", "backgroundStatus", "backgroundReason", "credentialNumber", "signatoryName", "signatoryTitle", "suspendReason", "revokeReason", "kind",
            "separationReason",
        "email", "reference", "resolution", "note", "purpose", "correctionReason", "officerName", "badgeNumber", "expiresOn", "requireKind",
            "courseId", "dueOn", "requireReason",
        "conditionKind", "held", "from", "conditionReason", "signedOn", "noticeGivenOn", "shortNoticeReason",
    ];

    public OfficerView? Officer { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The disciplinary history, shown once after a logged read.</summary>
    public string? Disclosed { get; private set; }

    [BindProperty] public Guid? TargetId { get; set; }

    /// <summary>The courses ICE may require, by model code (for the requirement form).</summary>
    public IReadOnlyList<CourseView> Courses { get; private set; } = [];

    // Each form binds the API's input record under its own prefix (Suspend.Reason, Revoke.Reason), so that forms whose records
    // share member names do not collide; a refused form is shown back from its record.
    [BindProperty] public BackgroundInput? Background { get; set; }

    [BindProperty] public AuthorizeInput? Authorize { get; set; }

    [BindProperty] public RequirementInput? Require { get; set; }

    [BindProperty] public ReasonInput? Suspend { get; set; }

    [BindProperty] public ReasonInput? Revoke { get; set; }

    [BindProperty] public SeparationInput? Separation { get; set; }

    [BindProperty] public ConditionInput? Condition { get; set; }

    [BindProperty] public RecordsAuthorizationInput? Records { get; set; }

    [BindProperty] public LinkAccountInput? Link { get; set; }

    [BindProperty] public NoticeInput? Notice { get; set; }

    [BindProperty] public CertificateCorrection? Correction { get; set; }

    [BindProperty] public string? Purpose { get; set; }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostBackgroundAsync(Guid id, CancellationToken ct) =>
        await After(id, "background", Rename((await workflow.RecordBackgroundAsync(TargetId ?? Guid.Empty, Me, Background ?? new(null, null), ct)).Error,
            ("status", "backgroundStatus"), ("reason", "backgroundReason")), ct);

    public async Task<IActionResult> OnPostAuthorizeAsync(Guid id, CancellationToken ct) =>
        await After(id, "authorized", (await workflow.AuthorizeAsync(TargetId ?? Guid.Empty, Me, Authorize ?? new(null, null, null), ct)).Error, ct);

    /// <summary>ICE requires a refresher or additional course of this officer under one agreement, by a date.</summary>
    public async Task<IActionResult> OnPostRequireAsync(Guid id, CancellationToken ct) =>
        await After(id, "required",
            Rename((await requirements.RequireAsync(TargetId ?? Guid.Empty, Me,
            (Require ?? new(null, null, null, null, null)) with { OfficerId = id }, ct)).Error,
            ("kind", "requireKind"), ("reason", "requireReason")), ct);

    public async Task<IActionResult> OnPostSuspendAsync(Guid id, CancellationToken ct) =>
        await After(id, "suspended",
            Rename((await workflow.SuspendAuthorizationAsync(TargetId ?? Guid.Empty, Me, Suspend ?? new(null), ct)).Error, ("reason", "suspendReason")), ct);

    public async Task<IActionResult> OnPostLiftAsync(Guid id, CancellationToken ct) =>
        await After(id, "lifted", (await workflow.LiftSuspensionAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        await After(id, "revoked",
            Rename((await workflow.RevokeAsync(TargetId ?? Guid.Empty, Me, Revoke ?? new(null), ct)).Error, ("reason", "revokeReason")), ct);

    public async Task<IActionResult> OnPostReturnedAsync(Guid id, CancellationToken ct) =>
        await After(id, "returned", (await workflow.CredentialsReturnedAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostSeparateAsync(Guid id, CancellationToken ct) =>
        await After(id, "separated",
            Rename((await workflow.SeparateAsync(id, Me, Separation ?? new(null, null), ct)).Error, ("reason", "separationReason")), ct);

    /// <summary>A dated fact of the officer's standing: ICE's systems access or clearance (ICE), the detention assignment (the agency).</summary>
    public async Task<IActionResult> OnPostConditionAsync(Guid id, CancellationToken ct) =>
        await After(id, "condition",
            Rename((await workflow.RecordConditionAsync(id, Me,
            Condition is { } c ? c with { From = StaffFormat.FromInput(c.From) } : new(null, null, null, null), ct)).Error, ("kind", "conditionKind"),
            ("reason", "conditionReason")), ct);

    /// <summary>Warrant service: ICE asks for the candidate's written authorization to read their disciplinary records.</summary>
    public async Task<IActionResult> OnPostRecordsRequestAsync(Guid id, CancellationToken ct) =>
        await After(id, "records_requested", (await workflow.RequestRecordsAccessAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    /// <summary>The coordinator records the day the candidate signed it.</summary>
    public async Task<IActionResult> OnPostRecordsAuthorizationAsync(Guid id, CancellationToken ct) =>
        await After(id, "records_authorized", (await workflow.RecordRecordsAuthorizationAsync(TargetId ?? Guid.Empty, Me, Records ?? new(null), ct)).Error, ct);

    [BindProperty] public LinkAccountInput? Invite { get; set; }

    /// <summary>The invitation made by this request, shown this once (the page is not redirected, so nothing keeps its link).</summary>
    public OfficerInvitation? Invitation { get; private set; }

    public string InvitationUrl => Invitation is null ? "" : $"{Request.Scheme}://{Request.Host}{Invitation.Path}";

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.InviteAccountAsync(id, Me, Invite ?? new(null), ct);
        if (!result.IsSuccess) return await After(id, "", Renamed(result.Error!, ("email", "inviteEmail")), ct);
        Invitation = result.Value;
        Response.Headers.CacheControl = "no-store";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct) =>
        await After(id, "linked", (await workflow.LinkAccountAsync(id, Me, Link ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostNoticeAsync(Guid id, CancellationToken ct) =>
        await After(id, "notice", (await workflow.RecordRevocationNoticeAsync(id, Me, Notice ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        await After(id, "corrected", Rename((await training.CorrectCertificateAsync(TargetId ?? Guid.Empty, Me,
            (Correction ?? new(null, null, null, null, null)) with { CompletedOn = null }, ct)).Error, ("reason", "correctionReason")), ct);

    /// <summary>Reads the disciplinary history for this page only; the read is logged with the purpose given.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.RevealDisciplinaryAsync(id, Purpose, Me, ct);
        if (!result.IsSuccess) return await After(id, "", result.Error, ct);
        Disclosed = result.Value ?? "Nothing was disclosed.";
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetLetterAsync(Guid id, Guid authorizationId, CancellationToken ct)
    {
        var result = await workflow.AuthorizationLetterAsync(authorizationId, Me, ct);
        return result.IsSuccess ? File(result.Value.Pdf, "application/pdf", result.Value.FileName) : NotFound();
    }

    public async Task<IActionResult> OnGetCertificateAsync(Guid id, Guid certificateId, CancellationToken ct)
    {
        var result = await training.CertificatePdfAsync(certificateId, Me, ct);
        return result.IsSuccess ? File(result.Value.Pdf, "application/pdf", result.Value.FileName) : NotFound();
    }

    private static Error? Rename(Error? error, params (string From, string To)[] map) => error is null ? null : Renamed(error, map);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/officers/{id}?done={done}");
        if (error.Kind == ErrorKind.NotFound && error.Code == OfficerErrors.NotFound.Code) return NotFound();
        Show(error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, Me, ct);
        if (!result.IsSuccess) return false;
        Officer = result.Value;
        if (IsIce) Courses = (await training.CoursesAsync(ct)).Where(c => c.Active).ToList();
        return true;
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "required" => "The training ICE requires is recorded; the agency's coordinator was told.",
        "nominated" => "The officer is nominated. ICE's field office was told to start the background investigation.",
        "background" => "The background investigation was recorded.",
        "authorized" => "The authorization letter is signed and the credentials issued: the officer's authority starts now.",
        "suspended" => "The authorization is suspended from now; the other party was notified.",
        "lifted" => "The suspension is lifted.",
        "revoked" => "The authorization is revoked. Give the other party written notice within 48 hours; the credentials are due back.",
        "returned" => "The credentials were recorded as returned.",
        "separated" => "The officer has left the program: their authority ended now, and the credentials are due back.",
        "linked" => "The officer's account was linked.",
        "condition" => "The fact is recorded; the officer's authority follows it from the time given.",
        "records_requested" => "ICE's request for the candidate's written authorization was sent to the agency.",
        "records_authorized" => "The candidate's written authorization is recorded.",
        "notice" => "The notice was recorded.",
        "corrected" => "A corrected certificate was issued; the old one is kept, marked as superseded.",
        _ => "",
    });

    public static string StageText(string stage) => Common.Texts.S(stage switch
    {
        "nominated" => "nominated, not yet vetted",
        "vetting" => "background investigation under way",
        "cleared" => "cleared for training",
        "in_training" => "in training",
        "certified" => "certified, not yet authorized",
        "authorized" => "authorized",
        _ => "ended",
    });
}
