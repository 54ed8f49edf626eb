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
public sealed class PersonData(IDataProtectionProvider provider, AppDbContext db, ChangeContext change, TimeProvider clock)
{
    private const string Prefix = "pd1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Section287.PersonData.v1");

    public string? Protect(string? plaintext) =>
        string.IsNullOrWhiteSpace(plaintext) ? null : Prefix + _protector.Protect(plaintext.Trim());

    /// <summary>
    /// Decrypts a protected value for the current user, after logging the read (subject, field, purpose). The log entry is
    /// saved at once, in its own small unit of work, so that a read is never shown without its trace.
    /// </summary>
    public async Task<string?> RevealAsync(string? protectedValue, Guid agencyId, string subjectType, Guid subjectId, string field, string purpose, CancellationToken ct)
    {
        if (protectedValue is null) return null;
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
        try
        {
            return _protector.Unprotect(protectedValue[Prefix.Length..]);
        }
        catch (CryptographicException)
        {
            return "(this value cannot be decrypted with the current keys)";
        }
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
