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

    public void End(string reason, DateTime utcNow)
    {
        if (EndedAt is not null) return;
        EndedAt = utcNow;
        EndReason = reason;
    }
}

public static class BackgroundStatuses
{
    public static string Code(this BackgroundStatus status) => status switch
    {
        BackgroundStatus.NotRequested => "not_requested",
        BackgroundStatus.Requested => "requested",
        BackgroundStatus.InProgress => "in_progress",
        BackgroundStatus.Favorable => "favorable",
        BackgroundStatus.Unfavorable => "unfavorable",
    };

    public static BackgroundStatus? FromCode(string? code) =>
        Enum.GetValues<BackgroundStatus>().Cast<BackgroundStatus?>().FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
