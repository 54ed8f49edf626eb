using System.Security.Cryptography;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Complaints;

/// <summary>How a complaint reached the program.</summary>
public enum ComplaintChannel
{
    /// <summary>The public form, without an account.</summary>
    Web,
    Phone,
    Mail,
    InPerson,
    Email,

    /// <summary>Sent on by another office (ICE OPR, the Joint Intake Center, DHS).</summary>
    Referral,

    /// <summary>Recorded by hand before complaints were kept here (an agency's or ICE's pending allegation), carried over.</summary>
    CarriedOver,
}

/// <summary>Who received it first, which decides who must tell whom (each MOA's Appendix B).</summary>
public enum ReceivedBy
{
    /// <summary>The agency (its internal affairs, a supervisor, its front desk), or the public form, which the agency reads at once.</summary>
    Agency,

    /// <summary>ICE (a field office, OPR, the program office): ICE reports it to OPR itself.</summary>
    Ice,
}

public enum ComplaintStatus
{
    /// <summary>Recorded; notices and classification under way.</summary>
    Received,

    /// <summary>OPR decided jurisdiction and someone investigates.</summary>
    UnderInvestigation,

    /// <summary>Every allegation has a finding.</summary>
    Resolved,

    /// <summary>The outcome was reported and the people it concerns were told.</summary>
    Closed,
}

/// <summary>What an allegation says happened (issue 15).</summary>
public enum AllegationCategory
{
    RacialOrEthnicProfiling,
    UnlawfulStop,
    UnlawfulArrest,
    UnlawfulDetention,
    Overdetention,
    Force,
    LanguageAccess,
    Citizenship,
    Discourtesy,
    Property,
    Other,
}

public enum Finding
{
    /// <summary>The act happened and broke policy or law.</summary>
    Sustained,

    /// <summary>The evidence can neither prove nor disprove it.</summary>
    NotSustained,

    /// <summary>The act happened and was lawful and within policy.</summary>
    Exonerated,

    /// <summary>The act did not happen, or the officer was not involved.</summary>
    Unfounded,
}

/// <summary>Where OPR sent the complaint after deciding jurisdiction (task force MOA, Appendix B, 2 and 3.A).</summary>
public enum ReferralTo
{
    /// <summary>OPR keeps it and investigates.</summary>
    OprRetains,

    /// <summary>The agency's internal affairs division resolves it and informs OPR of the disposition.</summary>
    AgencyInternalAffairs,

    /// <summary>OPR and the agency investigate together.</summary>
    JointInvestigation,

    /// <summary>DHS Office for Civil Rights and Civil Liberties.</summary>
    DhsCivilRights,

    /// <summary>DHS Office of Inspector General.</summary>
    DhsInspectorGeneral,
}

/// <summary>
/// A complaint about the 287(g) program: about designated officers, other agency personnel acting in immigration functions, the
/// agency, or an encounter, in the words of the person who made it. The person's words and contact are person data, encrypted and
/// read only on purpose (<c>PersonData</c>); everything else (classification, notices, referrals, findings) is plain so that it can
/// be measured. Added by the public without an account (<see cref="IPublicSubmission"/>), or by staff.
/// </summary>
public sealed class Complaint : RaisesEvents, IAgencyOwned, IVersioned, ITimestamped, IPublicSubmission
{
    public const int MaxNarrative = 10_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    /// <summary>The agreement it falls under, once known (set at intake when the agency has one agreement in force).</summary>
    public Guid? AgreementId { get; private set; }

    /// <summary>The model whose Appendix B governs it (from the agreement).</summary>
    public AgreementModel? Model { get; private set; }

    /// <summary>What the person keeps to ask about it: twelve letters and digits, random (60 bits), grouped by four.</summary>
    public string TrackingNumber { get; init; } = "";

    public ComplaintChannel Channel { get; init; }

    public ReceivedBy ReceivedBy { get; init; }

    public DateTime ReceivedAt { get; init; }

    /// <summary>The staff member who took it, or "public form".</summary>
    public string TakenBy { get; init; } = "";

    /// <summary>The language the person used ("en", "es", or another code).</summary>
    public string Language { get; init; } = "en";

    public bool Anonymous { get; init; }

    /// <summary>The person agreed to be contacted about it at the contact given.</summary>
    public bool ContactConsent { get; init; }

