using Section287.Features.Deadlines;

namespace Section287.Features.Encounters;

public sealed record BasisView(string Kind, string Text, string? BookingNumber, string? Charges, DateTime? ArrestedAt, DateTime? BookedAt,
    string? StopKind, string? Offense, string? Jurisdiction, string? WarrantForm, string? WarrantNumber, string? WarrantSignedBy, DateOnly? WarrantSignedOn);

public sealed record PerceptionView(IReadOnlyList<string> Races, string Gender, int Age, bool LimitedEnglish, IReadOnlyList<string> Disabilities,
    bool InterpreterNeeded, string? InterpreterLanguage);

/// <summary>What is known of the person without reading it: which fields are on the record (the values are read on purpose, and logged).</summary>
public sealed record PersonPresence(bool Name, bool DateOfBirth, bool FbiNumber, bool ANumber);

public sealed record PersonView(string? Name, string? DateOfBirth, string? FbiNumber, string? ANumber);

public sealed record CustodyView(string State, DateTime? ScheduledReleaseAt, DateTime? HoldWarnsAt, DateTime? HoldEndsAt, DateTime? OverdetentionAt,
    DateTime? TransferredAt = null, DateTime? StayEndsAt = null, bool DetentionAgreement = false, DateTime? StayPastLimitAt = null);

public sealed record DetainerView(Guid Id, string Status, string ProbableCause, string WarrantForm, string WarrantNumber, string WarrantSignedBy, DateOnly WarrantSignedOn,
    DateTime RequestedAt, DateTime QueuedAt, string? ReviewedByName, DateTime? ReviewedAt, string? ReviewNote, string? Answer, DateTime? IssuedAt, DateTime? TransmittedAt,
    int Returns, long Version, DateTime? ServedAt = null, string? Category = null);

public sealed record ClaimView(Guid Id, DateTime ClaimedAt, string Statement, DateTime? ReportedAt, string? ReportedTo, DateTime? ResolvedAt, string? Outcome,
    string? Explanation, string? ResolvedByName, bool Suspected = false);

public sealed record EventView(string Kind, DateTime At, DateTime RecordedAt, bool Late, string? LateReason, string ByName, string Details);

public sealed record VersionView(int Number, DateTime At, string ByName, string Explanation, IReadOnlyDictionary<string, string?[]> Changes);

public sealed record EncounterView(
    Guid Id, string Number, Guid AgencyId, string AgencyName, Guid AgreementId, string Model, string ModelName, Guid OfficerId, Guid OfficerUserId, string OfficerName,
    DateTime OccurredAt, DateTime RecordedAt, bool Late, string? LateReason, string Location, bool Planned, string? DeconflictionReference, DateTime? DeconflictedAt,
    BasisView Basis, PersonPresence Person, PerceptionView Perception, CustodyView Custody,
    DateTime? ClosedAt, string? Outcome, bool UsCitizenConfirmed, bool ClaimOpen,
    IReadOnlyList<string> AllowedActions, IReadOnlyList<DetainerView> Detainers, IReadOnlyList<ClaimView> Claims, IReadOnlyList<EventView> Events,
    IReadOnlyList<VersionView> Versions, IReadOnlyList<DeadlineView> Deadlines, long Version)
{
    /// <summary>Notices to Appear and Forms I-213 prepared, and ICE's review of each.</summary>
    public IReadOnlyList<DocumentView> Documents { get; init; } = [];

    /// <summary>Whether the person with limited English was given the opportunity to request an interpreter (null: recorded before it was asked).</summary>
    public bool? InterpreterOffered { get; init; }

    /// <summary>How the local charges stood when custody passed to ICE.</summary>
    public string? LocalCharges { get; init; }

    /// <summary>What the record asks of a form now, from the aggregate's own rules.</summary>
    public EncounterAsks Asks { get; init; } = new(false, false, false, false, false);
}

public sealed record EncounterAsks(bool CanRequestDetainer, bool IceCategory, bool DeconflictionChecks, bool LocalChargesOnTransfer, bool InterpreterNamedOnWarrant);

public sealed record DocumentView(Guid Id, string Form, string Reference, string? Category, string PreparedByName, DateTime PreparedAt, string Status,
    string? ReviewedByName, DateTime? ReviewedAt, string? ReviewNote, long Version);

public sealed record EncounterSummary(Guid Id, string Number, string AgencyName, string Model, string OfficerName, DateTime OccurredAt, string BasisKind,
    string Status, bool ClaimOpen, string? DetainerStatus, string Custody, bool Late, int Corrections);

public sealed record CorrectionInput(string? Explanation, string? Location, BasisInput? Basis, PersonInput? Person, PerceptionInput? Perception);

public sealed record ReviewInput(string? Decision, string? Note);

public sealed record AnswerInput(string? Answer);

public sealed record ClaimInput(string? Statement, DateTime? At, bool? Suspected = null);

/// <summary>One step of ICE's investigation of an open claim: "record_check" (systems and result) or "legal_consultation" (ICE's legal office).</summary>
public sealed record InvestigationInput(string? Step, string? Details);

public sealed record ReportInput(string? ReportedTo);

public sealed record ResolveInput(string? Outcome, string? Explanation);

public sealed record RevealInput(string? Purpose);

public sealed record LookupInput(string? ANumber, string? FbiNumber, string? Name, DateOnly? DateOfBirth, string? Purpose);
