using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

/// <summary>ICE's background investigation of a nominee (PRODUCT.md, Lifecycles: Officer).</summary>
public enum BackgroundStatus
{
    NotRequested,
    Requested,
    InProgress,
    Favorable,
    Unfavorable,
}

/// <summary>
/// An officer put forward by the agency under one agreement, and ICE's vetting of them. Training, certification
/// and authorization follow in their own records; an unfavorable background, a disqualification in training, a
/// withdrawal or a separation ends the nomination.
/// </summary>
public sealed class Nomination : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    public Guid OfficerId { get; init; }

    public AgreementModel Model { get; init; }

    public DateTime NominatedAt { get; init; }

    public Guid NominatedById { get; init; }

    public BackgroundStatus Background { get; private set; }

    public DateTime? BackgroundRequestedAt { get; private set; }

    public DateTime? BackgroundDecidedAt { get; private set; }

    /// <summary>Why the background was unfavorable, encrypted (<see cref="PersonData"/>).</summary>
    public string? BackgroundReasonProtected { get; private set; }

    /// <summary>When ICE asked for the warrant service candidate's written authorization to read their disciplinary records (MOA, warrant service 2025, section IV.B).</summary>
    public DateTime? RecordsAccessRequestedAt { get; private set; }

    /// <summary>The day the candidate signed that authorization, as the agency recorded it.</summary>
    public DateOnly? RecordsAuthorizationSignedOn { get; private set; }

    public DateTime? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public bool IsOpen => EndedAt is null;

    public bool IsFavorableAt(DateTime at) => Background == BackgroundStatus.Favorable && BackgroundDecidedAt <= at;

    public static Nomination Of(Officer officer, Agreement agreement, Guid byId, DateTime utcNow) => new()
    {
        AgencyId = officer.AgencyId,
        AgreementId = agreement.Id,
        OfficerId = officer.Id,
        Model = agreement.Model,
        NominatedAt = utcNow,
        NominatedById = byId,
        Background = BackgroundStatus.NotRequested,
    };

    /// <summary>ICE moves the investigation on: requested, in progress, then favorable or unfavorable (with a reason).</summary>
    public Error? RecordBackground(BackgroundStatus to, string? reasonProtected, bool reasonGiven, DateTime utcNow)
    {
        if (!IsOpen) return OfficerErrors.NominationEnded(EndReason);
        var allowed = Background switch
        {
            BackgroundStatus.NotRequested => to is BackgroundStatus.Requested,
            BackgroundStatus.Requested => to is BackgroundStatus.InProgress or BackgroundStatus.Favorable or BackgroundStatus.Unfavorable,
            BackgroundStatus.InProgress => to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable,
            BackgroundStatus.Favorable or BackgroundStatus.Unfavorable => false,
        };
        if (!allowed) return OfficerErrors.BackgroundCannotMove(Background, to);
        if (to == BackgroundStatus.Unfavorable && !reasonGiven) return OfficerErrors.ReasonRequired;
        if (to == BackgroundStatus.Favorable && RecordsAuthorizationOutstanding) return RecordsAuthorizationRequired;
        Background = to;
        if (to == BackgroundStatus.Requested) BackgroundRequestedAt = utcNow;
        if (to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable) BackgroundDecidedAt = utcNow;
        if (to == BackgroundStatus.Unfavorable)
        {
            BackgroundReasonProtected = reasonProtected;
            End("Background investigation unfavorable", utcNow);
        }
        return null;
    }

    /// <summary>A request of ICE's waiting for the candidate's written authorization.</summary>
    public bool RecordsAuthorizationOutstanding => RecordsAccessRequestedAt is not null && RecordsAuthorizationSignedOn is null;

    public static readonly Rule RecordsAuthorizationNotInModel = new("nomination.records_authorization_not_in_model",
        "Only the warrant service agreement has ICE ask for a candidate's written authorization to read their disciplinary records.",
        $"{Encounters.RuleBook.WarrantServiceMoa}, section IV.B: \"Upon request by ICE, the LEA will provide continuous access to disciplinary records of all candidates along with a written authorization by the candidate\"; the jail and task force texts have no such clause");

    public static readonly Rule RecordsAuthorizationRequired = new("nomination.records_authorization_required",
        "While ICE's request for a warrant service candidate's written authorization to read their disciplinary records is unanswered, the background investigation is not found favorable.",
        Rule.PolicyReason($"{Encounters.RuleBook.WarrantServiceMoa}, section IV.B, obliges the agency to provide the authorization upon ICE's request; we hold the favorable finding until it is recorded, so that ICE's vetting rests on the records it asked for"),
        Basis: RuleBasis.Policy);

    public static readonly Rule RecordsAuthorizationNotRequested = new("nomination.records_authorization_not_requested",
        "ICE has not asked for this candidate's written authorization, or it was already recorded.",
        Rule.PolicyReason("the authorization answers ICE's request, once"), Basis: RuleBasis.Policy);

    /// <summary>Only the warrant service text has ICE ask for the candidate's written authorization (section IV.B).</summary>
    public static bool AsksRecordsAuthorization(AgreementModel model) => model == AgreementModel.WarrantService;

    /// <summary>ICE asks for the candidate's written authorization (warrant service only).</summary>
    public Error? RequestRecordsAccess(DateTime utcNow)
    {
        if (!IsOpen) return OfficerErrors.NominationEnded(EndReason);
        if (!AsksRecordsAuthorization(Model)) return RecordsAuthorizationNotInModel;
        if (RecordsAuthorizationOutstanding) return RecordsAuthorizationNotRequested.RefuseAs("ICE's request is already waiting for the candidate's authorization.");
        RecordsAccessRequestedAt = utcNow;
        RecordsAuthorizationSignedOn = null;
        return null;
    }

    /// <summary>The agency records the day the candidate signed the authorization.</summary>
    public Error? RecordRecordsAuthorization(DateOnly? signedOn, DateOnly today)
    {
        if (!IsOpen) return OfficerErrors.NominationEnded(EndReason);
        if (!RecordsAuthorizationOutstanding) return RecordsAuthorizationNotRequested;
        if (signedOn is not { } day || day > today)
            return Error.Invalid("nomination.records_authorization_invalid", "Give the day the candidate signed the authorization.",
                new Dictionary<string, string[]> { ["signedOn"] = ["Give the day the candidate signed, no later than today."] });
        RecordsAuthorizationSignedOn = day;
        return null;
    }

    public void End(string reason, DateTime utcNow)
    {
        if (EndedAt is not null) return;
        EndedAt = utcNow;
        EndReason = reason;
    }
}

public static class BackgroundStatuses
{

    public static BackgroundStatus? FromCode(string? code) =>
        Enum.GetValues<BackgroundStatus>().Cast<BackgroundStatus?>().FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(),
            StringComparison.OrdinalIgnoreCase));
}
