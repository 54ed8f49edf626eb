using System.Security.Cryptography;
using System.Text.Json;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

public sealed record BasisInput(
    string? Kind, string? BookingNumber, string? Charges, DateTime? ArrestedAt, DateTime? BookedAt,
    string? StopKind, string? Offense, string? Jurisdiction,
    string? WarrantForm, string? WarrantNumber, string? WarrantSignedBy, DateOnly? WarrantSignedOn);

public sealed record PersonInput(string? Name, DateOnly? DateOfBirth, string? FbiNumber, string? ANumber);

/// <summary>The person's data as stored: each field encrypted, and keyed hashes for exact lookup (<see cref="Audit.PersonData"/>).</summary>
public sealed record ProtectedPerson(string? Name, string? DateOfBirth, string? FbiNumber, string? ANumber, string? NameDobHash,
    string? FbiNumberHash, string? ANumberHash);

public sealed record EncounterInput(
    Guid? AgreementId, DateTime? OccurredAt, string? Location, BasisInput? Basis, PersonInput? Person, PerceptionInput? Perception,
    DateTime? ScheduledReleaseAt, bool? Planned, string? DeconflictionReference, DateTime? DeconflictedAt, string? LateReason,
    IReadOnlyList<string>? DeconflictionChecks = null, StopInput? Stop = null);

/// <summary>A detainer request; <paramref name="Category"/> is the ICE-set category a task force request falls in.</summary>
public sealed record DetainerInput(string? ProbableCause, string? WarrantForm, string? WarrantNumber, string? WarrantSignedBy,
    DateOnly? WarrantSignedOn, string? Category = null);

/// <summary>Who acts: their user id and name, and whether they are an ICE supervisor for the encounter's agency.</summary>
public sealed record Acting(Guid Id, string Name, bool IceSupervisor = false);

public enum CustodyState
{
    /// <summary>No issued detainer holds the person, or no scheduled release is known, or the encounter ended.</summary>
    None,

    BeforeRelease,

    /// <summary>Held on the detainer past the scheduled release, under 36 hours.</summary>
    Holding,

    /// <summary>36 hours or more past the scheduled release: release or transfer is due.</summary>
    Warning,

    /// <summary>48 hours or more: only release or transfer may be recorded, and it is a critical incident.</summary>
    Expired,
}

/// <summary>
/// One use of 287(g) authority. Its lawful basis comes first, or it does not exist; every action is checked where it happens
/// against the model, the officer's authority at that moment, an open citizenship claim and the hold limit.
/// </summary>
public sealed class Encounter : IAgencyOwned, IVersioned, ITimestamped
{
    /// <summary>A record entered later than this after the event is late and must say why.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(24);

    /// <summary>How far ahead of the server's clock an event may be dated (clock drift between devices).</summary>
    public static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan HoldWarning = TimeSpan.FromHours(36);

    public static readonly TimeSpan HoldLimit = TimeSpan.FromHours(48);

    /// <summary>After custody passes to ICE, the most the person stays in the agency's jail without a reimbursable detention agreement.</summary>
    public static readonly TimeSpan StayLimit = TimeSpan.FromHours(48);

    public static readonly TimeSpan StayWarning = TimeSpan.FromHours(36);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>
    /// "ENC-2026-7K3Q9-F2MXA": ten random characters of 32, so that a national year of millions of encounters almost never
    /// draws one twice (six characters would, thousands of times a year at three million; the unique index refuses a repeat).
    /// </summary>
    public string Number { get; init; } = "";

    public Guid AgencyId { get; init; }

    /// <summary>
    /// The agency's ICE area of responsibility, copied from the agency when the encounter opens (and filled in when an ICE list
    /// gives an agency its area later), so that an area's list walks its own index. Derived data: who may see the encounter is
    /// still decided by the agency's area (the tenancy filter); this only lets the database find an area's encounters by time.
    /// </summary>
    public string? AorCode { get; init; }

    /// <summary>The agency's time zone when the encounter was opened: its day rules (a warrant's date, the same day) are counted in it.</summary>
    public string TimeZone { get; init; } = Common.UsTimeZones.Default;

    private TimeZoneInfo Zone => Common.UsTimeZones.Find(TimeZone);

    /// <summary>A time as the encounter's messages write it: local to the agency, with its zone's abbreviation.</summary>
    private string Local(DateTime? utc) => Common.ZonedTime.Format(utc, Zone);

    public Guid AgreementId { get; init; }

    public AgreementModel Model { get; init; }

    public Guid OfficerId { get; init; }

    public Guid OfficerUserId { get; init; }

    public DateTime OccurredAt { get; private set; }

    public DateTime RecordedAt { get; init; }

    public string? LateReason { get; private set; }

    /// <summary>The agency's jail or booking facility (jail, warrant service), or the place of the stop (task force).</summary>
    public string Location { get; private set; } = "";

    public bool Planned { get; private set; }

    public string? DeconflictionReference { get; private set; }

    public DateTime? DeconflictedAt { get; private set; }

    /// <summary>The checks the deconfliction covered, comma-separated codes of <see cref="DeconflictionCheckNames"/>.</summary>
    public string? DeconflictionChecks { get; private set; }

    /// <summary>The minimum content of a task force deconfliction (MOA, task force 2025, section XI), each checked through TECS or its successor.</summary>
    public static readonly IReadOnlyDictionary<string, string> DeconflictionCheckNames = new Dictionary<string, string>
    {
        ["wants_warrants"] = "wants and warrants",
        ["criminal_history"] = "criminal history",
        ["address"] = "the person's address",
        ["vehicle"] = "vehicle check through TECS",
    };

