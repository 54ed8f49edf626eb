using Section287.Data;

namespace Section287.Features.Agencies;

/// <summary>
/// A point of contact of an agency for its agreements (MOA section "Points of contact"). Not public:
/// the agency, ICE and oversight see it; no other agency does.
/// </summary>
public sealed class AgencyContact : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public string Name { get; set; } = "";

    public string Title { get; set; } = "";

    public string Email { get; set; } = "";

    public string? Phone { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }
}
