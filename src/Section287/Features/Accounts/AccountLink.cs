using System.Security.Cryptography;
using System.Text;

namespace Section287.Features.Accounts;

public enum AccountLinkPurpose
{
    /// <summary>Links an authenticator app to the account (issue 14, item 7): the password alone never can.</summary>
    SecondFactor,

    /// <summary>Sets the account's password: the invitation of a new account, or a new password an administrator sends (issue 21).</summary>
    Password,
}

/// <summary>
/// A one-time link an administrator issues (and the app e-mails when a mail server is configured). Only the SHA-256 of its
/// token is stored, so the table gives nobody a working link; a link works once, until it expires, and a newer link of the same
/// purpose ends the older ones.
/// </summary>
public sealed class AccountLink
{
    /// <summary>Three days: a link left in a mailbox is a risk, and a weekend must not make the person ask again (Section287 policy).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public AccountLinkPurpose Purpose { get; init; }

    public string TokenHash { get; init; } = "";

    public DateTime IssuedAt { get; init; }

    public DateTime ExpiresAt { get; init; }

    /// <summary>Who issued it: an account id, or the command line.</summary>
    public string IssuedBy { get; init; } = "";

    public DateTime? UsedAt { get; private set; }

    /// <summary>Ended unused, by a newer link or by the account being disabled.</summary>
    public DateTime? EndedAt { get; private set; }

    /// <summary>A new link; the token is returned this once and never stored.</summary>
    public static (AccountLink Link, string Token) Issue(Guid userId, AccountLinkPurpose purpose, string issuedBy, DateTime utcNow)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new AccountLink
        {
            UserId = userId, Purpose = purpose, TokenHash = HashOf(token), IssuedAt = utcNow, ExpiresAt = utcNow + Lifetime, IssuedBy = issuedBy,
        }, token);
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsOpen(DateTime utcNow) => UsedAt is null && EndedAt is null && utcNow < ExpiresAt;

    public void Use(DateTime utcNow) => UsedAt = utcNow;

    public void End(DateTime utcNow) => EndedAt ??= utcNow;

    /// <summary>The page the link opens, relative to the site.</summary>
    public static string PathFor(AccountLinkPurpose purpose, string token) => purpose switch
    {
        AccountLinkPurpose.SecondFactor => $"/account/two-factor/set-up?link={token}",
        AccountLinkPurpose.Password => $"/account/invitation?link={token}",
    };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
