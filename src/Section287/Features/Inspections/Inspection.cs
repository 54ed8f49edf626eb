using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using static Section287.Features.Encounters.RuleBook;

namespace Section287.Features.Inspections;

public enum InspectionStatus
{
    /// <summary>Due on its date; nothing checked yet.</summary>
    Scheduled,

    /// <summary>Begun: the checklist was generated with its evidence, and the inspector records results and findings.</summary>
    Open,

    /// <summary>Every item answered and the agency's cooperation recorded; the report is final (findings' corrective actions go on).</summary>
    Reported,
}

public enum ItemResult
{
    Met,
    NotMet,
    NotApplicable,
}

public enum Severity
{
    Observation,
    Minor,
    Major,
    Critical,
}

public enum Cooperation
{
    /// <summary>Access to databases, personnel, people in custody and documents, as the MOA requires.</summary>
    Full,

    /// <summary>Some access was given late or not at all (the note says what).</summary>
    Partial,

    /// <summary>The agency refused access.</summary>
    Refused,
}

/// <summary>
/// One compliance review of one agreement, any model (the warrant service model had none in the audits), on a cycle the program
/// office sets: scheduled, begun with a checklist generated from the agreement's obligations and the product's own records, answered
/// item by item with the evidence kept, with findings and their corrective actions, the agency's cooperation, and a report.
/// Reporting schedules the next one a cycle later.
/// </summary>
public sealed class Inspection : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    public AgreementModel Model { get; init; }

    public DateOnly DueOn { get; init; }

    /// <summary>Months until the next one, set by the program office.</summary>
    public int CycleMonths { get; init; }

    public InspectionStatus Status { get; private set; }

    public string ScheduledBy { get; init; } = "";

    public DateTime? StartedAt { get; private set; }

    public string? Inspector { get; private set; }

    /// <summary>The period whose records the checklist reads.</summary>
    public DateOnly? PeriodFrom { get; private set; }

    public DateOnly? PeriodTo { get; private set; }

    public Cooperation? Cooperation { get; private set; }

    public string? CooperationNote { get; private set; }

    public DateTime? ReportedAt { get; private set; }

    public string? Summary { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal static Inspection Schedule(Agreement agreement, DateOnly dueOn, int cycleMonths, string by) => new()
    {
        AgencyId = agreement.AgencyId, AgreementId = agreement.Id, Model = agreement.Model, DueOn = dueOn, CycleMonths = cycleMonths, ScheduledBy = by,
        Status = InspectionStatus.Scheduled,
    };

    internal Error? Start(string inspector, DateOnly from, DateOnly to, DateTime now)
    {
        if (Status != InspectionStatus.Scheduled) return InspectionRules.NotOpen.RefuseAs("The inspection has already begun.");
        Status = InspectionStatus.Open;
        StartedAt = now;
        Inspector = inspector;
        PeriodFrom = from;
        PeriodTo = to;
        return null;
    }

    internal Error? RecordCooperation(Cooperation cooperation, string? note)
    {
        if (Status != InspectionStatus.Open) return InspectionRules.NotOpen;
        if (cooperation != Inspections.Cooperation.Full && string.IsNullOrWhiteSpace(note)) return InspectionRules.RefusalNeedsNote;
        Cooperation = cooperation;
        CooperationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }

    internal Error? Report(IReadOnlyList<InspectionItem> items, string? summary, DateTime now)
    {
        if (Status != InspectionStatus.Open) return InspectionRules.NotOpen;
        var unanswered = items.Where(i => i.Result is null).Select(i => i.Title).ToList();
        if (unanswered.Count > 0) return InspectionRules.ItemsUnanswered.Refuse($"Still unanswered: {string.Join("; ", unanswered)}.");
        if (Cooperation is null) return InspectionRules.CooperationUnrecorded;
        if (string.IsNullOrWhiteSpace(summary))
            return Error.Invalid("inspection.summary_required", "Write the report's summary.",
                new Dictionary<string, string[]> { ["summary"] = ["Write the report's summary."] });
        Status = InspectionStatus.Reported;
        ReportedAt = now;
        Summary = summary.Trim();
        return null;
    }
}

