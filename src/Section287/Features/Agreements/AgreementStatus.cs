namespace Section287.Features.Agreements;

/// <summary>Where an agreement stands (PRODUCT.md, "Lifecycles").</summary>
public enum AgreementStatus
{
    Draft,
    PendingSignature,
    Active,
    Suspended,
    Terminated,
    Expired,

    /// <summary>
    /// Imported from ICE's list and missing from a newer one. ICE does not say why, so this is not
    /// "terminated": the record stays, with the snapshot date that no longer listed it.
    /// </summary>
    Removed,
}

public static class AgreementStatuses
{

    /// <summary>Where an agreement may go from each status. Exhaustive: a new status without a row fails the build.</summary>
    public static AgreementStatus[] Next(this AgreementStatus from) => from switch
    {
        AgreementStatus.Draft => [AgreementStatus.PendingSignature],
        AgreementStatus.PendingSignature => [AgreementStatus.Active, AgreementStatus.Draft],
        AgreementStatus.Active => [AgreementStatus.Suspended, AgreementStatus.Terminated, AgreementStatus.Expired, AgreementStatus.Removed],
        AgreementStatus.Suspended => [AgreementStatus.Active, AgreementStatus.Terminated, AgreementStatus.Expired],
        AgreementStatus.Terminated => [],
        AgreementStatus.Expired => [],
        // ICE no longer lists it: a later list may carry it again, and ICE may still record how it ended.
        AgreementStatus.Removed => [AgreementStatus.Active, AgreementStatus.Terminated],
    };

    public static bool CanMoveTo(this AgreementStatus from, AgreementStatus to) => from.Next().Contains(to);

    public static AgreementStatus? FromCode(string? code) =>
        Enum.GetValues<AgreementStatus>().Cast<AgreementStatus?>()
            .FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>An agreement moved from one status to another; officers' authority under it follows (<c>AuthorityWatch</c>).</summary>
public sealed record AgreementStatusChanged(Guid AgreementId, AgreementStatus From, AgreementStatus To) : Common.IDomainEvent;