    /// <summary>Name, e-mail, telephone and address as given (encrypted JSON), or null.</summary>
    public string? ContactProtected { get; init; }

    /// <summary>What happened, in the person's words (encrypted).</summary>
    public string? NarrativeProtected { get; init; }

    /// <summary>What the person said it was about, as ticked on the form (category codes, comma-separated); staff classify allegations.</summary>
    public string ReportedCategories { get; init; } = "";

    /// <summary>When and where it happened, as the person said it (not person data: no names).</summary>
    public string? OccurredOn { get; init; }

    public Guid? EncounterId { get; private set; }

    /// <summary>The agency's internal affairs case or ICE's OPR case, when one is known.</summary>
    public string? CaseReference { get; private set; }

    public ComplaintStatus Status { get; private set; }

    public DateTime? IceNotifiedAt { get; private set; }

    public string? IceNotifiedTo { get; private set; }

    public DateTime? OprReportedAt { get; private set; }

    public DateTime? InvestigationStartedAt { get; private set; }

    public DateTime? ResolvedAt { get; private set; }

    public string? Resolution { get; private set; }

    public DateTime? OutcomeReportedAt { get; private set; }

    public DateTime? ComplainantToldAt { get; private set; }

    public DateTime? SubjectsToldAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    /// <summary>When the intake's deadlines and notices were opened (a public complaint gets them from the system, just after).</summary>
    public DateTime? IntakeProcessedAt { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public bool HasContact => ContactProtected is not null;

    /// <summary>A new complaint; the caller checked the fields (<see cref="ComplaintRules"/>).</summary>
    internal static Complaint Receive(Guid agencyId, Agreement? agreement, ComplaintChannel channel, ReceivedBy receivedBy, DateTime receivedAt,
        string takenBy, string language, bool anonymous, bool consent, string? contactProtected, string narrativeProtected,
        IEnumerable<AllegationCategory> reported, string? occurredOn) => new()
    {
        AgencyId = agencyId,
        AgreementId = agreement?.Id,
        Model = agreement?.Model,
        TrackingNumber = NewTrackingNumber(),
        Channel = channel,
        ReceivedBy = receivedBy,
        ReceivedAt = receivedAt,
        TakenBy = takenBy,
        Language = language,
        Anonymous = anonymous,
        ContactConsent = consent && contactProtected is not null,
        ContactProtected = contactProtected,
        NarrativeProtected = narrativeProtected,
        ReportedCategories = string.Join(",", reported.Distinct().Select(c => c.Code())),
        OccurredOn = string.IsNullOrWhiteSpace(occurredOn) ? null : occurredOn.Trim(),
        Status = ComplaintStatus.Received,
    };

    private const string Alphabet = "ABCDEFGHJKMNPQRSTVWXYZ0123456789";

    /// <summary>Crockford-like letters without I, L, O, U: read aloud on a telephone without confusion.</summary>
    public static string NewTrackingNumber()
    {
        Span<char> chars = stackalloc char[14];
        var bytes = RandomNumberGenerator.GetBytes(12);
        var at = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8) chars[at++] = '-';
            chars[at++] = Alphabet[bytes[i] % 32];
        }
        return new string(chars);
    }

    /// <summary>A tracking number as typed: case and spaces ignored, the dashes put back.</summary>
    public static string? NormalizeTracking(string? typed)
    {
        if (typed is null) return null;
        var letters = new string(typed.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return letters.Length == 12 ? $"{letters[..4]}-{letters[4..8]}-{letters[8..]}" : null;
    }

    internal void ProcessedIntake(DateTime now) => IntakeProcessedAt ??= now;

    internal Error? SetAgreement(Agreement agreement)
    {
        if (Status is ComplaintStatus.Closed) return ComplaintRules.Closed;
        if (agreement.AgencyId != AgencyId) return ComplaintRules.OtherAgency;
        AgreementId = agreement.Id;
        Model = agreement.Model;
        return null;
    }

    internal Error? LinkEncounter(Guid encounterId)
    {
        if (Status is ComplaintStatus.Closed) return ComplaintRules.Closed;
        EncounterId = encounterId;
        return null;
    }

    internal void SetCaseReference(string? reference)
    {
        if (!string.IsNullOrWhiteSpace(reference)) CaseReference = reference.Trim();
    }

    internal Error? NotifiedIce(DateTime at, string to)
    {
        if (Status is ComplaintStatus.Closed) return ComplaintRules.Closed;
        if (ReceivedBy == ReceivedBy.Ice) return ComplaintRules.IceReceivedIt;
        if (IceNotifiedAt is not null) return ComplaintRules.AlreadyRecorded.RefuseAs("ICE was already told of this complaint; the notice is kept as recorded.");
        IceNotifiedAt = at;
        IceNotifiedTo = to;
        return null;
    }

    internal Error? ReportedToOpr(DateTime at)
    {
        if (Status is ComplaintStatus.Closed) return ComplaintRules.Closed;
        if (ReceivedBy == ReceivedBy.Agency && IceNotifiedAt is null) return ComplaintRules.IceNoticeFirst;
        if (OprReportedAt is not null) return ComplaintRules.AlreadyRecorded.RefuseAs("The complaint was already reported to OPR; the report is kept as recorded.");
        OprReportedAt = at;
        return null;
    }

    internal Error? Referred(DateTime at)
    {
        if (Status is ComplaintStatus.Closed or ComplaintStatus.Resolved) return ComplaintRules.Closed;
        if (OprReportedAt is null) return ComplaintRules.OprFirst;
        if (at < OprReportedAt) return ComplaintRules.OprFirst.Refuse("A referral cannot come before OPR had the complaint.");
        InvestigationStartedAt ??= at;
        Status = ComplaintStatus.UnderInvestigation;
        return null;
    }

    internal Error? Resolve(IReadOnlyList<ComplaintAllegation> allegations, string? resolution, DateTime now)
    {
        if (Status is ComplaintStatus.Closed or ComplaintStatus.Resolved) return ComplaintRules.Closed;
        if (Status != ComplaintStatus.UnderInvestigation) return ComplaintRules.OprFirst;
        if (allegations.Count == 0) return ComplaintRules.NotClassified;
        var missing = allegations.Where(a => a.Finding is null).ToList();
        if (missing.Count > 0) return ComplaintRules.FindingsMissing.Refuse($"Still without a finding: {missing.Count}.");
        if (string.IsNullOrWhiteSpace(resolution))
            return Error.Invalid("complaint.resolution_required", "Say how the complaint was resolved.",
                new Dictionary<string, string[]> { ["resolution"] = ["Say how the complaint was resolved."] });
        ResolvedAt = now;
        Resolution = resolution.Trim();
        Status = ComplaintStatus.Resolved;
        return null;
    }

    internal Error? OutcomeReported(DateTime at)
    {
        if (Status != ComplaintStatus.Resolved) return ComplaintRules.NotResolved;
        if (OutcomeReportedAt is not null) return ComplaintRules.AlreadyRecorded.RefuseAs("The outcome was already reported; the report is kept as recorded.");
        if (at < ResolvedAt) return ComplaintRules.NotResolved.Refuse("The report cannot come before the resolution.");
        OutcomeReportedAt = at;
        return null;
    }

    internal Error? Told(bool complainant, DateTime at)
    {
        if (Status != ComplaintStatus.Resolved) return ComplaintRules.NotResolved;
        if (complainant && !ContactConsent) return ComplaintRules.NoContact;
        if (complainant) ComplainantToldAt ??= at;
        else SubjectsToldAt ??= at;
        return null;
    }

    /// <summary>What closing still waits for, in plain words; empty when it may close.</summary>
    public IReadOnlyList<string> MissingToClose(bool hasSubjects)
    {
        var missing = new List<string>();
        if (Status != ComplaintStatus.Resolved) missing.Add("the resolution");
        if (ReceivedBy == ReceivedBy.Agency && OutcomeReportedAt is null) missing.Add("the outcome reported to ICE");
        if (ContactConsent && ComplainantToldAt is null) missing.Add("the person who complained told of the outcome");
        if (hasSubjects && SubjectsToldAt is null) missing.Add("the officers named told of the outcome");
        return missing;
    }

    internal Error? Close(bool hasSubjects, DateTime now)
    {
        if (Status == ComplaintStatus.Closed) return ComplaintRules.Closed;
        var missing = MissingToClose(hasSubjects);
        if (missing.Count > 0) return ComplaintRules.CloseIncomplete.Refuse($"Still to do: {string.Join("; ", missing)}.");
        ClosedAt = now;
        Status = ComplaintStatus.Closed;
        return null;
    }
}

