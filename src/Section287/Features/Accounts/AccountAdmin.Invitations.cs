using System.Net.Mail;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Shared;

namespace Section287.Features.Accounts;

public sealed record InviteInput(string? Email, string? DisplayName, string? Role, Guid? AgencyId, string? AorCode);

public sealed record RoleInput(string? Role, Guid? AgencyId, string? AorCode);

/// <summary>The invitation's link is in <see cref="Path"/> this once (and e-mailed when a mail server is configured); only its hash is kept.</summary>
public sealed record InvitationIssued(AccountView Account, string Path, DateTime ExpiresAt, bool Emailed);

/// <summary>
/// Accounts made in the app (issue 21): an invitation creates the account without a password and sends a one-time link that sets it
/// (<see cref="PasswordLinks"/>); the program office invites and re-roles anyone (the first coordinator of an agency included), an
/// agency's coordinator only the agency's coordinators and designated officers (<see cref="AccountErrors.RoleBeyondYours"/>). A new
/// role rotates the security stamp, so it takes effect at the account's next request, as disabling does.
/// </summary>
public sealed partial class AccountAdmin
{
    /// <summary>The roles this reader may give: every role for the program office, the agency's two for a coordinator.</summary>
    public static IReadOnlyList<Role> RolesGivenBy(Role role) => role switch
    {
        Role.ProgramOffice => Enum.GetValues<Role>(),
        Role.AgencyCoordinator => [Role.AgencyCoordinator, Role.DesignatedOfficer],
        _ => [],
    };

