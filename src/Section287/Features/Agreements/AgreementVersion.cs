using System.Text.Json;
using Section287.Data;

namespace Section287.Features.Agreements;

public enum VersionStatus
{
    /// <summary>Being prepared by ICE; not yet sent for signature.</summary>
    Draft,
    PendingSignature,

    /// <summary>Signed by both parties and the text now in force.</summary>
    InForce,

    /// <summary>Was in force; a later signed amendment replaced it. Still readable.</summary>
    Superseded,
}

/// <summary>A change an amendment makes to one section: its text before and after.</summary>
public sealed record SectionChange(string Key, string Title, string? From, string To);

/// <summary>
/// One version of an agreement's text. The first is drafted from an approved application; each amendment
/// is a new version, never an edit of a signed one. Each records who signed for each party and when.
/// </summary>
public sealed class AgreementVersion : IAgencyOwned, IVersioned, ITimestamped
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgreementId { get; init; }

    public Guid AgencyId { get; init; }

    /// <summary>1 for the original text, then 2, 3, ... for each amendment.</summary>
    public int Number { get; init; }

    public VersionStatus Status { get; private set; }

    /// <summary>Why this version exists: "Original agreement" or the amendment's purpose.</summary>
    public string Summary { get; init; } = "";

    /// <summary>The full text as JSON sections. For an agreement imported from ICE's list, an amendment holds only the sections it changes: the rest is ICE's signed MOA.</summary>
    public string SectionsJson { get; private set; } = "[]";

    /// <summary>What this version changed from the one before, as JSON; empty for the original.</summary>
    public string ChangesJson { get; init; } = "[]";

    public Guid CreatedById { get; init; }

    public string CreatedByName { get; init; } = "";

    public string? AgencySignatoryName { get; private set; }

    public string? AgencySignatoryTitle { get; private set; }

    public Guid? AgencySignatureRecordedById { get; private set; }

    public DateTime? AgencySignedAt { get; private set; }

    public string? IceSignatoryName { get; private set; }

    public string? IceSignatoryTitle { get; private set; }

    public Guid? IceSignedById { get; private set; }

    public DateTime? IceSignedAt { get; private set; }

    public DateOnly? EffectiveOn { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public IReadOnlyList<AgreementSection> Sections() => JsonSerializer.Deserialize<List<AgreementSection>>(SectionsJson, Json) ?? [];

    public IReadOnlyList<SectionChange> Changes() => JsonSerializer.Deserialize<List<SectionChange>>(ChangesJson, Json) ?? [];

    public bool IsFullySigned => AgencySignedAt is not null && IceSignedAt is not null;

    public static AgreementVersion Original(Agreement agreement, IReadOnlyList<AgreementSection> sections, Guid createdById, string createdByName) => new()
    {
        AgreementId = agreement.Id,
        AgencyId = agreement.AgencyId,
        Number = 1,
        Status = VersionStatus.Draft,
        Summary = "Original agreement",
        SectionsJson = JsonSerializer.Serialize(sections, Json),
        CreatedById = createdById,
        CreatedByName = createdByName,
    };

    public static AgreementVersion Amendment(Agreement agreement, int number, string summary, IReadOnlyList<AgreementSection> sections,
        IReadOnlyList<SectionChange> changes, Guid createdById, string createdByName) => new()
    {
        AgreementId = agreement.Id,
        AgencyId = agreement.AgencyId,
        Number = number,
        Status = VersionStatus.PendingSignature,
        Summary = summary,
        SectionsJson = JsonSerializer.Serialize(sections, Json),
        ChangesJson = JsonSerializer.Serialize(changes, Json),
        CreatedById = createdById,
        CreatedByName = createdByName,
    };

    public void ReplaceDraftSections(IReadOnlyList<AgreementSection> sections) => SectionsJson = JsonSerializer.Serialize(sections, Json);

    public void SendForSignature() => Status = VersionStatus.PendingSignature;

    public void SignForAgency(string name, string title, Guid recordedById, DateTime utcNow)
    {
        AgencySignatoryName = name;
        AgencySignatoryTitle = title;
        AgencySignatureRecordedById = recordedById;
        AgencySignedAt = utcNow;
    }

    public void SignForIce(string name, string title, Guid userId, DateTime utcNow)
    {
        IceSignatoryName = name;
        IceSignatoryTitle = title;
        IceSignedById = userId;
        IceSignedAt = utcNow;
    }

    public void ComeIntoForce(DateOnly effectiveOn)
    {
        Status = VersionStatus.InForce;
        EffectiveOn = effectiveOn;
    }

    public void Supersede() => Status = VersionStatus.Superseded;
}

public static class VersionStatuses
{
}
