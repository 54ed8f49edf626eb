using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.EntityFrameworkCore;

namespace Section287.Data;

/// <summary>
/// One key of ASP.NET Data Protection's key ring, kept in the database so that every instance of the app shares it
/// (cookies, antiforgery tokens and person data made by one instance open on another). The key material in it is
/// encrypted with the master key from configuration (<see cref="MasterKey"/>), which never enters the database: a copy
/// of the database alone opens nothing.
/// </summary>
public sealed class DataProtectionKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string FriendlyName { get; init; } = "";

    public string Xml { get; set; } = "";

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// <c>Security:PersonDataKey</c>: 32 random bytes, base64, kept in configuration (an environment variable or a secret
/// store), never in the database. It seals two things in the database: the Data Protection key ring (which encrypts
/// person data) and the <see cref="KeySeal"/>, which holds the secrets of the keyed lookup hashes and of the audit anchors.
/// Because those secrets are sealed rather than derived, a new master key re-wraps what it seals and changes nothing
/// else (<c>rotate-person-data-key</c>), and a wrong one is known at once by the seal's check value (issue 14, item 4).
/// </summary>
public sealed class MasterKey(IConfiguration configuration, IServiceScopeFactory scopes)
{
    private readonly Lazy<byte[]> _master = new(() => Parse(configuration["Security:PersonDataKey"])
        ?? throw new InvalidOperationException("Security:PersonDataKey must be set to 32 random bytes in base64 before person data can be protected."));

    private volatile IReadOnlyDictionary<string, byte[]>? _secrets;
    private readonly SemaphoreSlim _opening = new(1, 1);

    /// <summary>32 bytes from base64, or null when the text is not that.</summary>
    public static byte[]? Parse(string? text)
    {
        var buffer = new byte[64];
        if (string.IsNullOrWhiteSpace(text) || !Convert.TryFromBase64String(text.Trim(), buffer, out var written) || written != 32) return null;
        return buffer[..32];
    }

    /// <summary>A key derived from the master key itself (HKDF): what seals the key ring and the seal.</summary>
    public byte[] Derive(string purpose) => Derive(_master.Value, purpose);

    public static byte[] Derive(byte[] master, string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, master, 32,
        info: System.Text.Encoding.UTF8.GetBytes($"section287:{purpose}"));

    /// <summary>
    /// A secret kept in the seal (<see cref="KeySeal.Purposes"/>), opened from the database on first use. A database sealed before
    /// secrets were kept got, when it was first opened, the values derived from its master key then, so nothing made earlier changes.
    /// </summary>
    public byte[] Secret(string purpose)
    {
        if (_secrets is null)
        {
            _opening.Wait();
            try
            {
                if (_secrets is null)
                {
                    using var scope = scopes.CreateScope();
                    _secrets = KeySeal.OpenOrCreateAsync(scope.ServiceProvider, _master.Value, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            finally { _opening.Release(); }
        }
        return _secrets.TryGetValue(purpose, out var secret) ? secret : throw new InvalidOperationException($"The key seal holds no secret for {purpose}.");
    }

    /// <summary>At start-up and before every command: opens the seal (creating it on a new database) or refuses a wrong key.</summary>
    public async Task OpenAsync(IServiceProvider services, CancellationToken ct)
    {
        await _opening.WaitAsync(ct);
        try { _secrets ??= await KeySeal.OpenOrCreateAsync(services, _master.Value, ct); }
        finally { _opening.Release(); }
    }
}

/// <summary>Stores and reads the key ring through the app's database, in a unit of work of its own, as the system.</summary>
public sealed class DatabaseXmlRepository(IServiceScopeFactory scopes, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.CreatedAt).Select(k => k.Xml).ToList().Select(x => XElement.Parse(x)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow().UtcDateTime });
        db.SaveChanges();
    }
}

/// <summary>Encrypts each key of the ring with AES-GCM under a key derived from the master key.</summary>
public sealed class MasterKeyXmlEncryptor(MasterKey master) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        return new EncryptedXmlInfo(Seal(master.Derive("key-ring"), plaintextElement), typeof(MasterKeyXmlDecryptor));
    }

    public static XElement Seal(byte[] ringKey, XElement plaintextElement) =>
        new("encryptedKey", new XAttribute("version", "1"), Convert.ToBase64String(KeySeal.Encrypt(ringKey,
            System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)))));
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it with the app's services.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var master = services.GetRequiredService<MasterKey>();
        return Open(master.Derive("key-ring"), encryptedElement);
    }

    /// <summary>Throws <see cref="CryptographicException"/> when the key is not the one that sealed it.</summary>
    public static XElement Open(byte[] ringKey, XElement encryptedElement) =>
        XElement.Parse(System.Text.Encoding.UTF8.GetString(KeySeal.Decrypt(ringKey, Convert.FromBase64String(encryptedElement.Value))));
}
