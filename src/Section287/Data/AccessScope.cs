using Section287.Features.Accounts;

namespace Section287.Data;

/// <summary>
/// What the current user may see and change. The context applies it to every query of agency-owned
/// records and to every save, so no page or endpoint can forget it.
/// </summary>
public sealed class AccessScope
{
    /// <summary>Set for agency users: only this agency's records.</summary>
    public Guid? AgencyId { get; private set; }

    /// <summary>Set for field supervisors: only agencies in this area of responsibility.</summary>
    public string? AorCode { get; private set; }

    /// <summary>No user: public endpoints only read public data, which carries no agency-owned records.</summary>
    public bool IsAnonymous { get; private set; }

    public bool ReadsEverything => AgencyId is null && AorCode is null && !IsAnonymous;

    /// <summary>Oversight reads everything but changes only its own work.</summary>
    public bool IsReadOnly { get; private set; }

    /// <summary>ICE's public affairs and privacy offices: no agency's records, only releases to approve (Features/Transparency).</summary>
    public bool ApprovesReleases { get; private set; }

    public static AccessScope System() => new();

    public static AccessScope Anonymous() => new() { IsAnonymous = true, IsReadOnly = true };

    public static AccessScope For(AppUser user) => For(user.Role, user.AgencyId, user.AorCode);

    /// <summary>A scoped role without its agency or area sees nothing (an empty id, an area no agency has).</summary>
    public static AccessScope For(Role role, Guid? agencyId, string? aorCode) => role switch
    {
        Role.ProgramOffice => new AccessScope(),
        Role.Oversight => new AccessScope { IsReadOnly = true },
        Role.FieldSupervisor => new AccessScope { AorCode = aorCode ?? "-" },
        Role.AgencyCoordinator or Role.DesignatedOfficer => new AccessScope { AgencyId = agencyId ?? Guid.Empty },
        Role.PublicAffairs or Role.PrivacyOffice => new AccessScope { AgencyId = Guid.Empty, ApprovesReleases = true },
    };

    public void Become(AccessScope other)
    {
        AgencyId = other.AgencyId;
        AorCode = other.AorCode;
        IsAnonymous = other.IsAnonymous;
        IsReadOnly = other.IsReadOnly;
        ApprovesReleases = other.ApprovesReleases;
    }
}

