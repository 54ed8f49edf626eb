using Microsoft.AspNetCore.Identity;

namespace Section287.Features.Accounts;

/// <summary>A person who signs in. One role, and the scope that role is limited to.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public Role Role { get; set; }

    /// <summary>The agency a coordinator or designated officer belongs to.</summary>
    public Guid? AgencyId { get; set; }

    /// <summary>The area of responsibility a field supervisor covers.</summary>
    public string? AorCode { get; set; }

    /// <summary>Made by the Development seed; the app refuses to start elsewhere while any exists.</summary>
    public bool IsDemo { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when an account is disabled: it cannot sign in, and its sessions and tokens end on their next request.</summary>
    public DateTime? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    /// <summary>
    /// The last time step (RFC 6238, 30 s) whose authenticator code was accepted: a code is accepted once, and never one of an
    /// earlier step (RFC 6238, section 5.2). Written by <see cref="OnceOnlyAuthenticatorTokenProvider"/> in one conditional update.
    /// </summary>
    public long? LastTotpStep { get; set; }
}
