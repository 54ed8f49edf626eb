using System.Text.Json;
using Section287.Features.Agreements;
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

public sealed record DetainerView(Guid Id, string Status, string ProbableCause, string WarrantForm, string WarrantNumber, string WarrantSignedBy,
    DateOnly WarrantSignedOn,
    DateTime RequestedAt, DateTime QueuedAt, string? ReviewedByName, DateTime? ReviewedAt, string? ReviewNote, string? Answer, DateTime? IssuedAt,
        DateTime? TransmittedAt,
    int Returns, long Version, DateTime? ServedAt = null, string? Category = null);

public sealed record ClaimView(Guid Id, DateTime ClaimedAt, string Statement, DateTime? ReportedAt, string? ReportedTo, DateTime? ResolvedAt, string? Outcome,
    string? Explanation, string? ResolvedByName, bool Suspected = false);

public sealed record EventView(string Kind, DateTime At, DateTime RecordedAt, bool Late, string? LateReason, string ByName, string Details);

public sealed record VersionView(int Number, DateTime At, string ByName, string Explanation, IReadOnlyDictionary<string, string?[]> Changes);

/// <summary>An encounter as the API and the page show it; <see cref="Of"/> builds it from the aggregate.</summary>
public sealed record EncounterView
{
    public required Guid Id { get; init; }

    public required string Number { get; init; }

    public required Guid AgencyId { get; init; }

    public required string AgencyName { get; init; }

    public required Guid AgreementId { get; init; }

    public required string Model { get; init; }

    public required string ModelName { get; init; }

    public required Guid OfficerId { get; init; }

    public required Guid OfficerUserId { get; init; }

    public required string OfficerName { get; init; }

    public required DateTime OccurredAt { get; init; }

    public required DateTime RecordedAt { get; init; }

    public required bool Late { get; init; }

    public required string? LateReason { get; init; }

    public required string Location { get; init; }

    public required bool Planned { get; init; }

    public required string? DeconflictionReference { get; init; }

    public required DateTime? DeconflictedAt { get; init; }

    public required BasisView Basis { get; init; }

    public required PersonPresence Person { get; init; }

    public required PerceptionView Perception { get; init; }

    /// <summary>A task force stop's facts for the disparity tests; null on other models.</summary>
    public StopInput? Stop { get; init; }

    public required CustodyView Custody { get; init; }

    public required DateTime? ClosedAt { get; init; }

    public required string? Outcome { get; init; }

    public required bool UsCitizenConfirmed { get; init; }

    public required bool ClaimOpen { get; init; }

    public required IReadOnlyList<string> AllowedActions { get; init; }

    public required IReadOnlyList<DetainerView> Detainers { get; init; }

    public required IReadOnlyList<ClaimView> Claims { get; init; }

    public required IReadOnlyList<EventView> Events { get; init; }

    public required IReadOnlyList<VersionView> Versions { get; init; }

    public required IReadOnlyList<DeadlineView> Deadlines { get; init; }

    public required long Version { get; init; }

    /// <summary>Notices to Appear and Forms I-213 prepared, and ICE's review of each.</summary>
    public IReadOnlyList<DocumentView> Documents { get; init; } = [];

    /// <summary>Whether the person with limited English was given the opportunity to request an interpreter (null: recorded before it was asked).</summary>
    public bool? InterpreterOffered { get; init; }

    /// <summary>How the local charges stood when custody passed to ICE.</summary>
    public string? LocalCharges { get; init; }

    /// <summary>What the record asks of a form now, from the aggregate's own rules.</summary>
    public EncounterAsks Asks { get; init; } = new(false, false, false, false, false);

