using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Complaints;

/// <summary>
/// A complaint as the public form and staff intake send it. The public form ignores the staff fields (channel, time received,
/// agreement, encounter, case); <c>Website</c> is the form's hidden field that no person fills.
/// </summary>
public sealed record ComplaintInput(
    Guid? AgencyId, string? Language, string? Narrative, string? OccurredOn, IReadOnlyList<string>? Categories,
    bool? Anonymous, string? Name, string? Email, string? Phone, string? Address, bool? Consent,
    string? Channel = null, DateTime? ReceivedAt = null, Guid? AgreementId = null, string? EncounterNumber = null, string? CaseReference = null,
    string? Website = null);

public sealed record AllegationInput(string? Category, Guid? OfficerId, string? PersonDescribed, bool? NonDesignated, bool? MayLeadToDiscipline,
    bool? MayLeadToCriminalInvestigation, bool? MayLeadToLawsuit);

public sealed record LinkInput(Guid? AgreementId, string? EncounterNumber, string? CaseReference);

/// <summary>A dated step: when it happened (now when not given), to whom or how, and a reference.</summary>
public sealed record StepInput(DateTime? At, string? To, string? Reference);

public sealed record ReferralInput(string? To, DateTime? At, string? Reference, string? Note);

public sealed record FindingInput(string? Finding, string? ActionsTaken);

public sealed record ResolveInput(string? Resolution);

/// <summary>Who was told of the outcome: "complainant" or "subjects".</summary>
public sealed record TellInput(string? Who, DateTime? At, string? How);

public sealed record RevealInput(string? Purpose);

public sealed record Receipt(string TrackingNumber, string Status, DateTime ReceivedAt, string AgencyName);

/// <summary>What the public status page shows: status and dates, nothing else.</summary>
public sealed record PublicStatus(string TrackingNumber, string Status, string AgencyName, DateTime ReceivedAt, DateTime? InvestigationStartedAt,
    DateTime? ResolvedAt, DateTime? ClosedAt);

public sealed record ComplaintSummary(Guid Id, string TrackingNumber, Guid AgencyId, string AgencyName, string? Model, string Channel,
    DateTime ReceivedAt, string Status, int Allegations, bool NonDesignated);

public sealed record AllegationView(Guid Id, string Category, Guid? OfficerId, string? OfficerName, string? OfficerBadge, string? PersonDescribed,
    bool NonDesignated, bool MayLeadToDiscipline, bool MayLeadToCriminalInvestigation, bool MayLeadToLawsuit, DateTime RecordedAt, string RecordedBy,
    string? Finding, DateTime? FindingAt, string? FindingBy, string? ActionsTaken, bool RemovesTaskForceAuthority, long Version);

public sealed record ReferralView(string To, DateTime ReferredAt, string? Reference, string Note, string RecordedBy);

public sealed record ComplaintEventView(DateTime At, string Kind, string Text, string ActorName);

public sealed record ComplaintView(
    Guid Id, Guid AgencyId, string AgencyName, Guid? AgreementId, string? Model, string TrackingNumber, string Channel, string ReceivedBy,
    DateTime ReceivedAt, string TakenBy, string Language, bool Anonymous, bool HasContact, bool ContactConsent, IReadOnlyList<string> ReportedCategories,
    string? OccurredOn, Guid? EncounterId, string? EncounterNumber, string? CaseReference, string Status,
    DateTime? IceNotifiedAt, string? IceNotifiedTo, DateTime? OprReportedAt, DateTime? InvestigationStartedAt, DateTime? ResolvedAt, string? Resolution,
    DateTime? OutcomeReportedAt, DateTime? ComplainantToldAt, DateTime? SubjectsToldAt, DateTime? ClosedAt,
    IReadOnlyList<AllegationView> Allegations, IReadOnlyList<ReferralView> Referrals, IReadOnlyList<ComplaintEventView> History,
    IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<string> MissingToClose, IReadOnlyList<AgreementChoice> Agreements, long Version);

public sealed record AgreementChoice(Guid Id, string Model, string Status);

/// <summary>The person's words and contact, once read on purpose (the read is logged first).</summary>
public sealed record ComplaintPersonData(string? Narrative, string? Name, string? Email, string? Phone, string? Address);

public sealed record OfficerChoice(Guid Id, string Name, string BadgeNumber);

public static class ComplaintTexts
{
    public static string Category(AllegationCategory c) => c switch
    {
        AllegationCategory.RacialOrEthnicProfiling => "Racial or ethnic profiling",
        AllegationCategory.UnlawfulStop => "Unlawful stop",
        AllegationCategory.UnlawfulArrest => "Unlawful arrest",
        AllegationCategory.UnlawfulDetention => "Unlawful detention",
        AllegationCategory.Overdetention => "Held past the time allowed (overdetention)",
        AllegationCategory.Force => "Use of force",
        AllegationCategory.LanguageAccess => "Language access (no interpreter, not understood)",
        AllegationCategory.Citizenship => "Treated as not a citizen (a claim of U.S. citizenship)",
        AllegationCategory.Discourtesy => "Discourtesy",
        AllegationCategory.Property => "Property (taken, damaged or not returned)",
        AllegationCategory.Other => "Other",
    };

    public static string Referral(ReferralTo to) => to switch
    {
        ReferralTo.OprRetains => "ICE OPR keeps and investigates it",
        ReferralTo.AgencyInternalAffairs => "Referred to the agency's internal affairs",
        ReferralTo.JointInvestigation => "Joint investigation (OPR and the agency)",
        ReferralTo.DhsCivilRights => "Referred to the DHS Office for Civil Rights and Civil Liberties",
        ReferralTo.DhsInspectorGeneral => "Referred to the DHS Office of Inspector General",
    };

    public static string Finding(Finding f) => f switch
    {
        Complaints.Finding.Sustained => "Sustained",
        Complaints.Finding.NotSustained => "Not sustained",
        Complaints.Finding.Exonerated => "Exonerated",
        Complaints.Finding.Unfounded => "Unfounded",
    };

    public static string Channel(ComplaintChannel c) => c switch
    {
        ComplaintChannel.Web => "Public form",
        ComplaintChannel.Phone => "Telephone",
        ComplaintChannel.Mail => "Mail",
        ComplaintChannel.InPerson => "In person",
        ComplaintChannel.Email => "E-mail",
        ComplaintChannel.Referral => "Referred by another office",
        ComplaintChannel.CarriedOver => "Carried over from a pending allegation",
    };

    public static string Model(AgreementModel? m) => m is { } model ? model.Code() : "not yet known";
}
