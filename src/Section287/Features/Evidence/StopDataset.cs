using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Data;

namespace Section287.Features.Evidence;

/// <summary>The layouts a stop file may come in.</summary>
public enum StopFormat
{
    /// <summary>The Stanford Open Policing Project's standardized schema, one row per stop.</summary>
    Opp,

    /// <summary>North Carolina's aggregated state stop data (year, driver_race, stop_purpose, search_type, contraband_found, engage_force, count).</summary>
    NorthCarolina,
}

/// <summary>
/// Imported stop data: an agency's own (<see cref="AgencyId"/>) or reference data (none), with the place its veil-of-darkness
/// test needs (the city centre and its time zone) and, when known, its residents by race for the benchmark. Its rows are
/// <see cref="StopRecord"/>s in OPP's schema; replacing the file replaces them all at once and counts a new revision.
/// </summary>
public sealed class StopDataset : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Name { get; set; } = "";

    /// <summary>The agency whose stops these are; null for reference data (another department's published stops).</summary>
    public Guid? AgencyId { get; init; }

    public StopFormat Format { get; set; }

    public string FileName { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string City { get; set; } = "";

    public string State { get; set; } = "";

    public double CenterLat { get; set; }

    public double CenterLng { get; set; }

    public string TimeZone { get; set; } = Common.UsTimeZones.Default;

    /// <summary>Residents of OPP's five race groups, as JSON (<see cref="PopulationBenchmark"/>); null when not given.</summary>
    public string? Benchmark { get; set; }

    /// <summary>The stored records' CSV header (OPP's columns and any others the file had, less what is never kept).</summary>
    public string Header { get; set; } = "";

    public long Rows { get; set; }

    /// <summary>Stops: rows, or the sum of an aggregated file's counts.</summary>
    public long Stops { get; set; }

    public DateOnly? FirstDate { get; set; }

    public DateOnly? LastDate { get; set; }

    /// <summary>The import's validation report, as JSON (<see cref="StopImportReport"/>).</summary>
    public string Report { get; set; } = "";

    public int Revision { get; set; } = 1;

    public DateTime ImportedAt { get; set; }

    public string ImportedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }
}

/// <summary>One stop of a dataset, as the CSV record it was imported as (in the dataset's header order), with what lists filter on.</summary>
public sealed class StopRecord
{
    public Guid DatasetId { get; init; }

    /// <summary>The line of the file the record began on.</summary>
    public long Line { get; init; }

    public DateOnly? Date { get; init; }

    public string? Race { get; init; }

    /// <summary>How many stops the record stands for (1, or an aggregated file's count).</summary>
    public int Weight { get; init; } = 1;

    public string Record { get; init; } = "";
}

internal sealed class StopDatasetConfiguration : IEntityTypeConfiguration<StopDataset>
{
    public void Configure(EntityTypeBuilder<StopDataset> b)
    {
        b.Property(d => d.Version).IsConcurrencyToken();
        b.HasIndex(d => new { d.AgencyId, d.Name });
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StopRecordConfiguration : IEntityTypeConfiguration<StopRecord>
{
    public void Configure(EntityTypeBuilder<StopRecord> b)
    {
        b.HasKey(r => new { r.DatasetId, r.Line });
        b.HasOne<StopDataset>().WithMany().HasForeignKey(r => r.DatasetId).OnDelete(DeleteBehavior.Restrict);
    }
}