/// <summary>
/// One allegation against one person: a designated officer (by record), or agency personnel not designated (described), with
/// whether it could lead to discipline, a criminal investigation or a lawsuit, and its finding once investigated. An allegation
/// against a designated officer that could lead to any of the three removes a task force officer from 287(g) duty until the
/// agency adjudicates it (its finding).
/// </summary>
public sealed class ComplaintAllegation : RaisesEvents, IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ComplaintId { get; init; }

    public AllegationCategory Category { get; init; }

    /// <summary>The designated officer it is about, or null for personnel not designated (or not yet identified).</summary>
    public Guid? OfficerId { get; init; }

    /// <summary>Who it is about when there is no officer record (rank, unit, "the booking deputy"): work identity, not the complainant.</summary>
    public string? PersonDescribed { get; init; }

    /// <summary>About agency personnel who are not designated and certified but acted in immigration functions (Appendix B).</summary>
    public bool NonDesignated { get; init; }

    public bool MayLeadToDiscipline { get; init; }

    public bool MayLeadToCriminalInvestigation { get; init; }

    public bool MayLeadToLawsuit { get; init; }

    public DateTime RecordedAt { get; init; }

    public string RecordedBy { get; init; } = "";

    public Finding? Finding { get; private set; }

    public DateTime? FindingAt { get; private set; }

    public string? FindingBy { get; private set; }

    public string? ActionsTaken { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>"a complaint or allegation of any sort that may result in that individual receiving professional discipline or becoming the subject of a criminal investigation or civil lawsuit"</summary>
    public bool IsSerious => MayLeadToDiscipline || MayLeadToCriminalInvestigation || MayLeadToLawsuit;

    internal static ComplaintAllegation Record(Complaint complaint, AllegationCategory category, Officer? officer, string? described,
        bool nonDesignated, bool discipline, bool criminal, bool lawsuit, string by, DateTime now)
    {
        var allegation = new ComplaintAllegation
        {
            AgencyId = complaint.AgencyId, ComplaintId = complaint.Id, Category = category, OfficerId = officer?.Id,
            PersonDescribed = string.IsNullOrWhiteSpace(described) ? null : described.Trim(), NonDesignated = officer is null && nonDesignated,
            MayLeadToDiscipline = discipline, MayLeadToCriminalInvestigation = criminal, MayLeadToLawsuit = lawsuit,
            RecordedAt = now, RecordedBy = by,
        };
        if (officer is not null && allegation.IsSerious) allegation.Raise(new OfficerStandingChanged(officer.Id));
        return allegation;
    }

    internal Error? Find(Finding finding, string? actions, string by, DateTime now)
    {
        if (Finding is not null) return ComplaintRules.AlreadyRecorded.RefuseAs("This allegation already has its finding; it is kept as recorded.");
        if (finding == Complaints.Finding.Sustained && string.IsNullOrWhiteSpace(actions)) return ComplaintRules.SustainedNeedsAction;
        Finding = finding;
        FindingAt = now;
        FindingBy = by;
        ActionsTaken = string.IsNullOrWhiteSpace(actions) ? null : actions.Trim();
        if (OfficerId is { } officer && IsSerious) Raise(new OfficerStandingChanged(officer));
        return null;
    }
}

/// <summary>OPR's determination of jurisdiction and each referral it made, with its dates; several per complaint.</summary>
public sealed class ComplaintReferral : IAgencyOwned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ComplaintId { get; init; }

    public ReferralTo To { get; init; }

    public DateTime ReferredAt { get; init; }

    public string? Reference { get; init; }

    public string Note { get; init; } = "";

    public string RecordedBy { get; init; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Offices whose investigators the agency's coordinator is: findings of these are recorded by the agency.</summary>
    public bool AgencyInvestigates => To is ReferralTo.AgencyInternalAffairs or ReferralTo.JointInvestigation;
}

/// <summary>One line of a complaint's history, as staff see it (never the person's words).</summary>
public sealed class ComplaintEvent : IAgencyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ComplaintId { get; init; }

    public DateTime At { get; init; }

    public string Kind { get; init; } = "";

    public string Text { get; init; } = "";

    public string ActorName { get; init; } = "";

    public static ComplaintEvent Of(Complaint c, string kind, string text, string actor, DateTime at) =>
        new() { AgencyId = c.AgencyId, ComplaintId = c.Id, Kind = kind, Text = text, ActorName = actor, At = at };
}
