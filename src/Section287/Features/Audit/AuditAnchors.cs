using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Deadlines;

namespace Section287.Features.Audit;

/// <summary>
/// A signed statement that the chain had <see cref="Sequence"/> entries ending in <see cref="Hash"/>. The signature is an HMAC
/// under a key derived from the master key, which lives outside the database: whoever can rewrite the database cannot forge one.
/// </summary>
public sealed class AuditAnchor
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public long Sequence { get; init; }

    public string Hash { get; init; } = "";

    public DateTime At { get; init; }

    public string Mac { get; set; } = "";
}

internal sealed class AuditAnchorConfiguration : Microsoft.EntityFrameworkCore.IEntityTypeConfiguration<AuditAnchor>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<AuditAnchor> b) => b.HasIndex(a => a.Sequence);
}

/// <summary>
/// Writes anchors to the database and, append-only, to <c>audit-anchors.jsonl</c> in the data directory, and reads them back. The
/// file is the witness outside the database: a database restored to an older state (anchors and all) still disagrees with it.
/// </summary>
public sealed class AuditAnchors(AppDbContext db, MasterKey master, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly SemaphoreSlim FileLock = new(1, 1);

    public string FilePath => Path.Combine(Database.DataDirectory(configuration, environment.ContentRootPath), "audit-anchors.jsonl");

    public bool IsGenuine(AuditAnchor anchor) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(anchor.Mac.Length == 64 ? anchor.Mac : new string('0', 64)), MacOf(anchor));

    public async Task<IReadOnlyList<AuditAnchor>> InDatabaseAsync(CancellationToken ct) =>
        await db.AuditAnchors.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(ct);

    public async Task<IReadOnlyList<AuditAnchor>> InFileAsync(CancellationToken ct)
    {
        if (!File.Exists(FilePath)) return [];
        var anchors = new List<AuditAnchor>();
        foreach (var line in await File.ReadAllLinesAsync(FilePath, ct))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            // A line that does not parse is kept as an anchor no signature fits, so that verification reports it.
            try { anchors.Add(JsonSerializer.Deserialize<AuditAnchor>(line, Json) ?? new AuditAnchor()); }
            catch (JsonException) { anchors.Add(new AuditAnchor { Mac = "unreadable" }); }
        }
        return anchors;
    }

    /// <summary>Anchors the head of a chain just checked, unless the newest anchor already holds it.</summary>
    public async Task<AuditAnchor?> AnchorAsync(long sequence, string hash, CancellationToken ct)
    {
        if (sequence == 0) return null;
        var newest = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
        if (newest is not null && newest.Sequence >= sequence) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var anchor = new AuditAnchor { Sequence = sequence, Hash = hash, At = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc) };
        anchor.Mac = Convert.ToHexStringLower(MacOf(anchor));
        await FileLock.WaitAsync(ct);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            await File.AppendAllTextAsync(FilePath, JsonSerializer.Serialize(anchor, Json) + "\n", ct);
        }
        finally
        {
            FileLock.Release();
        }
        db.AuditAnchors.Add(anchor);
        await db.SaveChangesAsync(ct);
        return anchor;
    }

    private byte[] MacOf(AuditAnchor anchor) => HMACSHA256.HashData(master.Secret("audit-anchor"), Encoding.UTF8.GetBytes(string.Join('|',
        anchor.Sequence.ToString(CultureInfo.InvariantCulture), anchor.Hash, anchor.At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture))));
}

/// <summary>With every sweep, checks the entries written since the newest anchor and anchors the new head.</summary>
public sealed class AuditAnchorWatch(AppDbContext db, AuditAnchors anchors) : IWatch
{
    public int Order => 90;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var newest = await db.AuditAnchors.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(ct);
        var after = newest?.Sequence ?? 0;
        var previous = newest?.Hash ?? AuditEntry.GenesisHash;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(2_000).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var entry in page)
            {
                if (entry.Sequence != after + 1 || entry.PreviousHash != previous || entry.ComputeHash() != entry.Hash)
                    return (LogLevel.Critical, $"The audit chain does not continue from its newest anchor at entry {entry.Sequence}: run verify-audit.");
                after = entry.Sequence;
                previous = entry.Hash;
            }
        }
        return await anchors.AnchorAsync(after, previous, ct) is { } anchor ? (LogLevel.Debug, $"Audit chain anchored at entry {anchor.Sequence}.") : null;
    }
}
