using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Agencies;

/// <summary>
/// ICE's published list of pending applications says this agency asked for this model.
/// Kept apart from the Application of a later issue: it is what ICE published, not a filing made here.
/// </summary>
public sealed class PendingListing : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public AgreementModel Model { get; init; }

    public DateOnly FirstListedOn { get; init; }

    public DateOnly LastListedOn { get; set; }

    /// <summary>The as-of date of the pending list that first no longer carried it.</summary>
    public DateOnly? RemovedOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
