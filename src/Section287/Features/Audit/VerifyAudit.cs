using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Audit;

/// <summary>
/// What a verification found. <see cref="Finding"/>: <c>intact</c>; <c>altered</c> (an entry no longer matches its hash);
/// <c>unlinked</c> (an entry does not point at the one before); <c>missing</c> (a gap in the sequence); <c>rewritten</c> (the chain
/// was recomputed: an anchored entry's hash differs from the anchor's); <c>truncated</c> (entries after an anchor of the database
/// are gone); <c>rolled_back</c> (the database, anchors and all, is older than the anchors kept outside it); <c>anchor_forged</c>
/// (an anchor's signature does not fit).
/// </summary>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenSequence, string? Problem, string? LastHash,
    string Finding = "intact", long? AnchoredThrough = null);

/// <summary>
/// Walks the whole chain in order, in pages, recomputing every hash and comparing it with every signed anchor, from the database
/// and from the file outside it; an intact chain's head is anchored anew.
/// </summary>
public sealed class VerifyAudit(AppDbContext db, AuditAnchors anchors)
{
    private const int PageSize = 2_000;

    public async Task<AuditVerification> HandleAsync(CancellationToken ct)
    {
        var inDatabase = await anchors.InDatabaseAsync(ct);
        var inFile = await anchors.InFileAsync(ct);
        if (inDatabase.Concat(inFile).FirstOrDefault(a => !anchors.IsGenuine(a)) is { } forged)
            return new(false, 0, forged.Sequence, $"An anchor for entry {forged.Sequence} does not carry a valid signature: anchors were edited or forged.",
                null, "anchor_forged");
        var anchored = inDatabase.Concat(inFile).GroupBy(a => a.Sequence).ToDictionary(g => g.Key, g => g.Select(a => a.Hash).Distinct().ToList());

        long expected = 1;
        var previous = AuditEntry.GenesisHash;
        long after = 0;
        while (true)
        {
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            foreach (var entry in page)
            {
                if (entry.Sequence != expected)
                    return new(false, expected - 1, expected, $"Entry {expected} is missing (the next stored entry is {entry.Sequence}).", previous, "missing");
                if (entry.PreviousHash != previous)
                    return new(false, expected - 1, entry.Sequence, $"Entry {entry.Sequence} does not point at the hash of entry {entry.Sequence - 1}.",
                        previous, "unlinked");
                if (entry.ComputeHash() != entry.Hash)
                    return new(false, expected - 1, entry.Sequence,
                        $"Entry {entry.Sequence} was altered after it was written: its content no longer matches its hash.", previous, "altered");
                if (anchored.TryGetValue(entry.Sequence, out var hashes) && hashes.Any(h => h != entry.Hash))
                    return new(false, expected - 1, entry.Sequence,
                        $"Entry {entry.Sequence} differs from what was anchored for it: the chain from there was rewritten and its hashes recomputed.",
                        previous, "rewritten");
                previous = entry.Hash;
                expected++;
            }
            after = page[^1].Sequence;
        }
        var entries = expected - 1;
        var lastHash = previous == AuditEntry.GenesisHash ? null : previous;
        if (inDatabase.Count > 0 && inDatabase[^1].Sequence > entries)
            return new(false, entries, entries + 1,
                $"The chain ends at entry {entries}, but it was anchored at entry {inDatabase[^1].Sequence}: the entries after {entries} were deleted.",
                lastHash, "truncated");
        if (inFile.Count > 0 && inFile.Max(a => a.Sequence) > entries)
            return new(false, entries, entries + 1,
                $"The chain ends at entry {entries}, but the anchors kept outside the database reach entry {inFile.Max(a => a.Sequence)}: the database "
                + "was rolled back to an older state.", lastHash, "rolled_back");
        var anchor = lastHash is null ? null : await anchors.AnchorAsync(entries, lastHash, ct);
        var through = anchor?.Sequence ?? (inDatabase.Count > 0 ? inDatabase[^1].Sequence : null);
        return new(true, entries, null, null, lastHash, "intact", through);
    }
}
