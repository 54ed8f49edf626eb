using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>
/// One encounter for everyone who may see it: the record, the custody clock, detainers and claims, the timeline and every
/// version. The recording officer acts here; ICE supervisors review detainers and resolve claims here; who needs the
/// person's data reads it here, on purpose and logged. Every form works without script; times are UTC.
/// </summary>
public sealed class EncounterModel(EncounterWorkflow workflow, Agreements.AgreementTermsWorkflow terms, Agencies.AgencyWorkspace agencies) : StaffPage
{
    private static readonly string[] FormFields =
    [
        "kind", "at", "lateReason", "localCharges", "category", "checks", "interpreterName", "detainerCategory", "interpreterUsed", "systems", "result", "reference", "reasonToBelieve", "warrantNumber", "scheduledReleaseAt", "destination", "supervisorName",
        "probableCause", "detainerWarrant", "decision", "note", "answer", "statement", "reportedTo", "step", "stepDetails", "outcome", "explanation", "purpose", "correctionExplanation", "correctLocation",
    ];

    public EncounterView? Encounter { get; private set; }

    public PersonView? Person { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public string? ActionKind { get; set; }

    [BindProperty] public DateTime? At { get; set; }

    [BindProperty] public string? Details { get; set; }

    [BindProperty] public bool InterpreterUsed { get; set; }

    [BindProperty] public string? Reference { get; set; }

    [BindProperty] public string? Systems { get; set; }

    [BindProperty] public string? Result { get; set; }

    [BindProperty] public string? WarrantForm { get; set; }

    [BindProperty] public string? WarrantNumber { get; set; }

    [BindProperty] public DateTime? ReleaseAt { get; set; }

    [BindProperty] public string? Destination { get; set; }

    [BindProperty] public string? SupervisorName { get; set; }

    [BindProperty] public string? ReasonToBelieve { get; set; }

    [BindProperty] public string? LateReason { get; set; }

    [BindProperty] public string? Category { get; set; }

    [BindProperty] public string? InterpreterName { get; set; }

    [BindProperty] public List<string> Checks { get; set; } = [];

    [BindProperty] public string? LocalCharges { get; set; }

    /// <summary>Warrant service: the agency's qualified interpreters, offered when one is named on the warrant.</summary>
    public IReadOnlyList<(string Name, string Languages)> Interpreters { get; private set; } = [];

    /// <summary>Task force: the categories ICE supervisors set for detainers and charging documents.</summary>
    public IReadOnlyList<string> IceCategories { get; private set; } = [];

    [BindProperty] public string? ProbableCause { get; set; }

    [BindProperty] public string? DetainerWarrantForm { get; set; }

    [BindProperty] public string? DetainerWarrantNumber { get; set; }

    [BindProperty] public string? DetainerWarrantSignedBy { get; set; }

    [BindProperty] public DateOnly? DetainerWarrantSignedOn { get; set; }

    [BindProperty] public string? Decision { get; set; }

    [BindProperty] public string? Note { get; set; }

    [BindProperty] public string? Answer { get; set; }

    [BindProperty] public string? Statement { get; set; }

    [BindProperty] public bool Suspected { get; set; }

    [BindProperty] public string? Step { get; set; }

    [BindProperty] public string? StepDetails { get; set; }

    [BindProperty] public string? ReportedTo { get; set; }

    [BindProperty] public string? Outcome { get; set; }

    [BindProperty] public string? Explanation { get; set; }

    [BindProperty] public string? Purpose { get; set; }

    [BindProperty] public string? CorrectLocation { get; set; }

    [BindProperty] public string? CorrectionExplanation { get; set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public bool IsRecordingOfficer => MyRole == Role.DesignatedOfficer && Encounter?.OfficerUserId == MyId;

    public bool MayReadPerson => MyRole != Role.Oversight;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private static DateTime? Utc(DateTime? t) => StaffFormat.FromInput(t);

    public async Task<IActionResult> OnPostActAsync(Guid id, CancellationToken ct) =>
        await After(id, "recorded", (await workflow.ActAsync(id, Me, new ActionInput(ActionKind, Utc(At), Details, InterpreterUsed, Reference, Systems, Result,
            WarrantForm, WarrantNumber, Utc(ReleaseAt), Destination, SupervisorName, ReasonToBelieve, LateReason, Category, Checks, InterpreterName, LocalCharges), ct)).Error, ct);

    public async Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        await After(id, "signed", (await workflow.ReviewDocumentAsync(TargetId ?? Guid.Empty, Me, new ReviewInput(Decision, Note), ct)).Error, ct);

    public async Task<IActionResult> OnPostDetainerAsync(Guid id, CancellationToken ct) =>
        await After(id, "requested", Rename((await workflow.RequestDetainerAsync(id, Me,
            new DetainerInput(ProbableCause, DetainerWarrantForm, DetainerWarrantNumber, DetainerWarrantSignedBy, DetainerWarrantSignedOn, Category), ct)).Error, ("warrantNumber", "detainerWarrant"), ("category", "detainerCategory")), ct);

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) =>
        await After(id, "reviewed", (await workflow.ReviewDetainerAsync(TargetId ?? Guid.Empty, Me, new ReviewInput(Decision, Note), ct)).Error, ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        await After(id, "answered", (await workflow.AnswerDetainerAsync(TargetId ?? Guid.Empty, Me, new AnswerInput(Answer), ct)).Error, ct);

    public async Task<IActionResult> OnPostTransmitAsync(Guid id, CancellationToken ct) =>
        await After(id, "transmitted", (await workflow.TransmitDetainerAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) =>
        await After(id, "claimed", (await workflow.ClaimCitizenshipAsync(id, Me, new ClaimInput(Statement, null, Suspected), ct)).Error, ct);

    public async Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) =>
        await After(id, "investigated", Rename((await workflow.InvestigateClaimAsync(id, Me, new InvestigationInput(Step, StepDetails), ct)).Error, ("details", "stepDetails")), ct);

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) =>
        await After(id, "reported", (await workflow.ReportClaimAsync(id, Me, new ReportInput(ReportedTo), ct)).Error, ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) =>
        await After(id, "resolved", (await workflow.ResolveClaimAsync(id, Me, new ResolveInput(Outcome, Explanation), ct)).Error, ct);

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        await After(id, "corrected", Rename((await workflow.CorrectAsync(id, Me, new CorrectionInput(CorrectionExplanation, CorrectLocation, null, null, null), ct)).Error,
            ("explanation", "correctionExplanation"), ("location", "correctLocation")), ct);

    /// <summary>Shows the person's data on this page only, after the read is logged with its purpose.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.RevealPersonAsync(id, Me, new RevealInput(Purpose), ct);
        if (!result.IsSuccess) return await After(id, "", result.Error, ct);
        Person = result.Value;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private static Error? Rename(Error? error, params (string From, string To)[] map) => error is null ? null : Renamed(error, map);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/encounters/{id}?done={done}");
        if (error.Code == EncounterWorkflow.NotFound.Code) return NotFound();
        Show(error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, Me, ct);
        if (!result.IsSuccess) return false;
        Encounter = result.Value;
        if (Encounter.Asks.IceCategory && (await terms.GetAsync(Encounter.AgreementId, ct)) is { IsSuccess: true } t) IceCategories = t.Value.IceCategories;
        if (Encounter.Asks.InterpreterNamedOnWarrant && (await agencies.GetAsync(Encounter.AgencyId, ct)) is { IsSuccess: true } a)
            Interpreters = a.Value.Interpreters.Where(i => i.RemovedAt is null).Select(i => (i.Name, i.Languages)).ToList();
        return true;
    }

