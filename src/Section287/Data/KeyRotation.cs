using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Audit;

namespace Section287.Data;

/// <summary>
/// <c>rotate-person-data-key</c> (issue 14, item 4): with the current key in configuration and the new one on standard input, re-wraps
/// every key of the Data Protection ring and the <see cref="KeySeal"/> under the new key, in one transaction, audited. Person data,
/// lookup hashes and audit anchors are not touched: what they are sealed or keyed with stays, only its wrapping changes. Stop every
/// instance first (a running one still holds the old key and could roll a new ring key under it), then start them with the new key.
/// </summary>
public static class KeyRotation
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var current = MasterKey.Parse(configuration["Security:PersonDataKey"]);
        if (current is null)
        {
            Console.Error.WriteLine("Security:PersonDataKey must hold the current key (32 random bytes in base64).");
            return 2;
        }
        Console.Error.WriteLine("New key (32 random bytes in base64, e.g. from openssl rand -base64 32) on standard input:");
        var next = MasterKey.Parse(Console.In.ReadLine());
        if (next is null)
        {
            Console.Error.WriteLine("The new key must be 32 random bytes in base64 (openssl rand -base64 32).");
            return 2;
        }
        if (next.AsSpan().SequenceEqual(current))
        {
            Console.Error.WriteLine("The new key is the current key.");
            return 2;
        }

        var secrets = await KeySeal.OpenOrCreateAsync(services, current, CancellationToken.None);
        var db = services.GetRequiredService<AppDbContext>();
        services.GetRequiredService<ChangeContext>().For("security.person_data_key_rotated", "The master key was replaced; the key ring and the seal were re-wrapped");
        await using var transaction = await db.Database.BeginTransactionAsync();
        var rewrapped = 0;
        foreach (var key in await db.DataProtectionKeys.ToListAsync())
        {
            var xml = XElement.Parse(key.Xml);
            foreach (var part in KeySeal.SealedParts(xml))
            {
                var plain = MasterKeyXmlDecryptor.Open(MasterKey.Derive(current, "key-ring"), part);
                part.ReplaceWith(MasterKeyXmlEncryptor.Seal(MasterKey.Derive(next, "key-ring"), plain));
                rewrapped++;
            }
            key.Xml = xml.ToString(SaveOptions.DisableFormatting);
        }
        var seal = await db.Set<KeySeal>().SingleAsync(s => s.Id == KeySeal.SingleId);
        seal.CheckValue = KeySeal.CheckValueOf(next);
        seal.SealedSecrets = KeySeal.Seal(next, secrets);
        seal.SealedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Console.Out.WriteLine($"Re-wrapped {rewrapped} key(s) of the ring and the seal under the new key. Set Security:PersonDataKey to the new key "
            + "and start the app; the old key no longer opens this database.");
        return 0;
    }
}
