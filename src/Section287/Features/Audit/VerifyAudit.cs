using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Audit;

public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem, string? LastHash);

/// <summary>Walks the whole chain in order, in pages, recomputing every hash.</summary>
public sealed class VerifyAudit(AppDbContext db)
{
    private const int PageSize = 2_000;

    public async Task<AuditVerification> HandleAsync(CancellationToken ct)
    {
        long expected = 1;
        var previous = AuditEntry.GenesisHash;
        long after = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var entry in page)
            {
                if (entry.Sequence != expected)
                    return new(false, expected - 1, expected, $"Entry {expected} is missing (the next stored entry is {entry.Sequence}).", previous);
                if (entry.PreviousHash != previous)
                    return new(false, expected - 1, entry.Sequence,
                        $"Entry {entry.Sequence} does not point at the hash of entry {entry.Sequence - 1}.", previous);
                if (entry.ComputeHash() != entry.Hash)
                    return new(false, expected - 1, entry.Sequence,
                        $"Entry {entry.Sequence} was altered after it was written: its content no longer matches its hash.", previous);
                previous = entry.Hash;
                expected++;
            }
            after = page[^1].Sequence;
        }
        return new(true, expected - 1, null, null, previous == AuditEntry.GenesisHash ? null : previous);
    }
}
