using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Oversight;

/// <summary>What an early-intervention policy counts for each officer over its period.</summary>
public enum Indicator
{
    /// <summary>Complaint allegations naming the officer, by when they were recorded.</summary>
    ComplaintAllegations,

    /// <summary>Allegations against the officer found sustained, by the finding's time.</summary>
    SustainedFindings,

    /// <summary>The officer's encounters entered more than 24 hours late.</summary>
    LateRecords,

    /// <summary>The officer's encounters corrected after they were recorded.</summary>
    CorrectedRecords,

    /// <summary>The officer's encounters flagged for a hold past 48 hours.</summary>
    Overdetention,

    /// <summary>Claims of U.S. citizenship on the officer's encounters that proved true.</summary>
    CitizenshipClaimErrors,

    /// <summary>What the officer tried that the rule book refused (a 422), by the API or a page (<see cref="RuleRefusal"/>).</summary>
    RuleRefusals,
}

public enum AlertLevel
{
    Warning,
    Critical,
}

public enum AlertStatus
{
    Open,
    InReview,
    Closed,
}

/// <summary>What the supervisors decided after reviewing an alert.</summary>
public enum InterventionOutcome
{
    /// <summary>Reviewed with the officer; nothing further.</summary>
    Review,
    Training,
    Reassignment,

    /// <summary>No action, with the reason.</summary>
    NoAction,
}

/// <summary>
/// A rule the program office sets to see an officer drifting before harm: an indicator counted over a rolling period for the officers
/// of a group (every model, or one), with warning and critical thresholds, and optionally a peer percentile among the officers of the
/// same agency and model. It raises alerts to the officer's supervisors; an alert never changes authority by itself.
/// </summary>
public sealed class InterventionPolicy : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    public Indicator Indicator { get; set; }

    /// <summary>The model whose officers it watches, or null for every model.</summary>
    public AgreementModel? Model { get; set; }

    public int PeriodMonths { get; set; }

    public int WarningAt { get; set; }

    public int CriticalAt { get; set; }

    /// <summary>An officer at or above this percentile of their peers (same agency and model) with at least one is warned too.</summary>
    public int? PeerPercentile { get; set; }

    public bool Active { get; set; } = true;

    public string SetBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>An early-intervention alert on one officer under one policy, and the intervention that closed it.</summary>
public sealed class EarlyAlert : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public Guid PolicyId { get; init; }

    public AgreementModel Model { get; init; }

    public AlertLevel Level { get; private set; }

    /// <summary>The count that raised it (or the last that raised its level).</summary>
    public int Value { get; private set; }

    /// <summary>The officer's percentile among peers of the same agency and model, 0 to 100.</summary>
    public int Percentile { get; private set; }

    public int Peers { get; private set; }

    public DateTime RaisedAt { get; init; }

    public AlertStatus Status { get; private set; }

    public string? Reviewer { get; private set; }

    public DateTime? ReviewStartedAt { get; private set; }

    public InterventionOutcome? Outcome { get; private set; }

    public string? OutcomeNote { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal static EarlyAlert Raise(Guid agencyId, Guid officerId, InterventionPolicy policy, AgreementModel model, AlertLevel level, int value,
        int percentile, int peers, DateTime now) => new()
    {
        AgencyId = agencyId, OfficerId = officerId, PolicyId = policy.Id, Model = model, Level = level, Value = value, Percentile = percentile, Peers = peers,
        RaisedAt = now, Status = AlertStatus.Open,
    };

    /// <summary>A worse reading while the alert is open raises its level; a better one changes nothing (the review decides).</summary>
    internal bool Escalate(AlertLevel level, int value, int percentile, int peers)
    {
        if (Status == AlertStatus.Closed || level <= Level) return false;
        Level = level;
        Value = value;
        Percentile = percentile;
        Peers = peers;
        return true;
    }

    internal Error? StartReview(string reviewer, DateTime now)
    {
        if (Status != AlertStatus.Open) return EarlyInterventionRules.NotOpen;
        Status = AlertStatus.InReview;
        Reviewer = reviewer;
        ReviewStartedAt = now;
        return null;
    }

    internal Error? Close(InterventionOutcome outcome, string? note, DateTime now)
    {
        if (Status == AlertStatus.Closed) return EarlyInterventionRules.NotOpen;
        if (Status != AlertStatus.InReview) return EarlyInterventionRules.ReviewFirst;
        if (outcome == InterventionOutcome.NoAction && string.IsNullOrWhiteSpace(note)) return EarlyInterventionRules.NoActionNeedsReason;
        Outcome = outcome;
        OutcomeNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Status = AlertStatus.Closed;
        ClosedAt = now;
        return null;
    }
}

public static class EarlyInterventionRules
{
    public static readonly Rule ProgramOfficeSets = new("early_intervention.program_office_sets",
        "Only the program office defines early-intervention policies.",
        Rule.PolicyReason("one definition of drift for the whole program (issue 15), so that officers are compared alike"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule SupervisorsIntervene = new("early_intervention.supervisors_intervene",
        "An alert is reviewed and closed by the officer's supervisors: the agency's coordinator or ICE (the program office or a field supervisor of the area).",
        Rule.PolicyReason("the MOAs put designated officers under ICE's supervision (jail 2020, section IV.F; task force 2025, section XI: \"will be supervised and directed by ICE\") while they remain the agency's employees; an alert goes to both"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule OfficersDoNotSee = new("early_intervention.officers_do_not_see",
        "Designated officers do not see early-intervention alerts; their supervisors review them with them.",
        Rule.PolicyReason("an alert is a supervisory tool about the officer, discussed in the review, not a notice to the officer"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule ThresholdsInOrder = new("early_intervention.thresholds_in_order",
        "The warning threshold is at least 1 and no higher than the critical one; the period is 1 to 36 months; a peer percentile is 50 to 100.",
        Rule.PolicyReason("a policy that can never warn, or warns above its critical level, watches nothing"), Basis: RuleBasis.Policy);

    public static readonly Rule ReviewFirst = new("early_intervention.review_first",
        "Start the review of the alert before recording what was done.",
        Rule.PolicyReason("an intervention follows a review, and the review is dated"), Basis: RuleBasis.Policy);

    public static readonly Rule NoActionNeedsReason = new("early_intervention.no_action_reason",
        "Deciding on no action needs the reason.",
        Rule.PolicyReason("an alert closed without action says why, so that a pattern of dismissed alerts can be seen"), Basis: RuleBasis.Policy);

    public static readonly Rule NotOpen = new("early_intervention.not_open",
        "The alert is not open for that step (already in review, or closed).",
        Rule.PolicyReason("each alert is reviewed and closed once; a worse reading after it closed raises a new alert"), Basis: RuleBasis.Policy);

    public static readonly Error NotFound = Error.NotFound("early_intervention.not_found", "No such alert or policy among those you can see.");
}
