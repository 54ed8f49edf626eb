using Section287.Data;
using Section287.Features.Agencies;

namespace Section287.Features.Agreements;

/// <summary>How an agreement came to be known to the system.</summary>
public enum AgreementSource
{
    /// <summary>Read from ICE's published list of participating agencies.</summary>
    IceList,

    /// <summary>Drafted from an approved application in this system.</summary>
    Application,
}

/// <summary>
/// A 287(g) Memorandum of Agreement between ICE and one agency, for one model. An agency can hold
/// several, one per model. Agreements from ICE's list arrive active with their source recorded.
/// </summary>
public sealed class Agreement : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Agency Agency { get; init; } = null!;

    public AgreementModel Model { get; init; }

    public AgreementStatus Status { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public string? MoaUrl { get; private set; }

    public string? AddendumUrl { get; private set; }

    public AgreementSource Source { get; init; }

    /// <summary>The as-of date of the first ICE list that carried this agreement.</summary>
    public DateOnly? FirstListedOn { get; init; }

    /// <summary>The as-of date of the newest ICE list that carried this agreement.</summary>
    public DateOnly? LastListedOn { get; private set; }

    /// <summary>The as-of date of the ICE list that first no longer carried it.</summary>
    public DateOnly? RemovedOn { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public List<AgreementChange> History { get; init; } = [];

    public static Agreement FromIceList(Agency agency, AgreementModel model, IceListFields fields, DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        var agreement = new Agreement
        {
            AgencyId = agency.Id,
            Agency = agency,
            Model = model,
            Status = AgreementStatus.Active,
            Source = AgreementSource.IceList,
            SignedOn = fields.SignedOn,
            MoaUrl = fields.MoaUrl,
            AddendumUrl = fields.AddendumUrl,
            FirstListedOn = asOf,
            LastListedOn = asOf,
        };
        agreement.History.Add(AgreementChange.Listed(agreement.Id, snapshotId, asOf, utcNow, fields));
        return agreement;
    }

    /// <summary>
    /// Brings an imported agreement in line with a newer ICE list. Returns the fields that changed,
    /// each recorded in the agreement's history; an empty list means the list said nothing new.
    /// </summary>
    public IReadOnlyList<FieldChange> ReconcileWithIceList(IceListFields fields, DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        var changes = new List<FieldChange>();
        if (SignedOn != fields.SignedOn) changes.Add(new("signedOn", SignedOn?.ToString("yyyy-MM-dd"), fields.SignedOn?.ToString("yyyy-MM-dd")));
        if (MoaUrl != fields.MoaUrl) changes.Add(new("moaUrl", MoaUrl, fields.MoaUrl));
        if (AddendumUrl != fields.AddendumUrl) changes.Add(new("addendumUrl", AddendumUrl, fields.AddendumUrl));
        var relisted = Status == AgreementStatus.Removed;
        if (relisted) changes.Add(new("status", Status.Code(), AgreementStatus.Active.Code()));

        if (LastListedOn is null || asOf > LastListedOn) LastListedOn = asOf;
        if (changes.Count == 0) return changes;

        SignedOn = fields.SignedOn;
        MoaUrl = fields.MoaUrl;
        AddendumUrl = fields.AddendumUrl;
        if (relisted)
        {
            Status = AgreementStatus.Active;
            RemovedOn = null;
        }

        History.Add(AgreementChange.Changed(Id, snapshotId, asOf, utcNow, relisted ? AgreementChangeKind.Relisted : AgreementChangeKind.Changed, changes));
        return changes;
    }

    /// <summary>A newer ICE list no longer carries this agreement: it is marked, never deleted.</summary>
    public bool MarkRemovedFromIceList(DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        if (Source != AgreementSource.IceList || Status != AgreementStatus.Active) return false;
        Status = AgreementStatus.Removed;
        RemovedOn = asOf;
        History.Add(AgreementChange.Changed(Id, snapshotId, asOf, utcNow, AgreementChangeKind.Removed,
            [new("status", AgreementStatus.Active.Code(), AgreementStatus.Removed.Code())]));
        return true;
    }
}

/// <summary>What ICE's list says about one agreement.</summary>
public sealed record IceListFields(DateOnly? SignedOn, string? MoaUrl, string? AddendumUrl);

public sealed record FieldChange(string Field, string? From, string? To);
