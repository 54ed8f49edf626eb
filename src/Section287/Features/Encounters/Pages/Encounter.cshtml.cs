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
        "kind", "at", "lateReason", "localCharges", "category", "checks", "interpreterName", "detainerCategory", "interpreterUsed", "systems",
            "result", "reference", "reasonToBelieve", "warrantNumber", "scheduledReleaseAt", "destination", "supervisorName",
        "probableCause", "detainerWarrant", "decision", "note", "answer", "statement", "reportedTo", "step", "stepDetails", "outcome", "explanation",
            "purpose", "correctionExplanation", "correctLocation",
    ];

    public EncounterView? Encounter { get; private set; }

    public PersonView? Person { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public Guid? TargetId { get; set; }

    // Each form binds the API's input record under its own prefix (Action.Kind, Detainer.Category), so that forms whose records
    // share member names do not collide; a refused form is shown back from its record.
    [BindProperty] public ActionInput? Action { get; set; }

    [BindProperty] public ReviewInput? Review { get; set; }

    [BindProperty] public DetainerInput? Detainer { get; set; }

    [BindProperty] public AnswerInput? Answer { get; set; }

    [BindProperty] public ClaimInput? Claim { get; set; }

    [BindProperty] public InvestigationInput? Investigation { get; set; }

    [BindProperty] public ReportInput? Report { get; set; }

    [BindProperty] public ResolveInput? Resolution { get; set; }

    [BindProperty] public CorrectionInput? Correction { get; set; }

    [BindProperty] public RevealInput? Reveal { get; set; }

    /// <summary>Warrant service: the agency's qualified interpreters, offered when one is named on the warrant.</summary>
    public IReadOnlyList<(string Name, string Languages)> Interpreters { get; private set; } = [];

    /// <summary>Task force: the categories ICE supervisors set for detainers and charging documents.</summary>
    public IReadOnlyList<string> IceCategories { get; private set; } = [];

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
        await After(id, "recorded", (await workflow.ActAsync(id, Me, Action is { } a
            ? a with { At = Utc(a.At), ScheduledReleaseAt = Utc(a.ScheduledReleaseAt), InterpreterUsed = a.InterpreterUsed ?? false }
            : new ActionInput(null, null, null, null, null, null, null, null, null, null, null, null, null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken ct) =>
        await After(id, "signed", (await workflow.ReviewDocumentAsync(TargetId ?? Guid.Empty, Me, Review ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostDetainerAsync(Guid id, CancellationToken ct) =>
        await After(id, "requested", Rename((await workflow.RequestDetainerAsync(id, Me,
            Detainer ?? new(null, null, null, null, null), ct)).Error, ("warrantNumber", "detainerWarrant"), ("category", "detainerCategory")), ct);

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) =>
        await After(id, "reviewed", (await workflow.ReviewDetainerAsync(TargetId ?? Guid.Empty, Me, Review ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) =>
        await After(id, "answered", (await workflow.AnswerDetainerAsync(TargetId ?? Guid.Empty, Me, Answer ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostTransmitAsync(Guid id, CancellationToken ct) =>
        await After(id, "transmitted", (await workflow.TransmitDetainerAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) =>
        await After(id, "claimed",
            (await workflow.ClaimCitizenshipAsync(id, Me, (Claim ?? new(null, null)) with { At = null, Suspected = Claim?.Suspected ?? false }, ct)).Error, ct);

    public async Task<IActionResult> OnPostInvestigateAsync(Guid id, CancellationToken ct) =>
        await After(id, "investigated",
            Rename((await workflow.InvestigateClaimAsync(id, Me, Investigation ?? new(null, null), ct)).Error, ("details", "stepDetails")), ct);

    public async Task<IActionResult> OnPostReportAsync(Guid id, CancellationToken ct) =>
        await After(id, "reported", (await workflow.ReportClaimAsync(id, Me, Report ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostResolveAsync(Guid id, CancellationToken ct) =>
        await After(id, "resolved", (await workflow.ResolveClaimAsync(id, Me, Resolution ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostCorrectAsync(Guid id, CancellationToken ct) =>
        await After(id, "corrected",
            Rename((await workflow.CorrectAsync(id, Me,
            (Correction ?? new(null, null, null, null, null)) with { Basis = null, Person = null, Perception = null }, ct)).Error,
            ("explanation", "correctionExplanation"), ("location", "correctLocation")), ct);

    /// <summary>Shows the person's data on this page only, after the read is logged with its purpose.</summary>
    public async Task<IActionResult> OnPostRevealAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.RevealPersonAsync(id, Me, Reveal ?? new(null), ct);
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

    public static string DoneText(string? done) => Common.Texts.S(done switch
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
    });

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
