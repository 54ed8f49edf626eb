using System.Security.Cryptography;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Audit;

namespace Section287.Data;

/// <summary>
/// The one row that tells whether the configured master key is this database's (issue 14, item 4): a check value (an HMAC of a
/// fixed text under a key derived from the master key), and the secrets of the keyed lookup hashes and of the audit anchors,
/// sealed with AES-GCM under another derived key. A start with a different key is refused before anything is read or written,
/// instead of serving "(cannot be decrypted)" and writing records that the right key could not open afterwards.
/// </summary>
public sealed class KeySeal
{
    /// <summary>The secrets the seal keeps: the lookup hashes' and the audit anchors'.</summary>
    public static readonly string[] Purposes = ["lookup", "audit-anchor"];

    public const int SingleId = 1;

    private const string CheckText = "section287 person data key check v1";

    public int Id { get; init; } = SingleId;

    /// <summary>Base64 HMAC-SHA256 of a fixed text under the master key's "key-check" key.</summary>
    public string CheckValue { get; set; } = "";

    /// <summary>Base64 AES-GCM (nonce, tag, ciphertext) of the secrets as JSON, under the master key's "seal" key.</summary>
    public string SealedSecrets { get; set; } = "";

    public DateTime SealedAt { get; set; }

    public static string CheckValueOf(byte[] master) =>
        Convert.ToBase64String(HMACSHA256.HashData(MasterKey.Derive(master, "key-check"), System.Text.Encoding.UTF8.GetBytes(CheckText)));

    public static string Seal(byte[] master, IReadOnlyDictionary<string, byte[]> secrets) => Convert.ToBase64String(Encrypt(MasterKey.Derive(master, "seal"),
        JsonSerializer.SerializeToUtf8Bytes(secrets.ToDictionary(s => s.Key, s => Convert.ToBase64String(s.Value)))));

    public static IReadOnlyDictionary<string, byte[]> Unseal(byte[] master, string sealedSecrets) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Decrypt(MasterKey.Derive(master, "seal"), Convert.FromBase64String(sealedSecrets)))!
            .ToDictionary(s => s.Key, s => Convert.FromBase64String(s.Value));

    /// <summary>AES-GCM: 12-byte nonce, 16-byte tag, ciphertext (the layout the key ring has always used).</summary>
    public static byte[] Encrypt(byte[] key, byte[] plain)
    {
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16)) aes.Encrypt(nonce, plain, cipher, tag);
        return [.. nonce, .. tag, .. cipher];
    }

    public static byte[] Decrypt(byte[] key, byte[] sealedBytes)
    {
        if (sealedBytes.Length < 28) throw new CryptographicException("Too short to be sealed.");
        var plain = new byte[sealedBytes.Length - 28];
        using (var aes = new AesGcm(key, 16)) aes.Decrypt(sealedBytes[..12], sealedBytes[28..], sealedBytes[12..28], plain);
        return plain;
    }

    /// <summary>
    /// Opens the seal with the master key, or creates it on a database that has none. A database whose key ring already holds keys
    /// (made before the seal existed) is sealed only if the master key opens that ring; its secrets are the ones derived from that key,
    /// so every lookup hash and anchor made before stays valid.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, byte[]>> OpenOrCreateAsync(IServiceProvider services, byte[] master, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        for (var attempt = 0; ; attempt++)
        {
            var seal = await db.Set<KeySeal>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == SingleId, ct);
            if (seal is not null)
            {
                if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(seal.CheckValue), Convert.FromBase64String(CheckValueOf(master))))
                    throw new InvalidOperationException(WrongKey);
                return Unseal(master, seal.SealedSecrets);
            }
            var ring = await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(ct);
            if (ring.Count > 0 && !ring.Any(xml => Opens(master, xml))) throw new InvalidOperationException(WrongKey);

            var secrets = Purposes.ToDictionary(p => p, p => MasterKey.Derive(master, p));
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
            scope.ServiceProvider.GetRequiredService<ChangeContext>().As("system", "system").For("security.key_sealed", "The master key's seal was made");
            var writer = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            writer.Set<KeySeal>().Add(new KeySeal
            {
                CheckValue = CheckValueOf(master), SealedSecrets = Seal(master, secrets),
                SealedAt = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            });
            try
            {
                await writer.SaveChangesAsync(ct);
                return secrets;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another instance sealed it first: read theirs (and check the key against it).
            }
        }
    }

    public const string WrongKey = "Refusing to start: Security:PersonDataKey is not the key this database was sealed with, so person data could not be "
        + "read and what was written would be lost to the right key. Start with the database's key; to change keys, run rotate-person-data-key with both.";

    /// <summary>Whether the master key opens a key of the ring (any sealed part of it).</summary>
    public static bool Opens(byte[] master, string xml)
    {
        var sealedParts = SealedParts(XElement.Parse(xml)).ToList();
        if (sealedParts.Count == 0) return true;
        try
        {
            foreach (var part in sealedParts) MasterKeyXmlDecryptor.Open(MasterKey.Derive(master, "key-ring"), part);
            return true;
        }
        catch (CryptographicException) { return false; }
    }

    /// <summary>The elements the master key sealed inside a key of the ring.</summary>
    public static IEnumerable<XElement> SealedParts(XElement key) =>
        key.Descendants().Where(e => e.Name.LocalName == "encryptedSecret"
            && (e.Attribute("decryptorType")?.Value.Contains(nameof(MasterKeyXmlDecryptor), StringComparison.Ordinal) ?? false))
            .Select(e => e.Elements().First()).ToList();
}

internal sealed class KeySealConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<KeySeal>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<KeySeal> b)
    {
        b.ToTable("KeySeals");
        b.Property(s => s.Id).ValueGeneratedNever();
    }
}
