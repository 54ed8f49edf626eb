using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Notifications;

namespace Section287.Features.Accounts;

/// <summary>A set-up link, as its issuer sees it this once.</summary>
public sealed record IssuedLink(string Path, DateTime ExpiresAt, bool Emailed);

/// <summary>
/// The one way a second factor gets linked (issue 14, item 7): an administrator (or the command line, for the first account) issues
/// a one-time link; the person opens it, signs in with their password and links their app. The link is e-mailed to the account's
/// address when a mail server is configured, and shown to the issuer once either way (to hand over in person). Issuing a link for an
/// account that has a second factor removes that factor (a lost phone) and ends its sessions.
/// </summary>
public sealed class SecondFactorLinks(AppDbContext db, UserManager<AppUser> users, ChangeContext change, TimeProvider clock, AccountLinkMail mail)
{
    /// <summary>
    /// Issues the link and saves it with the account's new security stamp; the caller has checked who may. <paramref name="send"/>
    /// false when the person is already on the page that continues with it (an accepted invitation), so nothing is e-mailed; that step
    /// saves its own changes with this one, under its own audit action (<paramref name="auditAs"/>).
    /// </summary>
    public async Task<IssuedLink> IssueAsync(AppUser user, string issuedBy, CancellationToken ct, bool send = true,
        (string Action, string Reason)? auditAs = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hadFactor = user.TwoFactorEnabled;
        if (auditAs is { } step) change.For(step.Action, step.Reason);
        else change.For("user.second_factor_link", hadFactor
            ? $"Removed the second factor of {user.Email} and issued a one-time set-up link"
            : $"Issued a one-time second-factor set-up link to {user.Email}");
        foreach (var older in await db.AccountLinks.Where(l => l.UserId == user.Id && l.Purpose == AccountLinkPurpose.SecondFactor
                     && l.UsedAt == null && l.EndedAt == null).ToListAsync(ct))
            older.End(now);
        var (link, token) = AccountLink.Issue(user.Id, AccountLinkPurpose.SecondFactor, issuedBy, now);
        db.AccountLinks.Add(link);
        user.TwoFactorEnabled = false;
        // A new key (so the old app's codes are worth nothing) and a new security stamp (every session ends), saved with the link.
        var saved = await users.ResetAuthenticatorKeyAsync(user);
        if (!saved.Succeeded) throw new DbUpdateConcurrencyException("The account changed meanwhile.");
        var path = AccountLink.PathFor(AccountLinkPurpose.SecondFactor, token);
        return new IssuedLink(path, link.ExpiresAt, send && await mail.SendAsync(user, "Section287: set up two-factor sign-in",
            $"An administrator of Section287 sent you a link to set up two-factor sign-in for {user.Email}.\n\n"
            + "Open: {link}\n\nSign in with your password, then link your authenticator app. The link works once, until "
            + $"{link.ExpiresAt:yyyy-MM-dd HH:mm} UTC. If you did not expect it, tell your administrator and do not open it.\n", path, ct));
    }

    /// <summary>The open link of this account with this token, or null (used, ended, expired, unknown, or another account's).</summary>
    public async Task<AccountLink?> FindOpenAsync(AppUser user, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = AccountLink.HashOf(token.Trim());
        var link = await db.AccountLinks.FirstOrDefaultAsync(l => l.TokenHash == hash && l.Purpose == AccountLinkPurpose.SecondFactor, ct);
        return link is not null && link.UserId == user.Id && link.IsOpen(clock.GetUtcNow().UtcDateTime) ? link : null;
    }

    /// <summary>Ends the account's open links (when it is disabled), in the caller's unit of work.</summary>
    public async Task EndOpenAsync(Guid userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var open in await db.AccountLinks.Where(l => l.UserId == userId && l.UsedAt == null && l.EndedAt == null).ToListAsync(ct)) open.End(now);
    }
}