    public static EncounterView Of(Encounter e, string agencyName, string officerName, IReadOnlyList<DeadlineView> deadlines)
    {
        var holdEnds = e.ScheduledReleaseAt is { } r && e.IssuedDetainer?.ServedAt is not null ? r + Encounter.HoldLimit : (DateTime?)null;
        return new EncounterView
        {
            Id = e.Id, Number = e.Number, AgencyId = e.AgencyId, AgencyName = agencyName, AgreementId = e.AgreementId, Model = e.Model.Code(),
                ModelName = e.Model.IceName(),
            OfficerId = e.OfficerId, OfficerUserId = e.OfficerUserId, OfficerName = officerName,
            OccurredAt = e.OccurredAt, RecordedAt = e.RecordedAt, Late = e.IsLate, LateReason = e.LateReason, Location = e.Location, Planned = e.Planned,
            DeconflictionReference = e.DeconflictionReference, DeconflictedAt = e.DeconflictedAt,
            Basis = new BasisView(e.BasisKind.Code(), e.BasisText(), e.BookingNumber, e.Charges, e.ArrestedAt, e.BookedAt, e.StopKind, e.Offense,
                e.Jurisdiction,
                e.WarrantForm, e.WarrantNumber, e.WarrantSignedBy, e.WarrantSignedOn),
            Person = new PersonPresence(e.NameProtected is not null, e.DateOfBirthProtected is not null, e.FbiNumberProtected is not null,
                e.ANumberProtected is not null),
            Perception = new PerceptionView(Split(e.PerceivedRaces), e.PerceivedGender, e.PerceivedAge, e.LimitedEnglish, Split(e.PerceivedDisabilities),
                e.InterpreterNeeded, e.InterpreterLanguage),
            Stop = e.StopType is null ? null : new StopInput(e.StopType, e.SearchConducted, e.SearchBasis, e.ContrabandFound, e.StopOutcome, e.District),
            Custody = new CustodyView(CustodyCode(e, deadlines), e.ScheduledReleaseAt, holdEnds - (Encounter.HoldLimit - Encounter.HoldWarning),
                holdEnds, e.OverdetentionAt,
                e.TransferredAt, e.StayEndsAt, e.DetentionAgreementAtTransfer, e.StayPastLimitAt),
            ClosedAt = e.ClosedAt, Outcome = e.Outcome, UsCitizenConfirmed = e.UsCitizenConfirmed, ClaimOpen = e.OpenClaim is not null,
            AllowedActions = e.IsClosed ? [] : Enum.GetValues<ActionKind>().Where(k => Encounter.Allows(e.Model, k)).Select(k => k.Code()).ToList(),
            Detainers = e.Detainers.OrderBy(d => d.RequestedAt).Select(d => new DetainerView(d.Id, d.Status.Code(), d.ProbableCause, d.WarrantForm,
                d.WarrantNumber,
                d.WarrantSignedBy, d.WarrantSignedOn, d.RequestedAt, d.QueuedAt, d.ReviewedByName, d.ReviewedAt, d.ReviewNote, d.Answer, d.IssuedAt,
                    d.TransmittedAt,
                d.Returns, d.Version, d.ServedAt, d.Category)).ToList(),
            Claims = e.Claims.OrderBy(c => c.ClaimedAt).Select(c => new ClaimView(c.Id, c.ClaimedAt, c.Statement, c.ReportedAt, c.ReportedTo, c.ResolvedAt,
                c.Outcome?.Code(), c.Explanation, c.ResolvedByName, c.Suspected)).ToList(),
            Events = e.Events.OrderBy(x => x.At).ThenBy(x => x.RecordedAt).ThenBy(x => x.Id)
                .Select(x => new EventView(x.Kind, x.At, x.RecordedAt, x.IsLate, x.LateReason, x.ByName, x.Details)).ToList(),
            Versions = e.Versions.OrderBy(v => v.Number).Select(v => new VersionView(v.Number, v.At, v.ByName, v.Explanation,
                JsonSerializer.Deserialize<Dictionary<string, string?[]>>(v.Changes) ?? [])).ToList(),
            Deadlines = deadlines,
            Version = e.Version,
            Documents = e.Documents.OrderBy(d => d.PreparedAt).Select(d => new DocumentView(d.Id, d.Form, d.Reference, d.Category, d.PreparedByName,
                d.PreparedAt,
                d.Status.Code(), d.ReviewedByName, d.ReviewedAt, d.ReviewNote, d.Version)).ToList(),
            InterpreterOffered = e.InterpreterOffered,
            LocalCharges = e.LocalCharges,
            Asks = new EncounterAsks(e.CanRequestDetainer, Encounter.UsesIceCategories(e.Model), Encounter.DeconflictsFirst(e.Model),
                Encounter.StatesLocalCharges(e.Model), Encounter.NamesInterpreterOnWarrant(e.Model)),
        };
    }

    private static IReadOnlyList<string> Split(string csv) => csv.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The custody state for the reader: the deadlines carry the app's clock, so a page and the sweep agree.</summary>
    private static string CustodyCode(Encounter e, IReadOnlyList<DeadlineView> deadlines)
    {
        if (e.StayPastLimitAt is not null) return "stay_past_48_hours";
        if (e.InIceCustodyHere) return e.StayEndsAt is null ? "with_ice_in_jail_under_detention_agreement" : "with_ice_in_jail";
        if (e.OverdetentionAt is not null) return "past_48_hours";
        var hold = deadlines.FirstOrDefault(d => d.Rule == DeadlineRules.CustodyHoldLimit.Code && d.Status == "open");
        return hold?.State switch
        {
            "overdue" => "past_48_hours",
            "warning" => "past_36_hours",
            "open" => "holding_or_before_release",
            _ => "none",
        };
    }
}

public sealed record EncounterAsks(bool CanRequestDetainer, bool IceCategory, bool DeconflictionChecks, bool LocalChargesOnTransfer,
    bool InterpreterNamedOnWarrant);

public sealed record DocumentView(Guid Id, string Form, string Reference, string? Category, string PreparedByName, DateTime PreparedAt, string Status,
    string? ReviewedByName, DateTime? ReviewedAt, string? ReviewNote, long Version);

public sealed record EncounterSummary(Guid Id, string Number, string AgencyName, string Model, string OfficerName, DateTime OccurredAt, string BasisKind,
    string Status, bool ClaimOpen, string? DetainerStatus, string Custody, bool Late, int Corrections);

/// <summary>A correction; <paramref name="Version"/> is the encounter's version it was made from (two at once: the second gets 409).</summary>
public sealed record CorrectionInput(string? Explanation, string? Location, BasisInput? Basis, PersonInput? Person, PerceptionInput? Perception,
    long? Version = null, StopInput? Stop = null);

public sealed record ReviewInput(string? Decision, string? Note);

public sealed record AnswerInput(string? Answer);

public sealed record ClaimInput(string? Statement, DateTime? At, bool? Suspected = null);

/// <summary>One step of ICE's investigation of an open claim: "record_check" (systems and result) or "legal_consultation" (ICE's legal office).</summary>
public sealed record InvestigationInput(string? Step, string? Details);

public sealed record ReportInput(string? ReportedTo);

public sealed record ResolveInput(string? Outcome, string? Explanation);

public sealed record RevealInput(string? Purpose);

public sealed record LookupInput(string? ANumber, string? FbiNumber, string? Name, DateOnly? DateOfBirth, string? Purpose);
