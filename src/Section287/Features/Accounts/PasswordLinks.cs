using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

public sealed record SetPasswordInput(string? Link, string? Password);

/// <summary>The password is set; <see cref="SecondFactorPath"/> is where the person links their authenticator next, when their role needs one.</summary>
public sealed record PasswordSet(Guid UserId, string Email, bool Invited, string? SecondFactorPath);

/// <summary>
/// One-time links that set an account's password (issue 21): the invitation of an account made in the app, and a new password an
/// administrator sends. The person opens the link, chooses a password, and, where the role needs a second factor, goes straight on to
/// link their authenticator (the same one-time step as <see cref="SecondFactorLinks"/>, so the invitation alone never is enough).
/// </summary>
public sealed class PasswordLinks(AppDbContext db, UserManager<AppUser> users, ChangeContext change, TimeProvider clock, AccountLinkMail mail,
    SecondFactorLinks secondFactor, TwoFactorPolicy policy)
{
    /// <summary>A new link, ending the account's older ones, in the caller's unit of work; the token is in the path this once.</summary>
    public async Task<(AccountLink Link, string Path)> PrepareAsync(AppUser user, string issuedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var older in await db.AccountLinks.Where(l => l.UserId == user.Id && l.Purpose == AccountLinkPurpose.Password
                     && l.UsedAt == null && l.EndedAt == null).ToListAsync(ct))
            older.End(now);
        var (link, token) = AccountLink.Issue(user.Id, AccountLinkPurpose.Password, issuedBy, now);
        db.AccountLinks.Add(link);
        return (link, AccountLink.PathFor(AccountLinkPurpose.Password, token));
    }

    /// <summary>E-mails a saved link: an invitation to a new account, or a new password to an existing one.</summary>
    public Task<bool> MailAsync(AppUser user, string path, DateTime expiresAt, bool invitation, CancellationToken ct) => invitation
        ? mail.SendAsync(user, "Section287: you are invited",
            $"You are invited to Section287, the system of the 287(g) program, as {user.Role.Title()} ({user.Email}).\n\n"
            + "Open: {link}\n\nChoose your password there"
            + (policy.Requires(user) ? ", then link an authenticator app for two-factor sign-in" : "")
            + $". The link works once, until {expiresAt:yyyy-MM-dd HH:mm} UTC. If you did not expect it, tell the sender and do not open it.\n", path, ct)
        : mail.SendAsync(user, "Section287: set a new password",
            $"An administrator of Section287 sent you a link to set a new password for {user.Email}.\n\n"
            + "Open: {link}\n\nThe link works once, until "
            + $"{expiresAt:yyyy-MM-dd HH:mm} UTC. If you did not ask for it, tell your administrator and do not open it.\n", path, ct);

    /// <summary>The open link with this token and its account, or null (used, ended, expired, unknown, or its account disabled).</summary>
    public async Task<(AccountLink Link, AppUser User)?> FindOpenAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = AccountLink.HashOf(token.Trim());
        var link = await db.AccountLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == AccountLinkPurpose.Password, ct);
        if (link is null || !link.IsOpen(clock.GetUtcNow().UtcDateTime)) return null;
        var user = await users.FindByIdAsync(link.UserId.ToString());
        return user is null || user.DisabledAt is not null ? null : (link, user);
    }

    /// <summary>
    /// Sets the password through an open link, in one save with the link's use and, where the role needs a second factor, the
    /// set-up link that continues the invitation (never e-mailed: the person is on the page). Every session of the account ends.
    /// </summary>
    public async Task<Result<PasswordSet>> SetAsync(SetPasswordInput input, CancellationToken ct)
    {
        if (await FindOpenAsync(input.Link, ct) is not { } found) return AccountErrors.PasswordLinkInvalid.Refuse();
        var (link, user) = found;
        if (string.IsNullOrEmpty(input.Password))
            return Error.Invalid("auth.password_required", "Choose a password of at least 12 characters.",
                new Dictionary<string, string[]> { ["password"] = ["Choose a password of at least 12 characters."] });
        var problems = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, user, input.Password);
            if (!checkedPassword.Succeeded) problems.AddRange(checkedPassword.Errors.Select(e => e.Description));
        }
        if (problems.Count > 0)
            return Error.Invalid("auth.password_weak", "The password is not accepted.", new Dictionary<string, string[]> { ["password"] = [.. problems] });

        var invited = user.PasswordHash is null;
        (string, string) audit = invited
            ? ("user.invitation_accept", "Accepted the invitation: set a password through a one-time link")
            : ("user.password_set", "Set a new password through a one-time link");
        change.As(user.Id.ToString(), user.Email ?? "").For(audit.Item1, audit.Item2);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, input.Password);
        user.EmailConfirmed = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        link.Use(clock.GetUtcNow().UtcDateTime);
        // One save, so one transaction: the password, the link's use, a new security stamp (every session ends) and, where the role
        // needs a second factor, the set-up link that continues the invitation.
        string? next = null;
        try
        {
            if (policy.Requires(user) && !user.TwoFactorEnabled)
                next = (await secondFactor.IssueAsync(user, "invitation", ct, send: false, auditAs: audit)).Path;
            else if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
                return Error.Conflict("account.changed", "The account changed meanwhile; open the link again.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("account.changed", "The account changed meanwhile; open the link again.");
        }
        return new PasswordSet(user.Id, user.Email ?? "", invited, next);
    }
}
