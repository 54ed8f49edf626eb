using Section287.Features.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

public sealed record AccountListItem(Guid Id, string Email, string DisplayName, string Role, Guid? AgencyId, string? AgencyName, string? Aor,
    bool Disabled, bool TwoFactor, bool Invited = false);

/// <summary>An account; <paramref name="Invited"/> while its owner has not yet set a password through the invitation.</summary>
public sealed record AccountView(Guid Id, string Email, string DisplayName, string Role, Guid? AgencyId, string? AgencyName, string? Aor,
    DateTime CreatedAt, DateTime? DisabledAt, string? DisabledReason, DateTime? LockedUntil, bool TwoFactor, bool Invited = false);

public sealed record DisableInput(string? Reason);

/// <summary>The link is in <see cref="Path"/> this once; only its hash is kept.</summary>
public sealed record SecondFactorLinkIssued(AccountView Account, string Path, DateTime ExpiresAt, bool Emailed);

public sealed record ChangePasswordInput(string? CurrentPassword, string? NewPassword);

/// <summary>
/// Who manages accounts (<see cref="AccountErrors.ManageRole"/>): the program office every account, an agency's coordinator the
/// agency's coordinators and officers. Disabling and ending sessions rotate the security stamp, so access ends on the next request.
/// </summary>
public sealed partial class AccountAdmin(AppDbContext db, UserManager<AppUser> users, ChangeContext change, TimeProvider clock, SecondFactorLinks links,
    PasswordLinks passwords, Data.Reference.ReferenceData reference)
{
    /// <summary>The orders the accounts list sorts by (its column headers).</summary>
    public static readonly string[] ListOrders = ["account", "role", "agency"];

    public async Task<Result<Page<AccountListItem>>> ListAsync(Actor actor, string? role, string? q, int? page, int? pageSize, CancellationToken ct,
        string order = "account", bool descending = false)
    {
        if (Scope(actor) is not { } scope) return AccountErrors.ManageRole.Refuse();
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        if (role is not null && Roles.FromCode(role) is null)
            return Error.Invalid("account.role_invalid", "Choose a role.", new Dictionary<string, string[]> { ["role"] = [$"One of: {string.Join(", ", Enum.GetValues<Role>().Select(r => r.Code()))}."] });
        var query = scope;
        if (Roles.FromCode(role) is { } r) query = query.Where(u => u.Role == r);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(key) || u.DisplayName.ToUpper().Contains(key));
        }
        var joined = from u in query
                     join a in db.Agencies.IgnoreQueryFilters() on u.AgencyId equals a.Id into agencies
                     from a in agencies.DefaultIfEmpty()
                     select new { u.Id, u.Email, u.NormalizedEmail, u.DisplayName, u.Role, u.AgencyId, AgencyName = a == null ? null : a.Name, u.AorCode, u.DisabledAt,
                         u.TwoFactorEnabled, Invited = u.PasswordHash == null };
        var ordered = order switch
        {
            "role" => joined.SortBy(x => x.Role, descending).ThenBy(x => x.NormalizedEmail),
            "agency" => joined.SortBy(x => x.AgencyName ?? x.AorCode, descending).ThenBy(x => x.NormalizedEmail),
            _ => joined.SortBy(x => x.NormalizedEmail, descending),
        };
        var rows = await ordered.ThenBy(x => x.Id).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<AccountListItem>(rows.Items.Select(x => new AccountListItem(x.Id, x.Email ?? "", x.DisplayName, x.Role.Code(), x.AgencyId, x.AgencyName,
            x.AorCode, x.DisabledAt is not null, x.TwoFactorEnabled, x.Invited)).ToList(), rows.PageNumber, rows.PageSize, rows.Total);
    }

    public async Task<Result<AccountView>> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (Scope(actor) is not { } scope) return AccountErrors.ManageRole.Refuse();
        var user = await scope.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? AccountErrors.AccountNotFound : await ViewAsync(user, ct);
    }

    public async Task<Result<AccountView>> DisableAsync(Actor actor, Guid id, DisableInput input, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var user = found.Value;
        if (user.DisabledAt is not null) return AccountErrors.AlreadyDisabled.Refuse();
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500) return AccountErrors.ReasonRequired;
        user.DisabledAt = clock.GetUtcNow().UtcDateTime;
        user.DisabledReason = reason;
        await links.EndOpenAsync(user.Id, ct);
        change.For("user.disable", $"Disabled {user.Email}: {reason}");
        return await SaveAsync(user, ct);
    }

    public async Task<Result<AccountView>> EnableAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var user = found.Value;
        if (user.DisabledAt is null) return AccountErrors.NotDisabled.Refuse();
        user.DisabledAt = null;
        user.DisabledReason = null;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        change.For("user.enable", $"Enabled {user.Email}");
        return await SaveAsync(user, ct);
    }

    /// <summary>Ends every session and token of the account (a lost phone, a shared password) without disabling it.</summary>
    public async Task<Result<AccountView>> EndSessionsAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        change.For("user.end_sessions", $"Ended every session of {found.Value.Email}");
        return await SaveAsync(found.Value, ct);
    }

    /// <summary>
    /// A one-time link to set up the account's second factor, e-mailed when a mail server is configured and returned to the issuer
    /// once. An account that has a second factor loses it (a lost phone) and every session ends.
    /// </summary>
    public async Task<Result<SecondFactorLinkIssued>> IssueSecondFactorLinkAsync(Actor actor, Guid id, CancellationToken ct)
    {
        var found = await FindToChangeAsync(actor, id, ct);
        if (!found.IsSuccess) return found.Error!;
        var user = found.Value;
        if (user.DisabledAt is not null) return AccountErrors.LinkForDisabled.Refuse();
        IssuedLink issued;
        try
        {
            issued = await links.IssueAsync(user, actor.Id.ToString(), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("account.changed", "The account changed meanwhile; open it again.");
        }
        return new SecondFactorLinkIssued(await ViewAsync(user, ct), issued.Path, issued.ExpiresAt, issued.Emailed);
    }

    private IQueryable<AppUser>? Scope(Actor actor) => actor.Role switch
    {
        Role.ProgramOffice => db.Users,
        Role.AgencyCoordinator when actor.AgencyId is { } agency => db.Users.Where(u => u.AgencyId == agency),
        _ => null,
    };

    private async Task<Result<AppUser>> FindToChangeAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (Scope(actor) is not { } scope) return AccountErrors.ManageRole.Refuse();
        var user = await scope.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return AccountErrors.AccountNotFound;
        if (user.Id == actor.Id) return AccountErrors.NotYourself.Refuse();
        return user;
    }

    /// <summary>Saves through Identity with a new security stamp: every cookie and token issued before stops working.</summary>
    private async Task<Result<AccountView>> SaveAsync(AppUser user, CancellationToken ct)
    {
        var saved = await users.UpdateSecurityStampAsync(user);
        if (!saved.Succeeded) return Error.Conflict("account.changed", "The account changed meanwhile; open it again.");
        return await ViewAsync(user, ct);
    }

    private async Task<AccountView> ViewAsync(AppUser u, CancellationToken ct)
    {
        var agency = u.AgencyId is { } a ? await db.Agencies.IgnoreQueryFilters().Where(x => x.Id == a).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var now = clock.GetUtcNow();
        return new AccountView(u.Id, u.Email ?? "", u.DisplayName, u.Role.Code(), u.AgencyId, agency, u.AorCode, u.CreatedAt, u.DisabledAt, u.DisabledReason,
            u.LockoutEnd is { } end && end > now ? end.UtcDateTime : null, u.TwoFactorEnabled, u.PasswordHash is null);
    }
}

/// <summary>What a signed-in person does to their own account.</summary>
public sealed class AccountSelf(UserManager<AppUser> users, ChangeContext change)
{
    /// <summary>A new password rotates the security stamp: every other session and token of the account ends.</summary>
    public async Task<Result<bool>> ChangePasswordAsync(Actor actor, ChangePasswordInput input, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(input.CurrentPassword) || string.IsNullOrEmpty(input.NewPassword))
            return Error.Invalid("auth.password_change_invalid", "Enter your current password and the new one.", new Dictionary<string, string[]>
            {
                ["currentPassword"] = ["Enter your current password."], ["newPassword"] = ["Enter a new password of at least 12 characters."],
            });
        var user = await users.FindByIdAsync(actor.Id.ToString());
        if (user is null) return AccountErrors.AccountNotFound;
        change.For("user.password_change", "Changed their own password");
        var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
        if (result.Succeeded) return true;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))) return AccountErrors.PasswordMismatch;
        return Error.Invalid("auth.password_weak", "The new password is not accepted.",
            new Dictionary<string, string[]> { ["newPassword"] = result.Errors.Select(e => e.Description).ToArray() });
    }
}
