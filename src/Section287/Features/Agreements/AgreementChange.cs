using Section287.Data;
using System.Text.Json;

namespace Section287.Features.Agreements;

public enum AgreementChangeKind
{
    Listed,
    Changed,
    Removed,
    Relisted,
    Suspended,
    Reinstated,
    TerminationNotice,
    Terminated,
    Expired,
    Drafted,
    SentForSignature,
    Signed,
    Activated,
    AmendmentDrafted,
    Amended,
    FirstReviewHeld,
    MeetingHeld,
    IceReviewHeld,
    EquipmentInstalled,
    CategoriesSet,
    PolicyOff,
    PolicyOn,
    SuspensionNotice,
    SuspensionExtended,
    OperationsStarted,
}

/// <summary>One entry of an agreement's history: what changed, on which list, and when it was recorded.</summary>
public sealed class AgreementChange : IOwnedThrough<Agreement>
{
    Guid IOwnedThrough<Agreement>.OwnerId => AgreementId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgreementId { get; init; }

    public AgreementChangeKind Kind { get; init; }

    /// <summary>The date the change took effect: the as-of date of the ICE list that showed it.</summary>
    public DateOnly EffectiveOn { get; init; }

    public DateTime RecordedAt { get; init; }

    public Guid? SnapshotId { get; init; }

    /// <summary>The changed fields as JSON: [{"field":"moaUrl","from":null,"to":"https://..."}].</summary>
    public string Details { get; init; } = "[]";

    public IReadOnlyList<FieldChange> ReadFields() =>
        JsonSerializer.Deserialize<List<FieldChange>>(Details, JsonOptions) ?? [];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public static AgreementChange Listed(Guid agreementId, Guid snapshotId, DateOnly asOf, DateTime utcNow, IceListFields fields) => new()
    {
        AgreementId = agreementId,
        Kind = AgreementChangeKind.Listed,
        EffectiveOn = asOf,
        RecordedAt = utcNow,
        SnapshotId = snapshotId,
        Details = JsonSerializer.Serialize(
            new List<FieldChange>
            {
                new("signedOn", null, fields.SignedOn?.ToString("yyyy-MM-dd")),
                new("moaUrl", null, fields.MoaUrl),
                new("addendumUrl", null, fields.AddendumUrl),
            }.Where(c => c.To is not null).ToList(),
            JsonOptions),
    };

    /// <summary>A change, from an ICE list (with its snapshot) or from a decision made here (without one).</summary>
    public static AgreementChange Changed(Guid agreementId, Guid? snapshotId, DateOnly asOf, DateTime utcNow, AgreementChangeKind kind,
        IReadOnlyList<FieldChange> changes) => new()
    {
        AgreementId = agreementId,
        Kind = kind,
        EffectiveOn = asOf,
        RecordedAt = utcNow,
        SnapshotId = snapshotId,
        Details = JsonSerializer.Serialize(changes, JsonOptions),
    };
}
