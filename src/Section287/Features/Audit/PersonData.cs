using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Section287.Data;

namespace Section287.Features.Audit;

/// <summary>
/// Field-level protection of person data (PRODUCT.md, Guardrails): a value is encrypted before it is stored, and
/// decrypted only through <see cref="RevealAsync"/>, which first logs who read what and why in the same database.
/// Uses ASP.NET Data Protection (authenticated encryption, keys rotated by the framework) under its own purpose,
/// so that a key ring shared by the app's instances opens it and nothing else's ciphertext can be passed off as it.
/// </summary>
public sealed class PersonData(IDataProtectionProvider provider, AppDbContext db, ChangeContext change, TimeProvider clock, MasterKey master)
{
    private const string Prefix = "pd1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Section287.PersonData.v1");

    public string? Protect(string? plaintext) =>
        string.IsNullOrWhiteSpace(plaintext) ? null : Prefix + _protector.Protect(plaintext.Trim());

    /// <summary>
    /// A keyed hash (HMAC-SHA256 under a key derived from the master key) of an exact identifier, so that a record can be
    /// found by an FBI number, an A-number or a name and date of birth without decrypting anyone. Without the master key the
    /// hash cannot be recomputed from a guess. Letters are compared without case, spaces or dashes, in Unicode's composed form
    /// (NFC), so that "José" typed with a combining accent is the same name.
    /// </summary>
    public string? LookupHash(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var normalized = new string(value.Normalize(System.Text.NormalizationForm.FormC).Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        if (normalized.Length == 0) return null;
        var mac = HMACSHA256.HashData(master.Secret("lookup"), System.Text.Encoding.UTF8.GetBytes($"{kind}:{normalized}"));
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Decrypts several fields of one record for the current user, after logging one read that names them all.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> RevealAllAsync(IReadOnlyDictionary<string, string?> protectedFields, Guid agencyId,
        string subjectType, Guid subjectId,
        string purpose, CancellationToken ct)
    {
        var present = protectedFields.Where(f => f.Value is not null).Select(f => f.Key).ToList();
        await LogAsync(agencyId, subjectType, subjectId, string.Join(",", present), purpose, ct);
        return protectedFields.ToDictionary(f => f.Key, f => f.Value is null ? null : Open(f.Value));
    }

    /// <summary>
    /// Decrypts a protected value for the current user, after logging the read (subject, field, purpose). The log entry is
    /// saved at once, in its own small unit of work, so that a read is never shown without its trace.
    /// </summary>
    public async Task<string?> RevealAsync(string? protectedValue, Guid agencyId, string subjectType, Guid subjectId, string field, string purpose,
        CancellationToken ct)
    {
        if (protectedValue is null) return null;
        await LogAsync(agencyId, subjectType, subjectId, field, purpose, ct);
        return Open(protectedValue);
    }

    private string Open(string protectedValue)
    {
        try
        {
            return _protector.Unprotect(protectedValue[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return "(this value cannot be decrypted with the current keys)";
        }
    }

    /// <summary>Logs a read (or a search) of person data and saves it at once, before anything is shown.</summary>
    public async Task LogAsync(Guid agencyId, string subjectType, Guid subjectId, string field, string purpose, CancellationToken ct)
    {
        db.PersonDataReads.Add(new PersonDataRead
        {
            AgencyId = agencyId,
            At = clock.GetUtcNow().UtcDateTime,
            ReaderId = change.ActorId,
            ReaderName = change.ActorName,
            SubjectType = subjectType,
            SubjectId = subjectId,
            Field = field,
            Purpose = purpose.Trim(),
        });
        change.For("person_data.read", $"{subjectType}.{field}: {purpose.Trim()}");
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>One read of a protected value: who, when, which record and field, and why. Never changed or deleted.</summary>
public sealed class PersonDataRead : IAgencyOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The agency the person's record belongs to: it may see who read it.</summary>
    public Guid AgencyId { get; init; }

    public DateTime At { get; init; }

    public string ReaderId { get; init; } = "";

    public string ReaderName { get; init; } = "";

    public string SubjectType { get; init; } = "";

    public Guid SubjectId { get; init; }

    public string Field { get; init; } = "";

    public string Purpose { get; init; } = "";
}