    /// <summary>
    /// Invites a person: the account is made without a password, and a one-time link to set it goes by e-mail (and back to the inviter
    /// this once). <paramref name="alongside"/> runs in the same transaction with the new account (an officer record linked to it); a
    /// refusal there undoes the invitation.
    /// </summary>
    public async Task<Result<InvitationIssued>> InviteAsync(Actor actor, InviteInput input, CancellationToken ct,
        Func<AppUser, Task<Error?>>? alongside = null)
    {
        if (Scope(actor) is null) return AccountErrors.ManageRole.Refuse();
        var fields = new Dictionary<string, string[]>();
        var email = input.Email?.Trim() ?? "";
        var name = input.DisplayName?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.', StringComparison.Ordinal))
            fields["email"] = ["Give the person's work e-mail address."];
        if (name.Length is 0 or > 200) fields["displayName"] = ["Give the person's name as colleagues know it (up to 200 characters)."];
        var target = await TargetAsync(actor, input.Role, input.AgencyId, input.AorCode, ct);
        if (!target.IsSuccess && target.Error!.Kind != ErrorKind.Invalid) return target.Error;
        if (!target.IsSuccess) foreach (var (key, value) in target.Error!.Fields) fields[key] = value;
        if (fields.Count > 0) return Error.Invalid("account.invitation_invalid", "The invitation is not complete.", fields);
        if (await users.FindByEmailAsync(email) is not null) return AccountErrors.EmailTaken;

        var (role, agencyId, aor) = target.Value;
        // Made here rather than by UserManager.CreateAsync, which saves on its own: the account, its link and what goes alongside it
        // are one save, so one transaction, and a second invitation of the same address loses at the unique index, whole.
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = users.NormalizeName(email), Email = email,
            NormalizedEmail = users.NormalizeEmail(email), EmailConfirmed = false, DisplayName = name, Role = role, AgencyId = agencyId, AorCode = aor,
            SecurityStamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)), ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = users.Options.Lockout.AllowedForNewUsers,
        };
        change.For("user.invite", $"Invited {email} as {role.Title()}{Where(agencyId, aor)}");
        db.Users.Add(user);
        if (alongside is not null && await alongside(user) is { } refused)
        {
            db.ChangeTracker.Clear();
            return refused;
        }
        var (link, path) = await passwords.PrepareAsync(user, actor.Id.ToString(), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another invitation of the same address won the race to the unique index: nothing of this one is kept.
            db.ChangeTracker.Clear();
            return AccountErrors.EmailTaken;
        }
        var emailed = await passwords.MailAsync(user, path, link.ExpiresAt, invitation: true, ct);
        return new InvitationIssued(await ViewAsync(user, ct), path, link.ExpiresAt, emailed);
    }

    /// <summary>
    /// A new one-time link to set the password: the invitation again for an account that has not accepted it, a new password for one
    /// that has (forgotten). The older link ends; the account's sessions end when the new password is set, not before.
    /// </summary>
    public async Task<Result<InvitationIssued>> SendPasswordLinkAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var user = found.Value;
        if (user.DisabledAt is not null) return AccountErrors.LinkForDisabled.Refuse();
        var invitation = user.PasswordHash is null;
        change.For(invitation ? "user.invite_again" : "user.password_link",
            invitation ? $"Sent the invitation to {user.Email} again" : $"Sent {user.Email} a one-time link to set a new password");
        var (link, path) = await passwords.PrepareAsync(user, actor.Id.ToString(), ct);
        await db.SaveChangesAsync(ct);
        var emailed = await passwords.MailAsync(user, path, link.ExpiresAt, invitation, ct);
        return new InvitationIssued(await ViewAsync(user, ct), path, link.ExpiresAt, emailed);
    }

    /// <summary>Gives the account another role (and the agency or area the role needs); its sessions end, so the role applies at once.</summary>
    public async Task<Result<AccountView>> ChangeRoleAsync(Actor actor, Guid id, RoleInput input, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var user = found.Value;
        if (!RolesGivenBy(actor.Role).Contains(user.Role)) return AccountErrors.RoleBeyondYours.Refuse();
        var target = await TargetAsync(actor, input.Role, input.AgencyId, input.AorCode, ct);
        if (!target.IsSuccess) return target.Error!;
        var (role, agencyId, aor) = target.Value;
        if ((role, agencyId, aor) == (user.Role, user.AgencyId, user.AorCode))
            return Error.Invalid("account.role_unchanged", "The account has this role already.",
                new Dictionary<string, string[]> { ["role"] = ["Choose another role, agency or area."] });
        if (user.Role == Role.DesignatedOfficer && (role != Role.DesignatedOfficer || agencyId != user.AgencyId)
            && await db.Officers.IgnoreQueryFilters().AnyAsync(o => o.UserId == user.Id, ct))
            return AccountErrors.LinkedToOfficer.Refuse();
        change.For("user.role_change", $"{user.Email}: {user.Role.Title()}{Where(user.AgencyId, user.AorCode)} → {role.Title()}{Where(agencyId, aor)}");
        (user.Role, user.AgencyId, user.AorCode) = (role, agencyId, aor);
        return await SaveAsync(user, ct);
    }

    private static string Where(Guid? agencyId, string? aor) => agencyId is { } a ? $" (agency {a})" : aor is { } area ? $" ({area})" : "";

    /// <summary>
    /// The role and the scope it needs, as this reader may give them: an agency role belongs to an existing agency (a coordinator's own,
    /// whatever is asked), a field supervisor to an area of responsibility, every other role to neither.
    /// </summary>
    private async Task<Result<(Role Role, Guid? AgencyId, string? Aor)>> TargetAsync(Actor actor, string? roleCode, Guid? agencyId, string? aorCode,
        CancellationToken ct)
    {
        if (Roles.FromCode(roleCode) is not { } role)
            return Error.Invalid("account.role_invalid", "Choose a role.",
                new Dictionary<string, string[]> { ["role"] = [$"One of: {string.Join(", ", RolesGivenBy(actor.Role).Select(r => r.Code()))}."] });
        if (!RolesGivenBy(actor.Role).Contains(role)) return AccountErrors.RoleBeyondYours.Refuse();
        if (actor.Role == Role.AgencyCoordinator)
        {
            if (agencyId is { } asked && asked != actor.AgencyId) return AccountErrors.RoleBeyondYours.Refuse();
            return (role, actor.AgencyId, null);
        }
        if (role.IsAgencyScoped())
        {
            if (agencyId is not { } agency || !await db.Agencies.IgnoreQueryFilters().AnyAsync(a => a.Id == agency, ct))
                return Error.Invalid("account.scope_invalid", "Choose the agency.",
                    new Dictionary<string, string[]> { ["agencyId"] = ["An agency coordinator or designated officer belongs to an agency: choose it."] });
            return (role, agency, null);
        }
        if (role == Role.FieldSupervisor)
        {
            var area = aorCode?.Trim().ToUpperInvariant();
            if (area is null || !reference.FieldOffices.ContainsKey(area))
                return Error.Invalid("account.scope_invalid", "Choose the area of responsibility.",
                    new Dictionary<string, string[]> { ["aorCode"] = ["A field supervisor covers one area of responsibility (ATL, DAL, MIA, ...): choose it."] });
            return (role, null, area);
        }
        return (role, null, null);
    }
}