    public static string DoneText(string? done) => done switch
    {
        "opened" => "The encounter is recorded.",
        "investigated" => "The step of the claim's investigation is recorded.",
        "recorded" => "The action is recorded.",
        "requested" => "The detainer request went to the ICE supervisors of the area.",
        "reviewed" => "Your decision is recorded and the officer told.",
        "signed" => "Your decision on the document is recorded and the officer told.",
        "answered" => "Your answer went back to ICE for review.",
        "transmitted" => "The detainer is recorded as sent to ICE.",
        "claimed" => "The claim of U.S. citizenship is recorded. Nothing more happens on this encounter, except the person's release, until ICE resolves it. Report it to an ICE supervisor within the hour.",
        "reported" => "The report of the claim is recorded.",
        "resolved" => "The claim is resolved.",
        "corrected" => "The correction is recorded; the earlier version is kept.",
        _ => "",
    };

    public static readonly IReadOnlyDictionary<string, string> ActionNames = new Dictionary<string, string>
    {
        ["questioning"] = "Questioning about immigration status",
        ["record_check"] = "Record check",
        ["i213_prepared"] = "Form I-213 prepared",
        ["nta_prepared"] = "Notice to Appear prepared for ICE signature",
        ["arrest_without_warrant"] = "Arrest without a warrant",
        ["warrant_served"] = "ICE warrant served",
        ["release_scheduled"] = "Scheduled release recorded",
        ["custody_transferred"] = "Custody transferred to ICE",
        ["released"] = "Released",
        ["transported"] = "Transported",
        ["supervisor_contact"] = "ICE supervisor contacted",
        ["detainer_served"] = "Detainer served on the person",
        ["picked_up_by_ice"] = "ICE took the person from the jail",
        ["deconflicted"] = "Deconfliction with ICE",
        ["ice_notified"] = "ICE officer notified that the warrant was served",
    };
}
