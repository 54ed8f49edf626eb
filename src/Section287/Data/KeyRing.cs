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

    public string Xml { get; init; } = "";

    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// <c>Security:PersonDataKey</c>: 32 random bytes, base64, kept in configuration (an environment variable or a secret
/// store), never in the database. Two keys are derived from it with HKDF: one encrypts the Data Protection key ring,
/// one makes the keyed hashes that find a person by an exact identifier without decrypting anyone.
/// </summary>
public sealed class MasterKey(IConfiguration configuration)
{
    private readonly Lazy<byte[]> _master = new(() =>
    {
        var text = configuration["Security:PersonDataKey"];
        var buffer = new byte[64];
        if (string.IsNullOrWhiteSpace(text) || !Convert.TryFromBase64String(text, buffer, out var written) || written != 32)
            throw new InvalidOperationException("Security:PersonDataKey must be set to 32 random bytes in base64 before person data can be protected.");
        return buffer[..32];
    });

    public byte[] Derive(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _master.Value, 32,
        info: System.Text.Encoding.UTF8.GetBytes($"section287:{purpose}"));
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
        var plain = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(12);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(master.Derive("key-ring"), 16)) aes.Encrypt(nonce, plain, cipher, tag);
        var element = new XElement("encryptedKey", new XAttribute("version", "1"), Convert.ToBase64String([.. nonce, .. tag, .. cipher]));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it with the app's services.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var master = services.GetRequiredService<MasterKey>();
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
        var nonce = sealedBytes[..12];
        var tag = sealedBytes[12..28];
        var cipher = sealedBytes[28..];
        var plain = new byte[cipher.Length];
        using (var aes = new AesGcm(master.Derive("key-ring"), 16)) aes.Decrypt(nonce, cipher, tag, plain);
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(plain));
    }
}