    /// <summary>The deconfliction's missing checks, or a refusal naming them.</summary>
    private static Error? DeconflictionRefusal(string? reference, IReadOnlyList<string>? checks, string field)
    {
        var missing = DeconflictionCheckNames.Keys.Except((checks ?? []).Select(c => c.Trim().ToLowerInvariant())).ToList();
        if (!string.IsNullOrWhiteSpace(reference) && missing.Count == 0) return null;
        var fields = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(reference)) fields[field] = ["Give ICE's deconfliction reference."];
        if (missing.Count > 0) fields["checks"] = [$"Missing: {string.Join(", ", missing.Select(m => DeconflictionCheckNames[m]))}."];
        return RuleBook.DeconflictionFirst.Refuse() with { Fields = fields };
    }

    // The lawful basis, first.
    public BasisKind BasisKind { get; private set; }

    public string? BookingNumber { get; private set; }

    public string? Charges { get; private set; }

    public DateTime? ArrestedAt { get; private set; }

    public DateTime? BookedAt { get; private set; }

    /// <summary>"stop" or "arrest".</summary>
    public string? StopKind { get; private set; }

    public string? Offense { get; private set; }

    /// <summary>"state" or "federal".</summary>
    public string? Jurisdiction { get; private set; }

    public string? WarrantForm { get; private set; }

    public string? WarrantNumber { get; private set; }

    public string? WarrantSignedBy { get; private set; }

    public DateOnly? WarrantSignedOn { get; private set; }

    // The person: encrypted, with keyed hashes for exact lookup.
    public string? NameProtected { get; private set; }

    public string? DateOfBirthProtected { get; private set; }

    public string? FbiNumberProtected { get; private set; }

    public string? ANumberProtected { get; private set; }

    public string? NameDobHash { get; private set; }

    public string? FbiNumberHash { get; private set; }

    public string? ANumberHash { get; private set; }

    // The officer's perception (RIPA categories).
    public string PerceivedRaces { get; private set; } = "";

    public string PerceivedGender { get; private set; } = "";

    public int PerceivedAge { get; private set; }

    public bool LimitedEnglish { get; private set; }

    public string PerceivedDisabilities { get; private set; } = "";

    public bool InterpreterNeeded { get; private set; }

    public string? InterpreterLanguage { get; private set; }

    /// <summary>The person was given the opportunity to request an interpreter (null on records made before it was asked).</summary>
    public bool? InterpreterOffered { get; private set; }

    // Task force: the stop's facts for the disparity tests (StopFacts).
    /// <summary>"vehicular" or "pedestrian"; null on other models and on stops recorded before these were asked.</summary>
    public string? StopType { get; private set; }

    public bool? SearchConducted { get; private set; }

    /// <summary>OPP's search basis (<see cref="StopFacts.SearchBases"/>).</summary>
    public string? SearchBasis { get; private set; }

    public bool? ContrabandFound { get; private set; }

    /// <summary>How the stop ended, as the officer recorded it (<see cref="StopFacts.Outcomes"/>).</summary>
    public string? StopOutcome { get; private set; }

    /// <summary>The agency's own beat or district of the stop, when it has them (the outcome test compares within them).</summary>
    public string? District { get; private set; }

    private void ApplyStop(StopInput? s)
    {
        if (!StopFacts.Applies(Model) || s is null) return;
        StopType = s.Type;
        SearchConducted = s.SearchConducted;
        SearchBasis = s.SearchConducted == true ? s.SearchBasis : null;
        ContrabandFound = s.SearchConducted == true ? s.ContrabandFound : false;
        StopOutcome = s.Outcome;
        District = string.IsNullOrWhiteSpace(s.District) ? null : s.District.Trim();
    }

    /// <summary>Task force: how the state or local charges stood when custody passed to ICE (a code of <see cref="LocalChargeStates"/>).</summary>
    public string? LocalCharges { get; private set; }

    /// <summary>
    /// Task force, section VI: ICE takes custody of a person convicted of a state or local offense only after any sentence of
    /// incarceration is served, and decides other cases one by one after the agency's processing. Pending charges are refused.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LocalChargeStates = new Dictionary<string, string>
    {
        ["none"] = "no state or local charges",
        ["sentence_served"] = "convicted; any sentence of incarceration served",
        ["dismissed"] = "charges dismissed or not filed",
        ["fod_decision"] = "the ICE field office director (or designee) decided this case",
        ["pending"] = "charges pending",
    };

    // Custody.
    public DateTime? ScheduledReleaseAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>"released" or "transferred".</summary>
    public string? Outcome { get; private set; }

    /// <summary>When custody passed to ICE. Under the jail and warrant service models the person may still be in the agency's jail.</summary>
    public DateTime? TransferredAt { get; private set; }

    /// <summary>The agency had a reimbursable detention agreement in force on the day of the transfer: no 48-hour limit on the stay.</summary>
    public bool DetentionAgreementAtTransfer { get; private set; }

    /// <summary>When the 36-hour warning of the stay after the transfer was given (once).</summary>
    public DateTime? StayWarnedAt { get; private set; }

    /// <summary>When the stay after the transfer passed 48 hours without a detention agreement: a critical incident.</summary>
    public DateTime? StayPastLimitAt { get; private set; }

    /// <summary>Custody passed to ICE and the person is still in the agency's jail (jail and warrant service models).</summary>
    public bool InIceCustodyHere => TransferredAt is not null && !IsClosed;

    /// <summary>When the person must have left the agency's jail after the transfer, if a limit applies.</summary>
    public DateTime? StayEndsAt => TransferredAt is { } t && !DetentionAgreementAtTransfer
        && Model is AgreementModel.Jail or AgreementModel.WarrantService ? t + StayLimit : null;

    public bool UsCitizenConfirmed { get; private set; }

    /// <summary>When the 36-hour warning of the hold was given (once).</summary>
    public DateTime? HoldWarnedAt { get; private set; }

    /// <summary>When the hold passed 48 hours (or a release or transfer was recorded after it): a critical incident.</summary>
    public DateTime? OverdetentionAt { get; private set; }

    public int Corrections { get; private set; }

    public List<EncounterEvent> Events { get; init; } = [];

    public List<Detainer> Detainers { get; init; } = [];

    public List<CitizenshipClaim> Claims { get; init; } = [];

    public List<ChargingDocument> Documents { get; init; } = [];

    public List<EncounterVersion> Versions { get; init; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public bool IsClosed => ClosedAt is not null;

    public CitizenshipClaim? OpenClaim => Claims.FirstOrDefault(c => c.IsOpen);

    public Detainer? OpenDetainer => Detainers.FirstOrDefault(d => d.IsOpen);

    public Detainer? IssuedDetainer => Detainers.FirstOrDefault(d => d.Status == DetainerStatus.Issued);

    public bool IsLate => RecordedAt - OccurredAt > LateAfter;

    // What a page may offer, from the same rules the actions check (pages ask these; they never restate a model's rules).

    /// <summary>A detainer may be requested now: the model delegates detainers, none is open, and nothing blocks the record.</summary>
    public bool CanRequestDetainer => !IsClosed && !UsCitizenConfirmed && OpenClaim is null && !InIceCustodyHere
        && Model != AgreementModel.WarrantService && OpenDetainer is null;

    /// <summary>Task force: detainers and charging documents only within ICE's categories (section V).</summary>
    public static bool UsesIceCategories(AgreementModel model) => model == AgreementModel.TaskForce;

    /// <summary>Task force: deconfliction with its four checks before enforcement (section XI).</summary>
    public static bool DeconflictsFirst(AgreementModel model) => model == AgreementModel.TaskForce;

    /// <summary>Task force: the transfer says how the local charges stand (section VI).</summary>
    public static bool StatesLocalCharges(AgreementModel model) => model == AgreementModel.TaskForce;

    /// <summary>Warrant service: an interpreter used is named on the warrant's record (section IV.G).</summary>
    public static bool NamesInterpreterOnWarrant(AgreementModel model) => model == AgreementModel.WarrantService;

    // ---- Opening ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Opens an encounter. The lawful basis is checked first (its presence, its kind for the model, that it is not
    /// immigration status), then the record, then the officer's authority at the moment of the encounter.
    /// </summary>
    private static string NewNumber(DateTime now)
    {
        var draw = RandomNumberGenerator.GetItems<char>("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 10);
        return $"ENC-{Clock.DayOf(now).Year}-{new string(draw, 0, 5)}-{new string(draw, 5, 5)}";
    }

    public static Result<Encounter> Open(Agreement agreement, Officer officer, Acting by, EncounterInput input, ProtectedPerson person,
        Func<DateTime, AuthorityAnswer> authority, DateTime now)
    {
        var model = agreement.Model;
        var terms = AgreementTerms.Of(agreement);
        var zoneId = agreement.Agency?.TimeZone ?? Common.UsTimeZones.Default;
        var zone = Common.UsTimeZones.Find(zoneId);
        if (CheckBasis(model, input.Basis, input.OccurredAt, zone, terms) is { } basisRefused) return basisRefused;
        var errors = new Dictionary<string, string[]>();
        if (input.OccurredAt is not { } occurred) errors["occurredAt"] = ["Give when the encounter happened."];
        else if (occurred > now + Skew) errors["occurredAt"] = ["An encounter cannot be recorded before it happens."];
        if (string.IsNullOrWhiteSpace(input.Location))
            errors["location"] = [model == AgreementModel.TaskForce ? "Give the place of the stop or arrest." : "Give the jail or booking facility."];
        if (string.IsNullOrWhiteSpace(input.Person?.Name)) errors["person.name"] = ["Give the person's name as booked or identified."];
        if (input.Person?.DateOfBirth is { } dob
            && (dob > DateOnly.FromDateTime(now) || dob.Year < 1900)) errors["person.dateOfBirth"] = ["Give a real date of birth, or none."];
        foreach (var (field, messages) in Perception.Check(input.Perception)) errors[field] = messages;
        foreach (var (field, messages) in StopFacts.Check(model, input.Stop)) errors[field] = messages;
        if (errors.Count == 0 && InterpreterOfferRefusal(input.Perception) is { } notOffered) return notOffered;
        if (input.ScheduledReleaseAt is { } release && input.OccurredAt is { } when && release < when.AddDays(-60))
            errors["scheduledReleaseAt"] = ["The scheduled release cannot be long before the encounter."];
        if (errors.Count > 0) return Error.Invalid("encounter.invalid", "The encounter is not complete.", errors);

        var at = input.OccurredAt!.Value;
        if (now - at > LateAfter && string.IsNullOrWhiteSpace(input.LateReason))
            return RuleBook.LateReasonRequired.Refuse($"It happened on {Common.ZonedTime.DayOf(at, zone):yyyy-MM-dd} ({Common.ZonedTime.Describe(zone, at)}).") with { Fields = new Dictionary<string, string[]> { ["lateReason"] = [RuleBook.LateReasonRequired.Sentence] } };
        if (input.Planned == true)
        {
            if (model != AgreementModel.TaskForce) return RuleBook.NotInModel.Refuse("Planned enforcement actions are not a function of this model.");
            if (input.DeconflictedAt is not { } deconflicted || deconflicted > at)
                return RuleBook.DeconflictionFirst.Refuse() with { Fields = new Dictionary<string, string[]> { ["deconflictedAt"] = [RuleBook.DeconflictionFirst.Sentence] } };
            if (DeconflictionRefusal(input.DeconflictionReference, input.DeconflictionChecks, "deconflictionReference") is { } incomplete) return incomplete;
        }
        if (Refusal(authority(at)) is { } noAuthority) return noAuthority;

        var p = input.Perception!;
        var b = input.Basis!;
        var encounter = new Encounter
        {
            Number = NewNumber(now),
            AgencyId = agreement.AgencyId,
            AorCode = agreement.Agency?.AorCode,
            TimeZone = zoneId,
            AgreementId = agreement.Id,
            Model = model,
            OfficerId = officer.Id,
            OfficerUserId = by.Id,
            RecordedAt = now,
        };
        encounter.OccurredAt = at;
        encounter.LateReason = now - at > LateAfter ? input.LateReason!.Trim() : null;
        encounter.Location = input.Location!.Trim();
        encounter.Planned = input.Planned == true;
        encounter.DeconflictionReference = input.Planned == true ? input.DeconflictionReference!.Trim() : null;
        encounter.DeconflictedAt = input.Planned == true ? input.DeconflictedAt : null;
        encounter.DeconflictionChecks = input.Planned == true ? string.Join(",", DeconflictionCheckNames.Keys) : null;
        encounter.ApplyBasis(b);
        encounter.ApplyPerson(person);
        encounter.ApplyPerception(p);
        encounter.ApplyStop(input.Stop);
        encounter.ScheduledReleaseAt = input.ScheduledReleaseAt;
        encounter.Record("opened", at, now, by, $"Encounter under the {model.IceName()} agreement. Lawful basis: {encounter.BasisText()}",
            encounter.LateReason);
        return encounter;
    }

    /// <summary>
    /// How a task force stop's offense is classified: by its jurisdiction, which the officer chooses — a state or federal
    /// criminal offense (8 U.S.C. § 1324 harboring and 18 U.S.C. § 1546 document fraud are federal crimes), or immigration
    /// (a civil violation of the INA, the ground of an arrest without a warrant under INA § 287(a)(2)). Never by words in it.
    /// </summary>
    public static readonly IReadOnlyList<string> Jurisdictions = ["state", "federal", "immigration"];

    /// <summary>The lawful basis of the model. A warrant's date is compared with the day of the encounter in the agency's zone.</summary>
    private static Error? CheckBasis(AgreementModel model, BasisInput? b, DateTime? occurredAt, TimeZoneInfo zone, AgreementTerms terms)
    {
        var kind = EncounterCodes.BasisFromCode(b?.Kind);
        if (b is null || kind is null)
            return RuleBook.LawfulBasisRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["basis.kind"] = [RuleBook.LawfulBasisRequired.Sentence] } };
        var expected = model switch
        {
            AgreementModel.Jail => BasisKind.Booking,
            AgreementModel.TaskForce => BasisKind.StopOrArrest,
            AgreementModel.WarrantService => BasisKind.Warrant,
        };
        if (kind != expected)
            return RuleBook.BasisOfAnotherModel.Refuse($"This agreement's model is the {model.IceName()}.") with { Fields = new Dictionary<string, string[]> { ["basis.kind"] = [RuleBook.BasisOfAnotherModel.Sentence] } };
        var missing = new Dictionary<string, string[]>();
        switch (kind)
        {
            case BasisKind.Booking:
                if (string.IsNullOrWhiteSpace(b.BookingNumber)) missing["basis.bookingNumber"] = ["Give the booking number."];
                if (string.IsNullOrWhiteSpace(b.Charges)) missing["basis.charges"] = ["Give the criminal charges of the booking."];
                if (b.ArrestedAt is null) missing["basis.arrestedAt"] = ["Give when the person was arrested."];
                if (b.BookedAt is null) missing["basis.bookedAt"] = ["Give when the person was booked."];
                break;
            case BasisKind.StopOrArrest:
                if (b.StopKind?.Trim().ToLowerInvariant() is not ("stop" or "arrest")) missing["basis.stopKind"] = ["Say whether it was a stop or an arrest."];
                if (string.IsNullOrWhiteSpace(b.Offense)) missing["basis.offense"] = ["Give the state or federal offense behind the stop or arrest."];
                if (!Jurisdictions.Contains(b.Jurisdiction?.Trim().ToLowerInvariant())) missing["basis.jurisdiction"] = ["Say whether the offense is a state crime, a federal crime, or an immigration violation."];
                break;
            case BasisKind.Warrant:
                if (b.WarrantForm?.Trim().ToUpperInvariant() is not ("I-200" or "I-205")) missing["basis.warrantForm"] = ["Choose the warrant: I-200 or I-205."];
                if (string.IsNullOrWhiteSpace(b.WarrantNumber)) missing["basis.warrantNumber"] = ["Give the warrant's number."];
                if (string.IsNullOrWhiteSpace(b.WarrantSignedBy)) missing["basis.warrantSignedBy"] = ["Give who signed the warrant."];
                if (b.WarrantSignedOn is null) missing["basis.warrantSignedOn"] = ["Give the date the warrant was signed."];
                break;
        }
        if (missing.Count > 0) return RuleBook.LawfulBasisRequired.Refuse() with { Fields = missing };
        if (kind == BasisKind.StopOrArrest && b.Jurisdiction!.Trim().Equals("immigration", StringComparison.OrdinalIgnoreCase)
            && terms.PolicyOn(ProductPolicies.OffenseFirst))
            return RuleBook.ImmigrationNotABasis.Refuse() with { Fields = new Dictionary<string, string[]> { ["basis.jurisdiction"] = [RuleBook.ImmigrationNotABasis.Sentence] } };
        if (kind == BasisKind.Booking && (b.BookedAt < b.ArrestedAt || occurredAt < b.BookedAt))
            return RuleBook.BeforeBooking.Refuse() with { Fields = new Dictionary<string, string[]> { ["basis.bookedAt"] = [RuleBook.BeforeBooking.Sentence] } };
        if (kind == BasisKind.Warrant && occurredAt is { } at && b.WarrantSignedOn > Common.ZonedTime.DayOf(at, zone))
            return RuleBook.SignedWarrantRequired.Refuse($"The warrant is dated {b.WarrantSignedOn:yyyy-MM-dd}, after the day of the encounter, {Common.ZonedTime.DayOf(at, zone):yyyy-MM-dd} in {Common.ZonedTime.Describe(zone, at)}.") with { Fields = new Dictionary<string, string[]> { ["basis.warrantSignedOn"] = ["The warrant must be signed before it is served."] } };
        return null;
    }

    private void ApplyBasis(BasisInput b)
    {
        BasisKind = EncounterCodes.BasisFromCode(b.Kind)!.Value;
        (BookingNumber, Charges, ArrestedAt, BookedAt) = BasisKind == BasisKind.Booking ? (b.BookingNumber!.Trim(), b.Charges!.Trim(), b.ArrestedAt,
            b.BookedAt) : (null, null, null, null);
        (StopKind, Offense, Jurisdiction) = BasisKind == BasisKind.StopOrArrest
            ? (b.StopKind!.Trim().ToLowerInvariant(), b.Offense!.Trim(), b.Jurisdiction!.Trim().ToLowerInvariant()) : (null, null, null);
        (WarrantForm, WarrantNumber, WarrantSignedBy, WarrantSignedOn) = BasisKind == BasisKind.Warrant
            ? (b.WarrantForm!.Trim().ToUpperInvariant(), b.WarrantNumber!.Trim(), b.WarrantSignedBy!.Trim(), b.WarrantSignedOn) : (null, null, null, null);
    }

    private void ApplyPerson(ProtectedPerson p)
    {
        (NameProtected, DateOfBirthProtected, FbiNumberProtected, ANumberProtected) = (p.Name, p.DateOfBirth, p.FbiNumber, p.ANumber);
        (NameDobHash, FbiNumberHash, ANumberHash) = (p.NameDobHash, p.FbiNumberHash, p.ANumberHash);
    }

    private void ApplyPerception(PerceptionInput p)
    {
        PerceivedRaces = string.Join(",", p.Races!.Distinct().Order());
        PerceivedGender = p.Gender!;
        PerceivedAge = p.Age!.Value;
        LimitedEnglish = p.LimitedEnglish!.Value;
        PerceivedDisabilities = string.Join(",", p.Disabilities!.Distinct().Order());
        InterpreterNeeded = p.InterpreterNeeded!.Value;
        InterpreterLanguage = p.InterpreterNeeded == true ? p.InterpreterLanguage!.Trim() : null;
        InterpreterOffered = p.InterpreterNeeded == true || p.InterpreterOffered == true;
    }

    /// <summary>A person with limited English is given the opportunity to request an interpreter, and the record says so.</summary>
    private static Error? InterpreterOfferRefusal(PerceptionInput? p) =>
        p is { LimitedEnglish: true } && p.InterpreterNeeded != true && p.InterpreterOffered != true
            ? RuleBook.InterpreterOffered.Refuse() with { Fields = new Dictionary<string, string[]> { ["perception.interpreterOffered"] = [RuleBook.InterpreterOffered.Sentence] } }
            : null;

    public string BasisText() => BasisKind switch
    {
        BasisKind.Booking => $"booking {BookingNumber} on {Charges}, arrested {Local(ArrestedAt)}, booked {Local(BookedAt)}",
        BasisKind.StopOrArrest => $"{StopKind} for a {Jurisdiction} offense: {Offense}",
        BasisKind.Warrant => $"{WarrantForm} {WarrantNumber} signed by {WarrantSignedBy} on {WarrantSignedOn:yyyy-MM-dd}",
    };

    // ---- Actions ----------------------------------------------------------------------------------------------------

    /// <summary>Which functions each model grants (<see cref="DesignatedFunctions"/>); anything else is refused.</summary>
    public static bool Allows(AgreementModel model, ActionKind kind) => kind switch
    {
        ActionKind.Questioning or ActionKind.RecordCheck or ActionKind.I213Prepared or ActionKind.NtaPrepared or ActionKind.Transported or ActionKind.DetainerServed =>
            model is AgreementModel.Jail or AgreementModel.TaskForce,
        ActionKind.ArrestWithoutWarrant => model == AgreementModel.TaskForce,
        ActionKind.PickedUpByIce => model is AgreementModel.Jail or AgreementModel.WarrantService,
        ActionKind.Deconflicted => model == AgreementModel.TaskForce,
        ActionKind.IceNotified => model == AgreementModel.WarrantService,
        ActionKind.WarrantServed or ActionKind.CustodyTransferred or ActionKind.Released or ActionKind.ReleaseScheduled or ActionKind.SupervisorContact => true,
    };

    /// <summary>Actions that are not a use of immigration authority: allowed whatever the officer's authority.</summary>
    private static bool NeedsAuthority(ActionKind kind) => kind is not (ActionKind.Released or ActionKind.SupervisorContact or ActionKind.ReleaseScheduled or ActionKind.PickedUpByIce or ActionKind.Deconflicted or ActionKind.IceNotified);

    /// <summary>Task force enforcement actions, each of which needs a deconfliction with ICE first (MOA, task force 2025, section XI).</summary>
    public static bool IsEnforcementAction(ActionKind kind) => kind is ActionKind.ArrestWithoutWarrant or ActionKind.WarrantServed or ActionKind.CustodyTransferred;

    /// <summary>What may still be recorded once custody passed to ICE and the person waits in the agency's jail.</summary>
    private static bool AllowedInIceCustody(ActionKind kind) => kind is ActionKind.PickedUpByIce or ActionKind.Released or ActionKind.Transported or ActionKind.SupervisorContact or ActionKind.IceNotified;

    /// <summary>Records an action after checking, in order: the record is open, the time, the person is not a confirmed citizen,
    /// no citizenship claim is open, the hold has not expired, the model grants it, its own requirements, and authority.</summary>
    public Result<EncounterEvent> Act(EncounterAction action, Acting by, Func<DateTime, AuthorityAnswer> authority, DateTime now, AgreementTerms? terms = null)
    {
        terms ??= AgreementTerms.Strictest;
        if (IsClosed) return RuleBook.Closed.Refuse();
        var kind = action.Kind;
        var at = action.At ?? now;
        if (at < OccurredAt || at > now + Skew)
            return Error.Invalid("action.time_invalid", "The action's time is outside the encounter.",
                new Dictionary<string, string[]> { ["at"] = ["Give a time after the encounter began and not in the future."] });
        // An act is judged at the time it says it happened (its authority, the hold, the stay). One dated before a custody limit that
        // has passed since it happened is late whatever the hours: it says why, as any entry a day late does.
        var passedSince = LimitPassedBetween(at, now);
        var late = now - at > LateAfter || passedSince is not null;
        if (late && string.IsNullOrWhiteSpace(action.LateReason))
            return RuleBook.LateReasonRequired.Refuse(passedSince is { } limit
                ? $"It is dated {Local(at)}, before {Local(limit.At)}, when {limit.What}; it is entered after."
                : null) with { Fields = new Dictionary<string, string[]> { ["lateReason"] = [RuleBook.LateReasonRequired.Sentence] } };
        if (UsCitizenConfirmed && kind != ActionKind.Released) return RuleBook.UsCitizen.Refuse();
        if (OpenClaim is not null && kind != ActionKind.Released) return RuleBook.ClaimOpen.Refuse();
        // Past the limit only release or transfer may be recorded: an act dated after it is refused, one dated before it stands.
        if (CustodyAt(at) == CustodyState.Expired && kind is not (ActionKind.Released or ActionKind.CustodyTransferred))
            return RuleBook.HoldLimit.Refuse($"The hold passed 48 hours at {Local(ScheduledReleaseAt!.Value + HoldLimit)}: record the release or the transfer now.");
        if (!Allows(Model, kind)) return RuleBook.NotInModel.Refuse($"The {Model.IceName()} does not include \"{kind.Code().Replace('_', ' ')}\".");
        if (InIceCustodyHere && !AllowedInIceCustody(kind)) return RuleBook.InIceCustody.Refuse();
        if (StayAt(at) == CustodyState.Expired && kind is not (ActionKind.PickedUpByIce or ActionKind.Released or ActionKind.Transported))
            return RuleBook.AfterTransferLimit.Refuse($"The stay passed 48 hours at {Local(StayEndsAt)}: record ICE taking the person, or the release, now.");
        if (DeconflictsFirst(Model) && IsEnforcementAction(kind) && (DeconflictedAt is not { } deconflicted || deconflicted > at))
            return RuleBook.DeconflictionFirst.Refuse() with { Fields = new Dictionary<string, string[]> { ["deconflictionReference"] = [RuleBook.DeconflictionFirst.Sentence] } };
        if ((kind is ActionKind.Released or ActionKind.CustodyTransferred or ActionKind.PickedUpByIce || (kind == ActionKind.Transported && InIceCustodyHere))
            && Events.Max(x => x.At) is var last && at < last)
            return Error.Invalid("action.time_invalid", "The encounter cannot end before what is already recorded on it.", new Dictionary<string, string[]>
            {
                ["at"] = [$"Give a time at or after {Local(last)}, the last thing recorded."],
            });

        var handled = action switch
        {
            Questioning q => Question(q),
            RecordCheck r => CheckRecords(r),
            DocumentPrepared d => Prepare(d, by, at, terms),
            DetainerServed => ServeDetainer(at),
            Deconflicted d => Deconflict(d, at),
            IceNotified n => NotifyIce(n),
            PickedUpByIce p => IcePickUp(p),
            ArrestWithoutWarrant w => ArrestWithout(w),
            WarrantServed w => ServeWarrant(w, at),
            // A hold that has begun on the record keeps its release time, whatever time the change is dated: a later release restarts the clock.
            ReleaseScheduled r => ScheduleRelease(r, now),
            CustodyTransferred t => TransferCustody(t, at),
            Released r => Ok($"Released{Optional(r.Details)}."),
            Transported t => string.IsNullOrWhiteSpace(t.Destination)
                ? Error.Invalid("action.invalid", "Give the destination.",
                    new Dictionary<string, string[]> { ["destination"] = ["Give the ICE-approved facility."] })
                : Ok($"Transported to {t.Destination.Trim()}."),
            SupervisorContact c => string.IsNullOrWhiteSpace(c.SupervisorName)
                ? Error.Invalid("action.invalid", "Name the ICE supervisor contacted.",
                    new Dictionary<string, string[]> { ["supervisorName"] = ["Name the ICE supervisor contacted."] })
                : Ok($"ICE supervisor contacted: {c.SupervisorName.Trim()}."),
            _ => throw new InvalidOperationException(kind.ToString()),
        };
        if (!handled.IsSuccess) return handled.Error!;
        var details = handled.Value;
        if (NeedsAuthority(kind) && Refusal(authority(at)) is { } noAuthority) return noAuthority;

        // Under the jail and warrant service models the person stays in the agency's jail after the transfer, until ICE takes
        // them (at most 48 hours without a reimbursable detention agreement); under the task force model the officer takes them to ICE.
        var transfer = kind == ActionKind.CustodyTransferred;
        var staysHere = transfer && Model is AgreementModel.Jail or AgreementModel.WarrantService;
        var ends = kind is ActionKind.Released or ActionKind.PickedUpByIce || (kind == ActionKind.Transported && InIceCustodyHere) || (transfer && !staysHere);
        if (CustodyAt(at) == CustodyState.Expired && (transfer || ends)) OverdetentionAt ??= ScheduledReleaseAt!.Value + HoldLimit;
        if (StayAt(at) == CustodyState.Expired && ends) StayPastLimitAt ??= StayEndsAt;
        if (transfer)
        {
            TransferredAt = at;
            DetentionAgreementAtTransfer = staysHere && terms.Detention?.InForceOn(Common.ZonedTime.DayOf(at, Zone)) == true;
        }
        if (transfer || ends)
        {
            Outcome = kind == ActionKind.Released ? "released" : "transferred";
            if (ends) ClosedAt = at;
            // A request still waiting for review has nothing left to decide once custody passes to ICE or the record ends.
            var why = ends ? "the encounter ended" : "custody passed to ICE";
            foreach (var waiting in Documents.Where(d => d.Status == DocumentStatus.AwaitingSignature && ends))
            {
                waiting.Status = DocumentStatus.Withdrawn;
                waiting.ReviewNote = "Withdrawn: the encounter ended before ICE's review.";
            }
            foreach (var pending in Detainers.Where(d => d.Status is DetainerStatus.Requested or DetainerStatus.Returned))
            {
                pending.Status = DetainerStatus.Withdrawn;
                pending.ReviewNote = $"Withdrawn: {why} before the review.";
                Record("detainer.withdrawn", at, now, by, $"Detainer request withdrawn: {why} before the review.", null);
            }
        }
        return Record(kind.Code(), at, now, by, details, late ? action.LateReason!.Trim() : null);
    }

    /// <summary>
    /// The custody limit that passed between an act's stated time and its entry, if any: the end of a detainer's hold, or the end of
    /// the stay after the transfer.
    /// </summary>
    private (DateTime At, string What)? LimitPassedBetween(DateTime at, DateTime now)
    {
        if (ScheduledReleaseAt is { } release && CustodyAt(now) is not CustodyState.None)
        {
            if (at < release + HoldLimit && release + HoldLimit <= now) return (release + HoldLimit, "the detainer's 48-hour hold ended");
        }
        return StayEndsAt is { } ends && at < ends && ends <= now ? (ends, "the 48 hours in the jail after the transfer ended") : null;
    }

    private static Result<string> Ok(string details) => details;

    private static string Optional(string? details) => string.IsNullOrWhiteSpace(details) ? "" : $": {details.Trim()}";

    private Result<string> Question(Questioning q)
    {
        if (InterpreterNeeded && q.InterpreterUsed != true)
            return RuleBook.InterpreterRequired.Refuse($"The person needs {InterpreterLanguage}.") with { Fields = new Dictionary<string, string[]> { ["interpreterUsed"] = [RuleBook.InterpreterRequired.Sentence] } };
        return $"Questioned about immigration status{(q.InterpreterUsed == true ? $", through an interpreter ({InterpreterLanguage ?? "language noted"})" : "")}.";
    }

    private static Result<string> CheckRecords(RecordCheck r)
    {
        if (string.IsNullOrWhiteSpace(r.Systems) || string.IsNullOrWhiteSpace(r.Result))
            return Error.Invalid("action.invalid", "Say which systems were checked and the result.",
                new Dictionary<string, string[]> { ["systems"] = ["Name the systems checked."], ["result"] = ["Give the result."] });
        return $"Record check of {r.Systems.Trim()}: {r.Result.Trim()}.";
    }

    /// <summary>The document waits for ICE's review and signature, as a detainer does.</summary>
    private Result<string> Prepare(DocumentPrepared d, Acting by, DateTime at, AgreementTerms terms)
    {
        if (string.IsNullOrWhiteSpace(d.Reference))
            return Error.Invalid("action.invalid", "Give the document's reference.",
                new Dictionary<string, string[]> { ["reference"] = ["Give the document's reference."] });
        if (CategoryRefusal(d.Category, terms) is { } outside) return outside;
        var i213 = d.Form == ActionKind.I213Prepared;
        if (i213 && Model == AgreementModel.Jail && !Events.Any(e => e.Kind == "record_check" && e.At <= at))
            return RuleBook.RecordChecksFirst.Refuse() with { Fields = new Dictionary<string, string[]> { ["kind"] = [RuleBook.RecordChecksFirst.Sentence] } };
        var category = Model == AgreementModel.TaskForce ? d.Category!.Trim() : null;
        Documents.Add(new ChargingDocument
        {
            AgencyId = AgencyId, EncounterId = Id, Form = i213 ? "I-213" : "NTA", Reference = d.Reference.Trim(), Category = category,
            PreparedById = by.Id, PreparedByName = by.Name, PreparedAt = at, Status = DocumentStatus.AwaitingSignature,
        });
        return (i213 ? $"Form I-213 prepared for ICE supervisory review: {d.Reference.Trim()}." : $"Notice to Appear prepared for ICE signature: {d.Reference.Trim()}.")
            + (category is null ? "" : $" ICE category: {category}.");
    }

    private Result<string> ServeDetainer(DateTime at)
    {
        if (IssuedDetainer is not { } toServe || toServe.ServedAt is not null)
            return RuleBook.DetainerNotServed.Refuse("There is no issued detainer waiting to be served.");
        if (ScheduledReleaseAt is { } due && at > due)
            return RuleBook.DetainerNotServed.Refuse($"The scheduled release was {Local(due)}: a detainer is served before it.") with { Fields = new Dictionary<string, string[]> { ["at"] = [RuleBook.DetainerNotServed.Sentence] } };
        if (at < toServe.IssuedAt)
            return Error.Invalid("action.time_invalid", "A detainer is served after it is issued.",
                new Dictionary<string, string[]> { ["at"] = [$"Give a time at or after {Local(toServe.IssuedAt)}."] });
        toServe.ServedAt = at;
        return $"Detainer ({toServe.WarrantForm} {toServe.WarrantNumber}) served on the person.";
    }

    private Result<string> Deconflict(Deconflicted d, DateTime at)
    {
        if (DeconflictionRefusal(d.Reference, d.Checks, "reference") is { } incomplete) return incomplete;
        DeconflictionReference = d.Reference!.Trim();
        DeconflictedAt = at;
        DeconflictionChecks = string.Join(",", DeconflictionCheckNames.Keys);
        return $"Deconflicted with ICE ({DeconflictionReference}): {string.Join(", ", DeconflictionCheckNames.Values)}.";
    }

    private Result<string> NotifyIce(IceNotified n)
    {
        if (!Events.Any(e => e.Kind == "warrant_served"))
            return Error.Invalid("action.invalid", "Notice to ICE follows a warrant served.",
                new Dictionary<string, string[]> { ["kind"] = ["Record the warrant served first."] });
        if (string.IsNullOrWhiteSpace(n.SupervisorName))
            return Error.Invalid("action.invalid", "Name the ICE officer notified.",
                new Dictionary<string, string[]> { ["supervisorName"] = ["Name the ICE officer notified."] });
        return $"ICE officer {n.SupervisorName.Trim()} notified that the warrant was served.";
    }

    private Result<string> IcePickUp(PickedUpByIce p) =>
        InIceCustodyHere ? $"ICE took the person from the jail{Optional(p.Details)}." : RuleBook.AfterTransferLimit.Refuse("Custody has not passed to ICE on this encounter.");

    private static Result<string> ArrestWithout(ArrestWithoutWarrant w) =>
        string.IsNullOrWhiteSpace(w.ReasonToBelieve)
            ? RuleBook.ReasonToBelieve.Refuse() with { Fields = new Dictionary<string, string[]> { ["reasonToBelieve"] = [RuleBook.ReasonToBelieve.Sentence] } }
            : $"Arrested without a warrant. Reason to believe: {w.ReasonToBelieve.Trim()}";

    /// <summary>
    /// How near the scheduled release an ICE warrant is served at the jail (jail and warrant service, Appendix A: "at the time of the
    /// alien's scheduled release"): two hours either side (<see cref="RuleBook.WarrantAtRelease"/>, where the window's reason is given).
    /// </summary>
    public static readonly TimeSpan ReleaseWindow = TimeSpan.FromHours(2);

    private Result<string> ServeWarrant(WarrantServed w, DateTime at)
    {
        var form = (w.WarrantForm ?? WarrantForm)?.Trim().ToUpperInvariant();
        var number = w.WarrantNumber ?? WarrantNumber;
        if (form is not ("I-200" or "I-205") || string.IsNullOrWhiteSpace(number))
            return RuleBook.SignedWarrantRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["warrantNumber"] = ["Give the warrant served: I-200 or I-205, and its number."] } };
        if (Model == AgreementModel.TaskForce && form == "I-205")
            return RuleBook.RemovalWarrantNotInModel.Refuse() with { Fields = new Dictionary<string, string[]> { ["warrantForm"] = [RuleBook.RemovalWarrantNotInModel.Sentence] } };
        if (Model != AgreementModel.TaskForce && ScheduledReleaseAt is null)
            return RuleBook.ReleaseTimeRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["scheduledReleaseAt"] = [RuleBook.ReleaseTimeRequired.Sentence] } };
        if (Model != AgreementModel.TaskForce && ScheduledReleaseAt is { } release && WarrantWindowRefusal(release, at) is { } outside) return outside;
        // Warrant service: an interpreter used is named on the warrant's record (section IV.G).
        if (NamesInterpreterOnWarrant(Model) && InterpreterNeeded && (w.InterpreterUsed != true || string.IsNullOrWhiteSpace(w.InterpreterName)))
            return RuleBook.InterpreterNamed.Refuse($"The person needs {InterpreterLanguage}.") with { Fields = new Dictionary<string, string[]> { ["interpreterName"] = [RuleBook.InterpreterNamed.Sentence] } };
        var interpreter = w.InterpreterUsed == true && !string.IsNullOrWhiteSpace(w.InterpreterName)
            ? $" Interpreter: {w.InterpreterName.Trim()} ({InterpreterLanguage ?? "language noted"})." : "";
        return $"Served {form} {number.Trim()}.{interpreter}";
    }

    /// <summary>Outside the window at the release, unless a served detainer still holds the person (jail model).</summary>
    private Error? WarrantWindowRefusal(DateTime release, DateTime at)
    {
        if (at >= release - ReleaseWindow && (at <= release + ReleaseWindow || CustodyAt(at) is CustodyState.Holding or CustodyState.Warning)) return null;
        var opens = release - ReleaseWindow;
        return RuleBook.WarrantAtRelease.Refuse(at < opens
            ? $"The scheduled release is {Local(release)}: the warrant is served from {Local(opens)}."
            : $"The scheduled release was {Local(release)} and no served detainer holds the person: the warrant could be served until {Local(release + ReleaseWindow)}.")
            with { Fields = new Dictionary<string, string[]> { ["at"] = [RuleBook.WarrantAtRelease.Sentence] } };
    }

    private Result<string> ScheduleRelease(ReleaseScheduled r, DateTime now)
    {
        if (r.ScheduledReleaseAt is not { } release)
            return Error.Invalid("action.invalid", "Give the scheduled release time.",
                new Dictionary<string, string[]> { ["scheduledReleaseAt"] = ["Give the scheduled release time."] });
        if (ScheduledReleaseAt is { } current && release > current && CustodyAt(now) is CustodyState.Holding or CustodyState.Warning or CustodyState.Expired)
            return RuleBook.ReleaseTimeFixed.Refuse($"The hold began at {Local(current)}.") with { Fields = new Dictionary<string, string[]> { ["scheduledReleaseAt"] = [RuleBook.ReleaseTimeFixed.Sentence] } };
        ScheduledReleaseAt = release;
        return $"Scheduled release: {Local(release)}.";
    }

    private Result<string> TransferCustody(CustodyTransferred t, DateTime at)
    {
        var served = Events.Any(e => (e.Kind is "warrant_served" or "arrest_without_warrant") && e.At <= at);
        if (!served && IssuedDetainer is { ServedAt: null }) return RuleBook.DetainerNotServed.Refuse();
        if (IssuedDetainer is null && !served) return RuleBook.TransferNeedsDocument.Refuse();
        string? charges = null;
        if (StatesLocalCharges(Model))
        {
            // Section VI: local charges are pursued to completion first.
            charges = t.LocalCharges?.Trim().ToLowerInvariant();
            if (charges is null || !LocalChargeStates.ContainsKey(charges) || charges == "pending")
                return RuleBook.LocalChargesFirst.Refuse(charges == "pending" ? "The local charges are pending." : "Say how the local charges stand.")
                    with { Fields = new Dictionary<string, string[]> { ["localCharges"] = [$"Choose one of: {string.Join(", ", LocalChargeStates.Keys.Where(k => k != "pending"))}."] } };
            if (charges == "fod_decision" && string.IsNullOrWhiteSpace(t.Details))
                return Error.Invalid("action.invalid", "Name the field office director or designee who decided, and what.",
                    new Dictionary<string, string[]> { ["details"] = ["Name who decided for ICE, and what."] });
        }
        // Jail and warrant service, section IV: ICE assumes custody only after the person is released from the agency's custody.
        else if (ScheduledReleaseAt is not { } releaseAt || at + Skew < releaseAt)
            return RuleBook.TransferAtRelease.Refuse(ScheduledReleaseAt is { } r ? $"The person's release from the agency's custody is scheduled for {Local(r)}." : "Record the scheduled release first.")
                with { Fields = new Dictionary<string, string[]> { ["at"] = [RuleBook.TransferAtRelease.Sentence] } };
        LocalCharges = charges;
        return $"Custody transferred to ICE{(charges is null ? "" : $" ({LocalChargeStates[charges]})")}{Optional(t.Details)}.";
    }

    // ---- Detainers ----------------------------------------------------------------------------------------------------

    public Result<Detainer> RequestDetainer(DetainerInput input, Acting by, Func<DateTime, AuthorityAnswer> authority, DateTime now,
        AgreementTerms? terms = null)
    {
        terms ??= AgreementTerms.Strictest;
        if (Blocked(now, allowDuringClaim: false) is { } blocked) return blocked;
        if (Model == AgreementModel.WarrantService) return RuleBook.DetainerNotInModel.Refuse();
        if (OpenDetainer is not null) return RuleBook.DetainerAlreadyOpen.Refuse();
        if (CategoryRefusal(input.Category, terms) is { } outside) return outside;
        if (Model == AgreementModel.Jail && !Events.Any(e => e.Kind == "record_check" && e.At <= now))
            return RuleBook.RecordChecksFirst.Refuse() with { Fields = new Dictionary<string, string[]> { ["probableCause"] = [RuleBook.RecordChecksFirst.Sentence] } };
        if (string.IsNullOrWhiteSpace(input.ProbableCause) || input.ProbableCause.Trim().Length < 20)
            return RuleBook.ProbableCauseRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["probableCause"] = ["State the facts that give probable cause (at least a sentence)."] } };
        if (input.WarrantForm?.Trim().ToUpperInvariant() is not ("I-200" or "I-205") || string.IsNullOrWhiteSpace(input.WarrantNumber)
            || string.IsNullOrWhiteSpace(input.WarrantSignedBy) || input.WarrantSignedOn is not { } signedOn)
            return RuleBook.SignedWarrantRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["warrantNumber"] = [RuleBook.SignedWarrantRequired.Sentence] } };
        // "Today" is the agency's: a warrant dated today at 7 p.m. in its zone is signed, whatever the date in UTC.
        if (signedOn > Common.ZonedTime.DayOf(now, Zone))
            return RuleBook.SignedWarrantRequired.Refuse($"The warrant is dated {signedOn:yyyy-MM-dd}, after today, {Common.ZonedTime.DayOf(now, Zone):yyyy-MM-dd} in {Common.ZonedTime.Describe(Zone, now)}.")
                with { Fields = new Dictionary<string, string[]> { ["warrantSignedOn"] = [$"The warrant cannot be dated after today ({Common.ZonedTime.DayOf(now, Zone):yyyy-MM-dd}, {Common.ZonedTime.Describe(Zone, now)})."] } };
        if (Refusal(authority(now)) is { } noAuthority) return noAuthority;
        var detainer = new Detainer
        {
            AgencyId = AgencyId, EncounterId = Id, Status = DetainerStatus.Requested, ProbableCause = input.ProbableCause.Trim(),
            WarrantForm = input.WarrantForm!.Trim().ToUpperInvariant(), WarrantNumber = input.WarrantNumber!.Trim(),
                WarrantSignedBy = input.WarrantSignedBy!.Trim(),
            WarrantSignedOn = signedOn, RequestedById = by.Id, RequestedAt = now, QueuedAt = now,
            Category = Model == AgreementModel.TaskForce ? input.Category!.Trim() : null,
        };
        Detainers.Add(detainer);
        Record("detainer.requested", now, now, by, $"Detainer requested on {detainer.WarrantForm} {detainer.WarrantNumber}.", null);
        return detainer;
    }

    /// <summary>An ICE supervisor decides: "approve" issues the detainer; "return" sends questions back; "decline" ends it, with reasons.</summary>
    public Result<Detainer> ReviewDetainer(Guid detainerId, string? decision, string? note, Acting by, DateTime now)
    {
        var d = Detainers.FirstOrDefault(x => x.Id == detainerId);
        if (d is null) return Error.NotFound("detainer.not_found", "No such detainer on this encounter.");
        if (!by.IceSupervisor) return RuleBook.IceSupervisorReviews;
        if (by.Id == d.RequestedById) return RuleBook.RequesterCannotReview;
        if (d.Status != DetainerStatus.Requested) return RuleBook.DetainerNotPending.Refuse();
        var choice = decision?.Trim().ToLowerInvariant();
        if (choice is not ("approve" or "return" or "decline"))
            return Error.Invalid("detainer.decision_invalid", "Choose approve, return or decline.",
                new Dictionary<string, string[]> { ["decision"] = ["Choose approve, return or decline."] });
        if (choice != "decline" && Blocked(now, allowDuringClaim: false) is { } blocked) return blocked;
        // A detainer cannot start a hold that would already be past its limit.
        if (choice == "approve" && ScheduledReleaseAt is { } release && now >= release + HoldLimit)
            return RuleBook.HoldLimit.Refuse($"The scheduled release was {Local(release)}, more than 48 hours ago.");
        if (choice != "approve" && string.IsNullOrWhiteSpace(note))
            return RuleBook.DecisionReasonRequired.Refuse() with { Fields = new Dictionary<string, string[]> { ["note"] = [RuleBook.DecisionReasonRequired.Sentence] } };
        d.ReviewedById = by.Id;
        d.ReviewedByName = by.Name;
        d.ReviewedAt = now;
        d.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        switch (choice)
        {
            case "approve":
                d.Status = DetainerStatus.Issued;
                d.IssuedAt = now;
                Record("detainer.issued", now, now, by, "Detainer approved and issued by the ICE supervisor.", null);
                break;
            case "return":
                d.Status = DetainerStatus.Returned;
                d.Returns++;
                Record("detainer.returned", now, now, by, $"Detainer returned with questions: {d.ReviewNote}", null);
                break;
            default:
                d.Status = DetainerStatus.Declined;
                Record("detainer.declined", now, now, by, $"Detainer declined: {d.ReviewNote}", null);
                break;
        }
        return d;
    }

    /// <summary>The officer answers ICE's questions; the request goes back to the review queue.</summary>
    public Result<Detainer> AnswerDetainer(Guid detainerId, string? answer, Acting by, DateTime now)
    {
        var d = Detainers.FirstOrDefault(x => x.Id == detainerId);
        if (d is null) return Error.NotFound("detainer.not_found", "No such detainer on this encounter.");
        if (Blocked(now, allowDuringClaim: false) is { } blocked) return blocked;
        if (d.Status != DetainerStatus.Returned) return RuleBook.DetainerNotReturned.Refuse();
        if (string.IsNullOrWhiteSpace(answer))
            return Error.Invalid("detainer.answer_required", "Answer ICE's questions.",
                new Dictionary<string, string[]> { ["answer"] = ["Answer ICE's questions."] });
        d.Answer = answer.Trim();
        d.Status = DetainerStatus.Requested;
        d.QueuedAt = now;
        Record("detainer.answered", now, now, by, $"Answered ICE's questions: {d.Answer}", null);
        return d;
    }

    public Result<Detainer> MarkTransmitted(Guid detainerId, Acting by, DateTime now)
    {
        var d = Detainers.FirstOrDefault(x => x.Id == detainerId);
        if (d is null) return Error.NotFound("detainer.not_found", "No such detainer on this encounter.");
        if (Blocked(now, allowDuringClaim: false) is { } blocked) return blocked;
        if (d.Status != DetainerStatus.Issued || d.TransmittedAt is not null)
            return RuleBook.DetainerNotIssued;
        d.TransmittedAt = now;
        Record("detainer.transmitted", now, now, by, "Issued detainer sent to ICE.", null);
        return d;
    }

    // ---- Charging documents -----------------------------------------------------------------------------------------

    /// <summary>
    /// An ICE supervisor signs a Notice to Appear or a Form I-213 the officer prepared, or returns it with what to correct.
    /// The preparer never signs their own; a returned document is prepared again (a new action).
    /// </summary>
    public Result<ChargingDocument> ReviewDocument(Guid documentId, string? decision, string? note, Acting by, DateTime now)
    {
        var doc = Documents.FirstOrDefault(x => x.Id == documentId);
        if (doc is null) return Error.NotFound("document.not_found", "No such document on this encounter.");
        if (!by.IceSupervisor) return RuleBook.DocumentIceSignatureOnly;
        if (by.Id == doc.PreparedById) return RuleBook.PreparerCannotSign;
        if (doc.Status != DocumentStatus.AwaitingSignature) return RuleBook.DocumentNotAwaiting;
        var choice = decision?.Trim().ToLowerInvariant();
        if (choice is not ("sign" or "return"))
            return Error.Invalid("document.decision_invalid", "Choose sign or return.",
                new Dictionary<string, string[]> { ["decision"] = ["Choose sign or return."] });
        if (choice == "return" && string.IsNullOrWhiteSpace(note))
            return RuleBook.DocumentReturnReason.Refuse() with { Fields = new Dictionary<string, string[]> { ["note"] = [RuleBook.DocumentReturnReason.Sentence] } };
        doc.ReviewedById = by.Id;
        doc.ReviewedByName = by.Name;
        doc.ReviewedAt = now;
        doc.ReviewNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        doc.Status = choice == "sign" ? DocumentStatus.Signed : DocumentStatus.Returned;
        var name = doc.Form == "NTA" ? "Notice to Appear" : "Form I-213";
        Record(choice == "sign" ? "document.signed" : "document.returned", now, now, by,
            choice == "sign" ? $"{name} {doc.Reference} signed by ICE supervisor {by.Name}." : $"{name} {doc.Reference} returned by ICE: {doc.ReviewNote}", null);
        return doc;
    }

    // ---- Citizenship claims ------------------------------------------------------------------------------------------

    /// <summary>A claim of U.S. citizenship can be recorded at any step of an open encounter; it stops everything else.</summary>
    public Result<CitizenshipClaim> ClaimCitizenship(string? statement, DateTime? at, Acting by, DateTime now, bool suspected = false)
    {
        if (IsClosed) return RuleBook.Closed.Refuse();
        if (UsCitizenConfirmed) return RuleBook.UsCitizen.Refuse();
        if (OpenClaim is not null) return RuleBook.ClaimAlreadyOpen;
        var when = at ?? now;
        if (when < OccurredAt || when > now + Skew)
            return Error.Invalid("action.time_invalid", "The claim's time is outside the encounter.",
                new Dictionary<string, string[]> { ["at"] = ["Give a time after the encounter began and not in the future."] });
        if (string.IsNullOrWhiteSpace(statement))
            return Error.Invalid("citizenship.statement_required", "Record what the person said.",
                new Dictionary<string, string[]> { ["statement"] = ["Record what the person said."] });
        var claim = new CitizenshipClaim { AgencyId = AgencyId, EncounterId = Id, ClaimedAt = when, Statement = statement.Trim(), Suspected = suspected };
        Claims.Add(claim);
        Record("citizenship.claimed", when, now, by,
            suspected ? $"The officer suspects the person is a U.S. citizen: {claim.Statement}" : $"The person claims U.S. citizenship: {claim.Statement}", null);
        return claim;
    }

    /// <summary>Steps of the investigation that an open claim calls for at once: record checks and consultation with ICE's legal office.</summary>
    public static readonly IReadOnlyDictionary<string, string> InvestigationSteps = new Dictionary<string, string>
    {
        ["record_check"] = "Record check for citizenship",
        ["legal_consultation"] = "Consultation with ICE's Office of the Principal Legal Advisor",
    };

    /// <summary>Records a step of the claim's investigation; allowed while the claim is open, as the resolution needs it.</summary>
    public Result<EncounterEvent> InvestigateClaim(string? step, string? details, Acting by, DateTime now)
    {
        if (OpenClaim is null) return RuleBook.NoOpenClaim.Refuse();
        var code = step?.Trim().ToLowerInvariant();
        if (code is null || !InvestigationSteps.TryGetValue(code, out var name) || string.IsNullOrWhiteSpace(details))
            return Error.Invalid("citizenship.investigation_invalid", "Say which step was taken and what it found.", new Dictionary<string, string[]>
            {
                ["step"] = [$"Choose one of: {string.Join(", ", InvestigationSteps.Keys)}."],
                ["details"] = ["Say what was checked or advised, and what it found."],
            });
        return Record($"citizenship.{code}", now, now, by, $"{name}: {details.Trim()}", null);
    }

    public Result<CitizenshipClaim> ReportClaim(string? reportedTo, Acting by, DateTime now)
    {
        if (OpenClaim is not { } claim) return RuleBook.NoOpenClaim.Refuse();
        if (claim.ReportedAt is not null) return RuleBook.ClaimAlreadyReported;
        if (string.IsNullOrWhiteSpace(reportedTo))
            return Error.Invalid("citizenship.reported_to_required", "Name the ICE supervisor told.",
                new Dictionary<string, string[]> { ["reportedTo"] = ["Name the ICE supervisor told."] });
        claim.ReportedAt = now;
        claim.ReportedTo = reportedTo.Trim();
        Record("citizenship.reported", now, now, by, $"Claim reported to ICE supervisor {claim.ReportedTo}.", null);
        return claim;
    }

    /// <summary>An ICE supervisor resolves the claim. A U.S. citizen is released: any detainer ends and no immigration action may follow.</summary>
    public Result<CitizenshipClaim> ResolveClaim(string? outcome, string? explanation, Acting by, DateTime now)
    {
        if (OpenClaim is not { } claim) return RuleBook.NoOpenClaim.Refuse();
        if (!by.IceSupervisor) return RuleBook.ClaimResolvedByIce;
        ClaimOutcome? result = outcome?.Trim().ToLowerInvariant() switch { "us_citizen" => ClaimOutcome.UsCitizen,
            "not_us_citizen" => ClaimOutcome.NotUsCitizen, _ => null };
        if (result is null || string.IsNullOrWhiteSpace(explanation))
            return Error.Invalid("citizenship.resolution_invalid", "Give the outcome and how it was established.", new Dictionary<string, string[]>
            {
                ["outcome"] = ["Choose us_citizen or not_us_citizen."],
                ["explanation"] = ["Say how it was established (documents, records checked)."],
            });
        claim.Outcome = result;
        claim.Explanation = explanation.Trim();
        claim.ResolvedAt = now;
        claim.ResolvedByName = by.Name;
        if (result == ClaimOutcome.UsCitizen)
        {
            UsCitizenConfirmed = true;
            foreach (var d in Detainers.Where(d => d.IsOpen))
            {
                d.Status = DetainerStatus.Withdrawn;
                d.ReviewNote = "Withdrawn: the person is a U.S. citizen.";
            }
            foreach (var doc in Documents.Where(d => d.Status == DocumentStatus.AwaitingSignature))
            {
                doc.Status = DocumentStatus.Withdrawn;
                doc.ReviewNote = "Withdrawn: the person is a U.S. citizen.";
            }
        }
        Record("citizenship.resolved", now, now, by,
            $"Claim resolved: {(result == ClaimOutcome.UsCitizen ? "U.S. citizen" : "not a U.S. citizen")}. {claim.Explanation}", null);
        return claim;
    }

    // ---- Custody ----------------------------------------------------------------------------------------------------

    /// <summary>Where the 48-hour clock stands at an instant: it runs from the scheduled release while an issued detainer holds the person.</summary>
    public CustodyState CustodyAt(DateTime at)
    {
        // The hold on the detainer ends when the record ends or custody passes to ICE (the stay after it has its own clock).
        if (ScheduledReleaseAt is not { } release || (ClosedAt is { } closed && closed <= at)
            || (TransferredAt is { } transferred && transferred <= at)) return CustodyState.None;
        // A detainer holds the person only once served on them (Form I-247A).
        var issued = Detainers.FirstOrDefault(d => d.IssuedAt is { } i && i <= at && d.ServedAt is { } s && s <= at && d.Status == DetainerStatus.Issued);
        if (issued is null) return CustodyState.None;
        var held = at - release;
        return held < TimeSpan.Zero ? CustodyState.BeforeRelease : held < HoldWarning ? CustodyState.Holding : held < HoldLimit ? CustodyState.Warning : CustodyState.Expired;
    }

    /// <summary>Where the stay after the transfer to ICE stands at an instant (None when no limit applies).</summary>
    public CustodyState StayAt(DateTime at)
    {
        if (StayEndsAt is not { } ends || TransferredAt is not { } from || (ClosedAt is { } closed && closed <= at) || at < from) return CustodyState.None;
        var stayed = at - from;
        return stayed < StayWarning ? CustodyState.Holding : at < ends ? CustodyState.Warning : CustodyState.Expired;
    }

    /// <summary>Marks the 36-hour warning of the stay after the transfer once.</summary>
    public bool WarnStay(DateTime now)
    {
        if (StayWarnedAt is not null || StayAt(now) is not (CustodyState.Warning or CustodyState.Expired)) return false;
        StayWarnedAt = now;
        return true;
    }

    /// <summary>Marks, once, a stay after the transfer past 48 hours with no detention agreement.</summary>
    public bool FlagStayPastLimit(DateTime now)
    {
        if (StayPastLimitAt is not null || StayAt(now) != CustodyState.Expired) return false;
        StayPastLimitAt = StayEndsAt;
        return true;
    }

    /// <summary>Task force: the category must be one ICE supervisors set for the agreement (MOA, task force 2025, section V).</summary>
    private Error? CategoryRefusal(string? category, AgreementTerms terms)
    {
        if (!UsesIceCategories(Model)) return null;
        var set = terms.IceCategories;
        if (set.Count == 0) return RuleBook.OutsideIceCategories.Refuse("ICE supervisors have set no category for this agreement yet.") with { Fields = new Dictionary<string, string[]> { ["category"] = [RuleBook.OutsideIceCategories.Sentence] } };
        if (string.IsNullOrWhiteSpace(category) || !set.Contains(category.Trim(), StringComparer.OrdinalIgnoreCase))
            return RuleBook.OutsideIceCategories.Refuse($"Choose one of: {string.Join("; ", set)}.") with { Fields = new Dictionary<string, string[]> { ["category"] = [$"Choose one of: {string.Join("; ", set)}."] } };
        return null;
    }

    /// <summary>Marks the 36-hour warning once; true the first time the hold is found at or past it.</summary>
    public bool WarnHold(DateTime now)
    {
        if (HoldWarnedAt is not null || CustodyAt(now) is not (CustodyState.Warning or CustodyState.Expired)) return false;
        HoldWarnedAt = now;
        return true;
    }

    /// <summary>Marks the overdetention once, when the hold has passed 48 hours and the person is neither released nor transferred.</summary>
    public bool FlagOverdetention(DateTime now)
    {
        if (OverdetentionAt is not null || CustodyAt(now) != CustodyState.Expired) return false;
        OverdetentionAt = ScheduledReleaseAt!.Value + HoldLimit;
        return true;
    }

    // ---- Corrections ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Corrects what was recorded at the opening, with an explanation; the basis is checked again. The previous values are kept
    /// in a new <see cref="EncounterVersion"/>, so every version stays readable.
    /// </summary>
    public Result<EncounterVersion> Correct(EncounterInput input, ProtectedPerson? person, string? explanation, Acting by, DateTime now,
        AgreementTerms? terms = null)
    {
        if (string.IsNullOrWhiteSpace(explanation))
            return RuleBook.CorrectionExplained.Refuse() with { Fields = new Dictionary<string, string[]> { ["explanation"] = [RuleBook.CorrectionExplained.Sentence] } };
        var before = Snapshot();
        if (input.Basis is not null)
        {
            if (CheckBasis(Model, input.Basis, OccurredAt, Zone, terms ?? AgreementTerms.Strictest) is { } refused) return refused;
            ApplyBasis(input.Basis);
        }
        if (input.Perception is not null)
        {
            var errors = Perception.Check(input.Perception);
            if (errors.Count > 0) return Error.Invalid("encounter.invalid", "The perception is not complete.", errors);
            if (InterpreterOfferRefusal(input.Perception) is { } notOffered) return notOffered;
            ApplyPerception(input.Perception);
        }
        if (input.Stop is not null)
        {
            var errors = StopFacts.Check(Model, input.Stop);
            if (errors.Count > 0) return Error.Invalid("encounter.invalid", "The stop's facts are not complete.", errors);
            ApplyStop(input.Stop);
        }
        if (!string.IsNullOrWhiteSpace(input.Location)) Location = input.Location.Trim();
        if (person is not null) ApplyPerson(person);
        var after = Snapshot();
        var changes = after.Where(kv => before[kv.Key] != kv.Value).ToDictionary(kv => kv.Key, kv => new[] { before[kv.Key], kv.Value });
        if (changes.Count == 0)
            return Error.Invalid("encounter.nothing_to_correct", "The correction changes nothing.",
                new Dictionary<string, string[]> { ["explanation"] = ["Change at least one value."] });
        Corrections++;
        var version = new EncounterVersion
        {
            AgencyId = AgencyId, EncounterId = Id, Number = Corrections, At = now, ById = by.Id, ByName = by.Name, Explanation = explanation.Trim(),
            Changes = JsonSerializer.Serialize(changes),
        };
        Versions.Add(version);
        Record("corrected", now, now, by, $"Corrected ({string.Join(", ", changes.Keys)}): {version.Explanation}", null);
        return version;
    }

    private Dictionary<string, string?> Snapshot() => new()
    {
        ["location"] = Location,
        ["basis"] = BasisText(),
        ["person"] = string.Join("|", NameProtected, DateOfBirthProtected, FbiNumberProtected, ANumberProtected),
        ["perception"] = $"{PerceivedRaces};{PerceivedGender};{PerceivedAge};{LimitedEnglish};{PerceivedDisabilities};{InterpreterNeeded};{InterpreterLanguage}",
        ["stop"] = StopType is null ? null : $"{StopType};searched {SearchConducted};{SearchBasis};contraband {ContrabandFound};{StopOutcome};{District}",
    };

    // ---- Shared -----------------------------------------------------------------------------------------------------

    private Error? Blocked(DateTime now, bool allowDuringClaim)
    {
        if (IsClosed) return RuleBook.Closed.Refuse();
        if (UsCitizenConfirmed) return RuleBook.UsCitizen.Refuse();
        if (!allowDuringClaim && OpenClaim is not null) return RuleBook.ClaimOpen.Refuse();
        if (CustodyAt(now) == CustodyState.Expired) return RuleBook.HoldLimit.Refuse();
        if (InIceCustodyHere) return RuleBook.InIceCustody.Refuse();
        return null;
    }

    /// <summary>No authority: the refusal lists every reason, each beside its code.</summary>
    public static Error? Refusal(AuthorityAnswer answer) => answer.Granted ? null
        : RuleBook.NoAuthority.Refuse(string.Join(" ", answer.Reasons.Select(r => r.Message)))
            with { Fields = new Dictionary<string, string[]> { ["authority"] = answer.Reasons.Select(r => $"{r.Code}: {r.Message}").ToArray() } };

    private EncounterEvent Record(string kind, DateTime at, DateTime now, Acting by, string details, string? lateReason)
    {
        var e = new EncounterEvent { AgencyId = AgencyId, EncounterId = Id, Kind = kind, At = at, RecordedAt = now, ById = by.Id, ByName = by.Name,
            Details = details, LateReason = lateReason };
        Events.Add(e);
        return e;
    }
}
