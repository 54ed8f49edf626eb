using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Accounts;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) accepted once only (issue 14, item 7). A code is good for
/// the step before, the current step and the step after (RFC 6238, section 5.2: at most one step of network delay and clock drift;
/// ASP.NET Identity's own provider allows two each way), and only when its step is later than the last one accepted for the
/// account: the step is claimed by one conditional update, so two requests racing with the same code cannot both pass.
/// Time is the wall clock, not the app's <see cref="TimeProvider"/>: the code comes from a phone's real clock, whatever business
/// time a test has set.
/// </summary>
public sealed class OnceOnlyAuthenticatorTokenProvider(AppDbContext db) : IUserTwoFactorTokenProvider<AppUser>
{
    public const int StepSeconds = 30;

    public const int StepsEachWay = 1;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || FromBase32(key) is not { Length: > 0 } secret) return false;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        // Every candidate is computed, so that the time taken does not say which step matched.
        for (var step = now - StepsEachWay; step <= now + StepsEachWay; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(secret, step)), System.Text.Encoding.ASCII.GetBytes(token)))
                matched ??= step;
        }
        if (matched is not { } accepted) return false;
        var claimed = await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < accepted))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.LastTotpStep, accepted));
        return claimed == 1;
    }

    public static string Code(byte[] secret, long step)
    {
        var message = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(secret, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    private static byte[]? FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            var index = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0) return null;
            value = (value << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                output.Add((byte)(value >> (bits - 8)));
                bits -= 8;
            }
        }
        return output.ToArray();
    }
}
