using Section287.Common;
using Section287.Data;

namespace Section287.Features.Officers;

public enum SeparationKind
{
    /// <summary>Left the agency (resigned, retired, dismissed).</summary>
    Left,

    /// <summary>Still with the agency, but no longer on 287(g) duty.</summary>
    Reassigned,
}

/// <summary>
/// An officer on an agency's roster. What they may do is never stored here: <see cref="AuthorityRules"/> computes it. Their work
/// identity is never public; a disciplinary history is person data, encrypted and read only through a logged request.
/// </summary>
public sealed class Officer : RaisesEvents, IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public string FullName { get; private set; } = "";

    public string BadgeNumber { get; private set; } = "";

    public string Rank { get; private set; } = "";

    public DateOnly HiredOn { get; private set; }

    /// <summary>Years of law enforcement experience, in any agency, as the agency attests.</summary>
    public decimal ExperienceYears { get; private set; }

    public bool CitizenshipAttested { get; private set; }

    /// <summary>Trained in keeping the agency's detention facility secure (the jail and warrant service MOAs ask it).</summary>
    public bool DetentionTrained { get; private set; }

    public bool HasDisciplinaryRecord { get; private set; }

    public bool ForceAllegation { get; private set; }

    public bool DiscriminationAllegation { get; private set; }

    /// <summary>The disclosed history in the agency's words, encrypted (<see cref="PersonData"/>); null when nothing was disclosed.</summary>
    public string? DisciplinaryDetailsProtected { get; private set; }

    /// <summary>The designated officer's own account, when the agency links one: the officer then sees their status.</summary>
    public Guid? UserId { get; private set; }

    public DateTime? SeparatedAt { get; private set; }

    public SeparationKind? Separation { get; private set; }

    public string? SeparationReason { get; private set; }

    /// <summary>The day the agency told ICE the officer would stop participating (warrant service: 90 days ahead where practicable).</summary>
    public DateOnly? SeparationNoticeOn { get; private set; }

    /// <summary>Why 90 days' notice was not practicable, when it was shorter (warrant service).</summary>
    public string? SeparationShortNotice { get; private set; }

    public const int WarrantServiceNoticeDays = 90;

    /// <summary>Only the warrant service text asks 90 days' notice when an officer stops participating (section IV.D).</summary>
    public static bool NoticeBeforeLeaving(Agreements.AgreementModel model) => model == Agreements.AgreementModel.WarrantService;

    public static readonly Rule SeparationNotice = new("officer.separation_notice",
        "Under the warrant service model the agency tells ICE 90 days before an officer stops participating, where practicable: a separation sooner than 90 days after the notice says why more notice was not practicable.",
        $"{Encounters.RuleBook.WarrantServiceMoa}, section IV.D: \"The LEA will make every attempt, where practicable, to provide ICE with a 90 day notice if participating LEA personnel cease their participation in the program\"");

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public bool IsSeparated(DateTime at) => SeparatedAt is { } s && s <= at;

    public static Officer Create(Guid agencyId, OfficerFacts facts, string? disciplinaryDetailsProtected) => new()
    {
        AgencyId = agencyId,
        FullName = facts.FullName.Trim(),
        BadgeNumber = facts.BadgeNumber.Trim(),
        Rank = facts.Rank.Trim(),
        HiredOn = facts.HiredOn,
        ExperienceYears = facts.ExperienceYears,
        CitizenshipAttested = facts.CitizenshipAttested,
        DetentionTrained = facts.DetentionTrained,
        HasDisciplinaryRecord = facts.HasDisciplinaryRecord,
        ForceAllegation = facts.ForceAllegation,
        DiscriminationAllegation = facts.DiscriminationAllegation,
        DisciplinaryDetailsProtected = disciplinaryDetailsProtected,
    };

    /// <summary>A nomination under a second agreement brings the agency's newest attestation of the same officer.</summary>
    public void Update(OfficerFacts facts, string? disciplinaryDetailsProtected)
    {
        Rank = facts.Rank.Trim();
        ExperienceYears = facts.ExperienceYears;
        CitizenshipAttested = facts.CitizenshipAttested;
        DetentionTrained = facts.DetentionTrained;
        HasDisciplinaryRecord = facts.HasDisciplinaryRecord;
        ForceAllegation = facts.ForceAllegation;
        DiscriminationAllegation = facts.DiscriminationAllegation;
        if (disciplinaryDetailsProtected is not null) DisciplinaryDetailsProtected = disciplinaryDetailsProtected;
    }

    public void LinkAccount(Guid? userId) => UserId = userId;

    /// <summary>The officer leaves the program: every authority ends at this instant.</summary>
    public Error? Separate(SeparationKind kind, string? reason, DateTime utcNow, bool warrantService = false, DateOnly? noticeOn = null,
        string? shortNotice = null, DateOnly? today = null)
    {
        if (SeparatedAt is not null) return OfficerErrors.AlreadySeparated;
        if (string.IsNullOrWhiteSpace(reason)) return OfficerErrors.ReasonRequired;
        var day = today ?? DateOnly.FromDateTime(utcNow);
        if (noticeOn > day)
            return Error.Invalid("officer.notice_in_future", "The notice to ICE is recorded once given.",
                new Dictionary<string, string[]> { ["noticeGivenOn"] = ["Give a day no later than today."] });
        if (warrantService && (noticeOn is not { } given || given.AddDays(WarrantServiceNoticeDays) > day) && string.IsNullOrWhiteSpace(shortNotice))
            return SeparationNotice.Refuse(noticeOn is { } n ? $"ICE was told on {n:yyyy-MM-dd}, {day.DayNumber - n.DayNumber} days ago." : "No notice to ICE is recorded.")
                with { Fields = new Dictionary<string, string[]> { ["shortNoticeReason"] = ["Say why 90 days' notice was not practicable."] } };
        SeparationNoticeOn = noticeOn;
        SeparationShortNotice = string.IsNullOrWhiteSpace(shortNotice) ? null : shortNotice.Trim();
        SeparatedAt = utcNow;
        Separation = kind;
        SeparationReason = reason.Trim();
        Raise(new OfficerStandingChanged(Id));
        return null;
    }
}

/// <summary>A fact the officer's authority depends on changed (a letter, a suspension, a certificate, a condition, a separation).</summary>
public sealed record OfficerStandingChanged(Guid OfficerId) : IDomainEvent;

/// <summary>What the agency states about an officer when it nominates them.</summary>
public sealed record OfficerFacts(
    string FullName, string BadgeNumber, string Rank, DateOnly HiredOn, decimal ExperienceYears,
    bool CitizenshipAttested, bool DetentionTrained, bool HasDisciplinaryRecord, bool ForceAllegation, bool DiscriminationAllegation,
        string? DisciplinaryDetails);