/// <summary>One line of the checklist: what the agreement or the product requires, what the records show, and the inspector's result.</summary>
public sealed class InspectionItem : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid InspectionId { get; init; }

    public int Order { get; init; }

    public string Code { get; init; } = "";

    public string Title { get; init; } = "";

    public string Source { get; init; } = "";

    /// <summary>What the product's records show for the period, pulled when the inspection began.</summary>
    public string Evidence { get; init; } = "";

    /// <summary>What the records suggest; the inspector decides.</summary>
    public ItemResult? Suggested { get; init; }

    public ItemResult? Result { get; private set; }

    public string? Note { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal Error? Answer(ItemResult result, string? note)
    {
        if (result != ItemResult.Met && string.IsNullOrWhiteSpace(note)) return InspectionRules.ResultNeedsNote;
        Result = result;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}

/// <summary>A finding with its severity and its corrective action: the owner, the due day, the agency's proof, and ICE's closure.</summary>
public sealed class InspectionFinding : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid InspectionId { get; init; }

    public string? ItemCode { get; init; }

    public Severity Severity { get; init; }

    public string Description { get; init; } = "";

    public string CorrectiveAction { get; init; } = "";

    /// <summary>Who at the agency owns the corrective action (a name or a position).</summary>
    public string Owner { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public DateTime RecordedAt { get; init; }

    public string RecordedBy { get; init; } = "";

    public string? Proof { get; private set; }

    public DateTime? ProofAt { get; private set; }

    public string? ProofBy { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public bool IsOpen => ClosedAt is null;

    internal Error? Prove(string proof, string by, DateTime now)
    {
        if (ClosedAt is not null) return InspectionRules.FindingClosed;
        Proof = proof.Trim();
        ProofAt = now;
        ProofBy = by;
        return null;
    }

    internal Error? Close(string by, DateTime now)
    {
        if (ClosedAt is not null) return InspectionRules.FindingClosed;
        if (Proof is null) return InspectionRules.ProofRequired;
        ClosedAt = now;
        ClosedBy = by;
        return null;
    }
}

/// <summary>
/// The agency's statement that the complaint-process posters hang in a facility's processing area, in which languages, with who
/// said so and when. Checked at inspection.
/// </summary>
public sealed class PosterAttestation : IAgencyOwned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public string Facility { get; init; } = "";

    /// <summary>Language codes, comma-separated ("en,es").</summary>
    public string Languages { get; init; } = "";

    public DateTime AttestedAt { get; init; }

    public string AttestedBy { get; init; } = "";

    public string? Note { get; init; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> LanguageList => Languages.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

public static class InspectionRules
{
    private const string Reviews = "MOA (jail 2020; warrant service 2025; task force 2025): \"The LEA agrees to cooperate with Federal personnel conducting reviews to ensure compliance with the terms of this MOA and to provide access to appropriate databases, personnel, and documents necessary to complete such compliance review\"";

    private const string Posters = $"{JailMoa} and {WarrantServiceMoa}, Appendix B: \"287(g) Complaint Process posters will be displayed in processing areas of the LEA ... Posters will be displayed in English and Spanish\"; {TaskForceMoa}, Appendix B, 1: \"Complaint reporting procedures shall be disseminated ... (in English and other languages as appropriate)\"";

    public static readonly Rule IceInspects = new("inspection.ice_inspects",
        "Inspections are ICE's: the program office schedules them and sets the cycle; ICE (the program office or a field supervisor of the area) conducts them.",
        Reviews, RuleKind.Role);

    public static readonly Rule ProgramOfficeSchedules = new("inspection.program_office_schedules",
        "Only the program office schedules inspections and sets how often they recur.",
        Rule.PolicyReason("one office keeps every agreement, warrant service included, on a cycle (issue 15; the audits found one model never reviewed)"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule AgencyProves = new("inspection.agency_proves",
        "The agency's coordinator records the proof of a corrective action; ICE verifies it and closes the finding.",
        Reviews, RuleKind.Role);

    public static readonly Rule OneAtATime = new("inspection.one_at_a_time",
        "The agreement already has an inspection scheduled or under way; finish it before scheduling another.",
        Rule.PolicyReason("one inspection per agreement at a time, so that the cycle is one line"), Basis: RuleBasis.Policy);

    public static readonly Rule NotOpen = new("inspection.not_open",
        "The inspection is not under way: it must be begun, and once reported it is final.",
        Rule.PolicyReason("a report is final; later facts go to the next inspection"), Basis: RuleBasis.Policy);

    public static readonly Rule ItemsUnanswered = new("inspection.items_unanswered",
        "Every item of the checklist needs a result (met, not met or not applicable) before the report.",
        Rule.PolicyReason("a report that leaves an obligation unchecked cannot show it was met"), Basis: RuleBasis.Policy);

    public static readonly Rule ResultNeedsNote = new("inspection.result_needs_note",
        "An item not met or not applicable needs a note saying what was found.",
        Rule.PolicyReason("a result other than met is explained in the report"), Basis: RuleBasis.Policy);

    public static readonly Rule CooperationUnrecorded = new("inspection.cooperation_unrecorded",
        "Record the agency's cooperation (full, partial or refused) before the report.",
        Rule.PolicyReason($"the texts require the cooperation ({Reviews}) but no record of it; a report that does not say whether access was given cannot support \"Failure to do so may result in the termination of this MOA\""),
        Basis: RuleBasis.Policy);

    public static readonly Rule RefusalNeedsNote = new("inspection.refusal_needs_note",
        "Partial cooperation or a refusal needs a note saying what was withheld.",
        Rule.PolicyReason($"what was withheld is what the program office weighs under the texts' \"Failure to do so may result in the termination of this MOA\" ({Reviews})"),
        Basis: RuleBasis.Policy);

    public static readonly Rule ProofRequired = new("inspection.proof_required",
        "A finding closes only once the agency recorded the proof of its corrective action.",
        Rule.PolicyReason("a corrective action is closed on evidence, not on a promise"), Basis: RuleBasis.Policy);

    public static readonly Rule FindingClosed = new("inspection.finding_closed",
        "The finding is closed; its record is kept as it was.",
        Rule.PolicyReason("a closed finding does not change; a new problem is a new finding"), Basis: RuleBasis.Policy);

    public static readonly Rule PosterLanguages = new("poster.languages",
        "The complaint-process posters hang in English and Spanish (task force: English, with other languages as appropriate).",
        Posters);

    public static readonly Rule AgencyAttests = new("poster.agency_attests",
        "Only the agency's coordinator attests where the complaint-process posters hang.",
        Posters, RuleKind.Role);

    public static readonly Rule InspectionDue = new("inspection.due", "An agreement's inspection is done by the day the program office set.",
        Rule.PolicyReason($"{Reviews}; the cycle is the program office's, since no text sets one"), RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule CorrectiveActionDue = new("inspection.corrective_action",
        "A finding's corrective action is done, with its proof, by the day the inspector set.",
        Rule.PolicyReason("the due day is the inspector's, in the finding"), RuleKind.Deadline, RuleBasis.Policy);

    public static readonly DeadlineRule InspectionDeadline = DeadlineRule.Keeps(InspectionDue, "Inspect the agreement", 0, DeadlineUnit.CalendarDays,
        TimeSpan.FromDays(30), Role.FieldSupervisor);

    public static readonly DeadlineRule CorrectiveActionDeadline = DeadlineRule.Keeps(CorrectiveActionDue, "Complete a corrective action", 0,
        DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.AgencyCoordinator);

    public static readonly IReadOnlyList<DeadlineRule> Deadlines = [InspectionDeadline, CorrectiveActionDeadline];

    public static readonly Error NotFound = Error.NotFound("inspection.not_found", "No such inspection among those you can see.");
}
