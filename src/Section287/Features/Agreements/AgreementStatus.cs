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
    public static string Code(this AgreementStatus status) => status switch
    {
        AgreementStatus.Draft => "draft",
        AgreementStatus.PendingSignature => "pending_signature",
        AgreementStatus.Active => "active",
        AgreementStatus.Suspended => "suspended",
        AgreementStatus.Terminated => "terminated",
        AgreementStatus.Expired => "expired",
        AgreementStatus.Removed => "removed",
    };

    public static AgreementStatus? FromCode(string? code) =>
        Enum.GetValues<AgreementStatus>().Cast<AgreementStatus?>()
            .FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
