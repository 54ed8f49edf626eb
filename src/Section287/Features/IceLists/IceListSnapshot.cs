namespace Section287.Features.IceLists;

/// <summary>One imported ICE list, with the report of what it changed.</summary>
public sealed class IceListSnapshot
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public IceListKind Kind { get; init; }

    /// <summary>The date ICE published the list (from its file name unless given).</summary>
    public DateOnly AsOf { get; init; }

    public string FileName { get; init; } = "";

    public string Sha256 { get; init; } = "";

    public DateTime ImportedAt { get; init; }

    public string ImportedBy { get; init; } = "";

    public int Rows { get; set; }

    public int Added { get; set; }

    public int Updated { get; set; }

    public int Removed { get; set; }

    public int Unchanged { get; set; }

    public int Flagged { get; set; }

    public int Rejected { get; set; }

    public int Duplicates { get; set; }

    /// <summary>
    /// When the import's last batch was saved. An import is written in batches (issue 14, item 6); one cut short (the app stopped)
    /// has none: it is shown as interrupted, is not the newest list, and the same file imported again finishes its work.
    /// </summary>
    public DateTime? CompletedAt { get; set; }

    /// <summary>When the program office undid the import (issue 14, item 3): what it changed was restored; it no longer counts.</summary>
    public DateTime? UndoneAt { get; set; }

    public string? UndoneBy { get; set; }

    public string? UndoReason { get; set; }

    /// <summary>The imports that are part of the registry: finished and not undone (a query filter, translated for both databases).</summary>
    public static readonly System.Linq.Expressions.Expression<Func<IceListSnapshot, bool>> InRegistry = s => s.CompletedAt != null && s.UndoneAt == null;
}

/// <summary>
/// What one import changed, so that it can be undone: for a record it added, that it added it; for one it changed, the values the
/// changed fields had before. Bookkeeping, not in the audit chain (the changes themselves are).
/// </summary>
public sealed class IceListUndoRecord
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SnapshotId { get; init; }

    /// <summary>"Agreement", "PendingListing" or "Agency".</summary>
    public string EntityType { get; init; } = "";

    public Guid EntityId { get; init; }

    public bool Added { get; init; }

    /// <summary>The changed fields' earlier values, as JSON: {"Status":"Active","RemovedOn":null}.</summary>
    public string Before { get; init; } = "{}";
}

/// <summary>
/// The file ICE published, byte for byte, kept with its import so that researchers download every list from one place (issue 18).
/// Not audited (the snapshot is, with the file's SHA-256, which the bytes can be checked against).
/// </summary>
public sealed class IceListOriginal
{
    public Guid SnapshotId { get; init; }

    public byte[] Content { get; init; } = [];
}
