using Section287.Common;
using Section287.Data;

namespace Section287.Features.Encounters;

/// <summary>
/// A critical incident: something the rules forbid that happened anyway, put on the program office's and the agency's
/// queues until someone closes it with what was done. Today one kind: a person held on a detainer past 48 hours.
/// </summary>
public sealed class Incident : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid EncounterId { get; init; }

    /// <summary>"overdetention".</summary>
    public string Kind { get; init; } = "";

    /// <summary>When the breach began (for an overdetention, 48 hours after the scheduled release).</summary>
    public DateTime OccurredAt { get; init; }

    public DateTime DetectedAt { get; init; }

    public string Description { get; init; } = "";

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedByName { get; private set; }

    public string? Resolution { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public Error? Close(string? resolution, string byName, DateTime now)
    {
        if (ClosedAt is not null) return RuleBook.IncidentClosed;
        if (string.IsNullOrWhiteSpace(resolution))
            return Error.Invalid("incident.resolution_required", "Say what was done.",
                new Dictionary<string, string[]> { ["resolution"] = ["Say what was done: release, transfer, referral, corrective action."] });
        ClosedAt = now;
        ClosedByName = byName;
        Resolution = resolution.Trim();
        return null;
    }
}
