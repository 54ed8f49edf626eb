using System.Security.Cryptography;

namespace Section287.Tests.Infrastructure;

/// <summary>What an authenticator app does (RFC 6238, SHA-1, 30 s, 6 digits), to sign in as a person would.</summary>
public static class Totp
{
    private static readonly Dictionary<string, long> LastStep = new(StringComparer.Ordinal);

    /// <summary>
    /// A code the app has not accepted yet, as a person who signs in again waits for the next one: the app takes each code once and
    /// never one of an earlier step (one step each way of now). Tests sign the same people in many times a minute, so this uses the
    /// step after the last one it gave for the key, and waits only when that is more than one step ahead.
    /// </summary>
    public static async Task<string> NextAsync(string base32Key)
    {
        while (true)
        {
            var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var now = seconds / 30;
            // The step before now is still good while the app checks it only if 10 s remain of this step: a step can end between
            // the code and its check.
            var earliest = seconds % 30 < 20 ? now - 1 : now;
            long step;
            lock (LastStep)
            {
                step = Math.Max(earliest, LastStep.GetValueOrDefault(base32Key, long.MinValue) + 1);
                if (step <= now + 1)
                {
                    LastStep[base32Key] = step;
                    return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public static string Code(string base32Key, DateTimeOffset? at = null)
    {
        var key = FromBase32(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds() / 30;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian) Array.Reverse(message);
        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = 0;
        var value = 0;
        var output = new List<byte>();
        foreach (var c in text.TrimEnd('='))
        {
            value = (value << 5) | alphabet.IndexOf(c);
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
