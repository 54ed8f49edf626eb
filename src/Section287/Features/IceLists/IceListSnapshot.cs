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
}
