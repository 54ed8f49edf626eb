using Section287.Features.Accounts;
using Section287.Features.Training;
using Section287.Features.Deadlines;

namespace Section287.Features.Officers;

public sealed record OfficerInput(
    Guid? OfficerId, string? FullName, string? BadgeNumber, string? Rank, DateOnly? HiredOn, decimal? ExperienceYears,
    bool? CitizenshipAttested, bool? DetentionTrained, bool? HasDisciplinaryRecord, bool? ForceAllegation, bool? DiscriminationAllegation,
        string? DisciplinaryDetails);

public sealed record BackgroundInput(string? Status, string? Reason);

/// <summary>The letter's facts; <paramref name="SupervisingPosition"/> defaults to the field office's supervisory officer (8 U.S.C. § 1357(g)(5)).</summary>
public sealed record AuthorizeInput(string? CredentialNumber, string? SignatoryName, string? SignatoryTitle, string? SupervisingPosition = null);

public sealed record ReasonInput(string? Reason);

public sealed record SeparationInput(string? Kind, string? Reason, DateOnly? NoticeGivenOn = null, string? ShortNoticeReason = null);

public sealed record RecordsAuthorizationInput(DateOnly? SignedOn);

public sealed record ConditionInput(string? Kind, bool? Held, DateTime? From, string? Reason);

public sealed record ConditionView(string Kind, string Name, bool Held, DateTime From, string Reason, string ByName);



public sealed record LinkAccountInput(string? Email);

/// <summary>The officer's new account and its invitation's link, this once.</summary>
public sealed record OfficerInvitation(OfficerView Officer, AccountView Account, string Path, DateTime ExpiresAt, bool Emailed);

public sealed record NoticeInput(string? Note);

public sealed record NominationView(Guid Id, Guid AgreementId, string Model, DateTime NominatedAt, string Background, DateTime? BackgroundRequestedAt,
    DateTime? BackgroundDecidedAt, bool HasBackgroundReason, DateTime? EndedAt, string? EndReason, string Stage, long Version)
{
    public DateTime? RecordsAccessRequestedAt { get; init; }

    public DateOnly? RecordsAuthorizationSignedOn { get; init; }
}

public sealed record SuspensionView(DateTime From, DateTime? LiftedAt, string By, string Reason);

public sealed record AuthorizationView(Guid Id, Guid AgreementId, string Model, string LetterNumber, string CredentialNumber, string Signatory,
    DateTime StartsAt, DateTime? ExpiresAt, DateTime? RevokedAt, string? RevokedBy, string? RevocationReason, DateTime? CredentialsReturnedAt,
    IReadOnlyList<SuspensionView> Suspensions, long Version)
{
    /// <summary>The ICE position that supervises and directs the officer (8 U.S.C. § 1357(g)(5)).</summary>
    public string SupervisingPosition { get; init; } = "";
}


public sealed record EnrollmentSummary(Guid Id, Guid ClassId, string CourseCode, string CourseTitle, string Kind, DateOnly StartsOn, DateOnly EndsOn,
    string Status, decimal AttendanceHours, decimal CourseHours, int ExamsPassed, int ExamsTotal, string? EndReason);

/// <summary>A complaint allegation against the officer that could lead to discipline, a criminal investigation or a lawsuit: open until its finding.</summary>
public sealed record AllegationView(Guid ComplaintId, string TrackingNumber, DateTime OpenedAt, DateTime? FoundAt);

public sealed record OfficerEventView(string Kind, DateTime At, string Text, string ActorName, Guid? AgreementId)
{
    /// <summary>The page of what the event is about (an encounter), where there is one.</summary>
    public string? Link { get; init; }
}

public sealed record AgreementRef(Guid Id, string Model, string ModelName, string Status);

public sealed record OfficerView(
    Guid Id, Guid AgencyId, string AgencyName, string FullName, string BadgeNumber, string Rank, DateOnly HiredOn, decimal ExperienceYears,
    bool CitizenshipAttested, bool DetentionTrained, bool HasDisciplinaryRecord, bool ForceAllegation, bool DiscriminationAllegation,
        bool HasDisciplinaryDetails,
    bool HasAccount, DateTime? SeparatedAt, string? Separation, string? SeparationReason,
    IReadOnlyList<AgreementRef> Agreements, IReadOnlyList<NominationView> Nominations, IReadOnlyList<EnrollmentSummary> Enrollments,
    IReadOnlyList<CertificateView> Certificates, IReadOnlyList<AuthorizationView> Authorizations, IReadOnlyList<AllegationView> Allegations,
    IReadOnlyList<AuthorityAnswer> Authority, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<OfficerEventView> History, long Version)
{
    public IReadOnlyList<ConditionView> Conditions { get; init; } = [];

    public DateOnly? SeparationNoticeOn { get; init; }

    public string? SeparationShortNotice { get; init; }
}

/// <summary>One row of an agency's roster: the officer, their authority now under each agreement, what is missing, what is due next.</summary>
public sealed record RosterEntry(Guid Id, string FullName, string BadgeNumber, string Rank, bool Separated,
    IReadOnlyList<RosterAuthority> Authority, DateTime? NextDueAt, string? NextDue);

public sealed record RosterAuthority(Guid AgreementId, string Model, string Stage, bool Granted, IReadOnlyList<AuthorityReason> Missing);

public sealed record ImportRowResult(int Line, string? BadgeNumber, bool Ok, IReadOnlyDictionary<string, string[]> Errors);

public sealed record ImportReport(int Rows, int Imported, IReadOnlyList<ImportRowResult> Results);
