using Section287.Common;
using Section287.Data;

namespace Section287.Features.Encounters;

public enum BasisKind
{
    /// <summary>Jail model: the person was arrested and booked on a criminal charge.</summary>
    Booking,

    /// <summary>Task force model: a lawful stop or arrest for a state or federal offense.</summary>
    StopOrArrest,

    /// <summary>Warrant service model: an ICE warrant (I-200 or I-205) already issued.</summary>
    Warrant,
}

public enum ActionKind
{
    Questioning,
    RecordCheck,
    I213Prepared,
    NtaPrepared,
    ArrestWithoutWarrant,
    WarrantServed,
    ReleaseScheduled,
    CustodyTransferred,
    Released,
    Transported,
    SupervisorContact,

    /// <summary>An issued detainer served on the person (it holds no one before).</summary>
    DetainerServed,

    /// <summary>After custody passed to ICE (jail, warrant service), ICE took the person from the agency's jail.</summary>
    PickedUpByIce,

    /// <summary>Task force: the deconfliction with ICE, with its minimum content, before any enforcement action.</summary>
    Deconflicted,

    /// <summary>Warrant service: the agency notified the ICE officer that a warrant was served.</summary>
    IceNotified,
}

public enum DetainerStatus
{
    Requested,
    Returned,
    Issued,
    Declined,

    /// <summary>No longer needed: the encounter ended before review, or the person is a U.S. citizen.</summary>
    Withdrawn,
}

public enum ClaimOutcome
{
    UsCitizen,
    NotUsCitizen,
}

/// <summary>One line of an encounter's record, in the order things happened: what, when it happened, when it was recorded, by whom, the details.</summary>
public sealed class EncounterEvent : IAgencyOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    /// <summary>"opened", an action's code ("questioning", "warrant_served", ...), "detainer.requested", "citizenship.claimed", "corrected", ...</summary>
    public string Kind { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTime At { get; init; }

    public DateTime RecordedAt { get; init; }

    public Guid ById { get; init; }

    public string ByName { get; init; } = "";

    /// <summary>What was recorded, in plain words (never person data).</summary>
    public string Details { get; init; } = "";

    /// <summary>Why it was entered more than 24 hours after it happened.</summary>
    public string? LateReason { get; init; }

    public bool IsLate => RecordedAt - At > Encounter.LateAfter;
}

/// <summary>
/// A request for an immigration detainer (Form I-247A) on an encounter under the jail model: the probable cause, the
/// signed warrant it rests on, and an ICE supervisor's review — approved (issued), returned with questions, or declined.
/// </summary>
public sealed class Detainer : IAgencyOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    public DetainerStatus Status { get; internal set; }

    public string ProbableCause { get; internal set; } = "";

    /// <summary>"I-200" or "I-205".</summary>
    public string WarrantForm { get; internal set; } = "";

    public string WarrantNumber { get; internal set; } = "";

    public string WarrantSignedBy { get; internal set; } = "";

    public DateOnly WarrantSignedOn { get; internal set; }

    public Guid RequestedById { get; init; }

    public DateTime RequestedAt { get; init; }

    /// <summary>When it last entered the review queue (first request, or an answer to ICE's questions).</summary>
    public DateTime QueuedAt { get; internal set; }

    public Guid? ReviewedById { get; internal set; }

    public string? ReviewedByName { get; internal set; }

    public DateTime? ReviewedAt { get; internal set; }

    /// <summary>The reasons of a decline, or the questions of a return.</summary>
    public string? ReviewNote { get; internal set; }

    public string? Answer { get; internal set; }

    public DateTime? IssuedAt { get; internal set; }

    public DateTime? TransmittedAt { get; internal set; }

    /// <summary>When the issued detainer was served on the person: it holds them only from then (Form I-247A).</summary>
    public DateTime? ServedAt { get; internal set; }

    /// <summary>Task force: the category ICE supervisors set that the person falls in (MOA, task force 2025, section V).</summary>
    public string? Category { get; internal set; }

    public int Returns { get; internal set; }

    public long Version { get; set; }

    public bool IsOpen => Status is DetainerStatus.Requested or DetainerStatus.Returned or DetainerStatus.Issued;
}

public enum DocumentStatus
{
    /// <summary>Prepared by the officer, waiting for an ICE officer's signature (a Notice to Appear) or supervisory review (a Form I-213).</summary>
    AwaitingSignature,

    Signed,

    /// <summary>ICE sent it back with what to correct; the officer prepares it again.</summary>
    Returned,

    /// <summary>No longer needed: the person is a U.S. citizen, or the encounter ended before the review.</summary>
    Withdrawn,
}

/// <summary>
/// A Form I-213 or a Notice to Appear the officer prepared, and ICE's review and signature of it (issue 12): the MOAs delegate
/// the preparation only, "for the signature of an ICE officer" (the NTA) and "for ICE supervisory review" (statements and
/// records), so each waits in the supervisor's queue as a detainer does.
/// </summary>
public sealed class ChargingDocument : IAgencyOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    /// <summary>"I-213" or "NTA".</summary>
    public string Form { get; init; } = "";

    public string Reference { get; init; } = "";

    /// <summary>Task force: the ICE-set category the person falls in.</summary>
    public string? Category { get; init; }

    public Guid PreparedById { get; init; }

    public string PreparedByName { get; init; } = "";

    public DateTime PreparedAt { get; init; }

    public DocumentStatus Status { get; internal set; }

    public Guid? ReviewedById { get; internal set; }

    public string? ReviewedByName { get; internal set; }

    public DateTime? ReviewedAt { get; internal set; }

    /// <summary>What to correct, when returned.</summary>
    public string? ReviewNote { get; internal set; }

    public long Version { get; set; }
}

/// <summary>A claim of U.S. citizenship made on an encounter, its report to an ICE supervisor and its resolution.</summary>
public sealed class CitizenshipClaim : IAgencyOwned, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    public DateTime ClaimedAt { get; init; }

    public string Statement { get; init; } = "";

    /// <summary>The person did not state it: the officer suspects it (documents, records, what was said). Reported and resolved the same way.</summary>
    public bool Suspected { get; init; }

    public DateTime? ReportedAt { get; internal set; }

    public string? ReportedTo { get; internal set; }

    public DateTime? ResolvedAt { get; internal set; }

    public ClaimOutcome? Outcome { get; internal set; }

    public string? Explanation { get; internal set; }

    public string? ResolvedByName { get; internal set; }

    public long Version { get; set; }

    public bool IsOpen => ResolvedAt is null;
}

/// <summary>A correction of an encounter: what it said before and after, and why. Never changed; every version stays readable.</summary>
public sealed class EncounterVersion : IAgencyOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    public int Number { get; init; }

    public DateTime At { get; init; }

    public Guid ById { get; init; }

    public string ByName { get; init; } = "";

    public string Explanation { get; init; } = "";

    /// <summary>The corrected fields as JSON: {"field": ["before", "after"]}. Person data appears only as ciphertext.</summary>
    public string Changes { get; init; } = "{}";
}

public static class EncounterCodes
{


    public static ActionKind? ActionFromCode(string? code) => Codes.FromCode<ActionKind>(code);


    public static BasisKind? BasisFromCode(string? code) =>
        Enum.GetValues<BasisKind>().Cast<BasisKind?>().FirstOrDefault(k => k!.Value.Code() == code?.Trim().ToLowerInvariant());


}
