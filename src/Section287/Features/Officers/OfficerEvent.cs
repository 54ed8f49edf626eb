using Section287.Data;

namespace Section287.Features.Officers;

/// <summary>
/// One line of an officer's history as the officer, the agency and ICE read it: nominated, vetted, trained,
/// certified, authorized, authority lost or restored, separated. Derived bookkeeping beside the audit trail, which
/// holds the records' own changes.
/// </summary>
public sealed class OfficerEvent : IAgencyOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public Guid? AgreementId { get; init; }

    /// <summary>A stable code: "nominated", "background.favorable", "exam.failed", "certified", "authority.lost", ...</summary>
    public string Kind { get; init; } = "";

    public DateTime At { get; init; }

    public string Text { get; init; } = "";

    public string ActorName { get; init; } = "";

    public static OfficerEvent Of(Guid agencyId, Guid officerId, Guid? agreementId, string kind, string text, string actor, DateTime at) => new()
    {
        AgencyId = agencyId, OfficerId = officerId, AgreementId = agreementId, Kind = kind, Text = text, ActorName = actor, At = at,
    };
}

/// <summary>
/// The last authority answer the watch recorded for an officer under an agreement. Authority itself is always computed;
/// this record exists so that a change — a refresher lapsing, an agreement suspended — is noticed once, written to the
/// audit trail, told to the officer's supervisors, and given its 48-hour notice deadline, without anyone acting.
/// </summary>
public sealed class AuthorityState : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public Guid AgreementId { get; init; }

    public bool Granted { get; set; }

    /// <summary>The reason codes when not granted, comma-separated.</summary>
    public string Reasons { get; set; } = "";

    /// <summary>When the watch saw the present answer first.</summary>
    public DateTime ChangedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }
}
