using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

public sealed record UndoImportInput(string? Reason);

public sealed record UndoImportReport(Guid SnapshotId, string Kind, DateOnly AsOf, int Restored, int Deleted);

/// <summary>
/// Undoes one import (issue 14, item 3): every record it changed gets back the values its changed fields had before, every record it
/// added is deleted, its history entries and data-quality notes go, and the list is marked undone so that it no longer counts (the
/// newest list is again the one before it, and the same file or a newer one can be imported). One transaction, audited as
/// <c>ice_list.undo</c> with the program office's reason; the audit chain keeps both the import and its undoing.
/// </summary>
public sealed class UndoIceListImport(AppDbContext db, ChangeContext change, TimeProvider clock)
{
    private static readonly Dictionary<string, Type> Types = new()
    {
        ["Agreement"] = typeof(Agreement), ["PendingListing"] = typeof(PendingListing), ["Agency"] = typeof(Agency),
    };

    public async Task<Result<UndoImportReport>> HandleAsync(Guid snapshotId, UndoImportInput input, CancellationToken ct)
    {
        var snapshot = await db.IceListSnapshots.FirstOrDefaultAsync(s => s.Id == snapshotId, ct);
        if (snapshot is null) return IceListErrors.NotFound;
        if (string.IsNullOrWhiteSpace(input.Reason)) return IceListErrors.UndoReasonRequired;
        if (snapshot.UndoneAt is not null) return IceListErrors.UndoAlready;
        if (await db.IceListSnapshots.AnyAsync(s => s.Kind == snapshot.Kind && s.UndoneAt == null && s.ImportedAt > snapshot.ImportedAt, ct))
            return IceListErrors.UndoNotNewest;
        var records = await db.IceListUndoRecords.AsNoTracking().Where(r => r.SnapshotId == snapshotId).ToListAsync(ct);
        if (records.Count == 0 && snapshot.Added + snapshot.Updated + snapshot.Removed > 0) return IceListErrors.UndoUnrecorded;

        var touched = records.Select(r => r.EntityId).ToHashSet();
        var added = records.Where(r => r.Added).ToLookup(r => r.EntityType, r => r.EntityId);
        var conflicts = await ChangedSinceAsync(snapshot, touched, ct) + await ReferencedAsync(added, ct);
        if (conflicts > 0) return IceListErrors.ChangedSince(conflicts);

        var reason = input.Reason.Trim();
        change.For("ice_list.undo", $"Undid the import of ICE's {snapshot.Kind.ToString().ToLowerInvariant()} list dated {snapshot.AsOf:yyyy-MM-dd} "
            + $"({snapshot.FileName}): {reason}");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var restored = 0;
        foreach (var record in records.Where(r => !r.Added))
        {
            var entity = await db.FindAsync(Types[record.EntityType], record.EntityId);
            if (entity is null) continue;
            var entry = db.Entry(entity);
            foreach (var (name, value) in JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(record.Before)!)
            {
                var property = entry.Property(name);
                property.CurrentValue = value.Deserialize(property.Metadata.ClrType);
            }
            restored++;
        }
        // History and notes of this list go first; then what it added, children before the agencies they belong to.
        db.RemoveRange(await db.Set<AgreementChange>().Where(c => c.SnapshotId == snapshotId).ToListAsync(ct));
        db.RemoveRange(await db.DataQualityFlags.Where(f => f.SnapshotId == snapshotId).ToListAsync(ct));
        var deleted = 0;
        foreach (var type in new[] { "Agreement", "PendingListing", "Agency" })
        {
            foreach (var id in added[type])
            {
                if (await db.FindAsync(Types[type], id) is { } entity)
                {
                    db.Remove(entity);
                    deleted++;
                }
            }
        }
        snapshot.UndoneAt = clock.GetUtcNow().UtcDateTime;
        snapshot.UndoneBy = change.ActorName;
        snapshot.UndoReason = reason;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new UndoImportReport(snapshot.Id, snapshot.Kind.ToString().ToLowerInvariant(), snapshot.AsOf, restored, deleted);
    }

    /// <summary>Records the import touched that anything else has written since its first entry in the audit chain.</summary>
    private async Task<int> ChangedSinceAsync(IceListSnapshot snapshot, HashSet<Guid> touched, CancellationToken ct)
    {
        var key = snapshot.Id.ToString();
        var start = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(IceListSnapshot) && e.EntityId == key && e.Change == AuditChange.Added)
            .Select(e => new { e.Sequence, e.CorrelationId }).FirstOrDefaultAsync(ct);
        if (start is null) return 0;
        var changed = new HashSet<string>();
        foreach (var chunk in touched.Select(id => id.ToString()).Chunk(500))
        {
            changed.UnionWith(await db.AuditEntries.AsNoTracking()
                .Where(e => e.Sequence > start.Sequence && e.CorrelationId != start.CorrelationId && chunk.Contains(e.EntityId))
                .Select(e => e.EntityId).Distinct().ToListAsync(ct));
        }
        return changed.Count;
    }

    /// <summary>Later records (officers, encounters, applications, accounts...) that refer to a record the import added.</summary>
    private async Task<int> ReferencedAsync(ILookup<string, Guid> added, CancellationToken ct)
    {
        var deleting = added.SelectMany(g => g).ToHashSet();
        var count = 0;
        foreach (var group in added)
        {
            var principal = db.Model.FindEntityType(Types[group.Key])!;
            foreach (var fk in principal.GetReferencingForeignKeys())
            {
                var dependent = fk.DeclaringEntityType;
                // The import's own rows: its history and what it added itself (an agency's agreements and listings) go with it.
                if (dependent.ClrType == typeof(AgreementChange) || fk.Properties.Count != 1 || dependent.FindPrimaryKey()?.Properties.Count != 1) continue;
                foreach (var chunk in group.Chunk(500))
                    count += await CountAsync(dependent, fk.Properties[0], chunk, deleting, ct);
            }
        }
        return count;
    }

    private Task<int> CountAsync(IEntityType dependent, IProperty foreignKey, Guid[] ids, HashSet<Guid> deleting, CancellationToken ct)
    {
        var method = typeof(UndoIceListImport).GetMethod(nameof(CountOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(dependent.ClrType);
        return (Task<int>)method.Invoke(this, [foreignKey.Name, foreignKey.ClrType == typeof(Guid?), dependent.FindPrimaryKey()!.Properties[0], ids, deleting, ct])!;
    }

    private async Task<int> CountOfAsync<T>(string foreignKey, bool nullable, IProperty primaryKey, Guid[] ids, HashSet<Guid> deleting, CancellationToken ct)
        where T : class
    {
        var query = nullable
            ? db.Set<T>().AsNoTracking().Where(e => ids.Contains(EF.Property<Guid?>(e, foreignKey)!.Value))
            : db.Set<T>().AsNoTracking().Where(e => ids.Contains(EF.Property<Guid>(e, foreignKey)));
        if (primaryKey.ClrType != typeof(Guid)) return await query.CountAsync(ct);
        var keys = await query.Select(e => EF.Property<Guid>(e, primaryKey.Name)).ToListAsync(ct);
        return keys.Count(k => !deleting.Contains(k));
    }
}
