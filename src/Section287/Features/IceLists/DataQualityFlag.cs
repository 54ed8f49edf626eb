namespace Section287.Features.IceLists;

/// <summary>A doubtful value ICE published, kept on the record it belongs to and counted in the import report.</summary>
public sealed class DataQualityFlag
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid SnapshotId { get; init; }

    public Guid? AgencyId { get; init; }

    public Guid? AgreementId { get; init; }

    /// <summary>The row in ICE's sheet (1 is the header).</summary>
    public int RowNumber { get; init; }

    public string Field { get; init; } = "";

    public string Code { get; init; } = "";

    public string? RawValue { get; init; }

    public string Message { get; init; } = "";

    /// <summary>The whole row as read, for rows that could not become an agreement.</summary>
    public string? RawRow { get; init; }
}
