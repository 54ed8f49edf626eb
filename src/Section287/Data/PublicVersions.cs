using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Data;

/// <summary>
/// Counters of what the public sees, one per kind of public figure (a row of <c>PublicVersions</c>). A unit of work that
/// changes what a kind depends on raises its counter in the same transaction (<see cref="AppDbContext"/>, at the audit
/// chain's tail, where writers take turns), so every instance of the app agrees on it: a public read computes its figures
/// once per change, keyed by the counter, and the counter is the ETag clients revalidate with.
/// </summary>
public static class PublicVersions
{
    /// <summary>The registry: agreements, their agencies, ICE's imported lists (its date) and the lists' data-quality flags.</summary>
    public const string Registry = "registry";

    /// <summary>The public figures (Features/Transparency): published quarters and approved releases.</summary>
    public const string Figures = "figures";

    /// <summary>The kinds a unit of work's entries change.</summary>
    public static IEnumerable<string> Changed(IEnumerable<EntityEntry> entries)
    {
        if (entries.Any(e => e.Entity is Agreement or Agency or IceListSnapshot or DataQualityFlag)) yield return Registry;
        if (entries.Any(e => e.Entity is Features.Transparency.FigurePublication or Features.Transparency.ReleaseRequest)) yield return Figures;
    }

    public static Task RaiseAsync(DbContext db, string name, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""UPDATE "PublicVersions" SET "Version" = "Version" + 1 WHERE "Name" = {name}""", ct);

    public static async Task<long> ReadAsync(DbContext db, string name, CancellationToken ct) =>
        await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "PublicVersions" WHERE "Name" = {name}""").SingleOrDefaultAsync(ct);
}

/// <summary>A row of <c>PublicVersions</c>: written only by <see cref="PublicVersions.RaiseAsync"/>'s one UPDATE, never tracked.</summary>
public sealed class PublicVersion
{
    public string Name { get; init; } = "";

    public long Version { get; init; }
}

internal sealed class PublicVersionConfiguration : IEntityTypeConfiguration<PublicVersion>
{
    public void Configure(EntityTypeBuilder<PublicVersion> b)
    {
        b.ToTable("PublicVersions");
        b.HasKey(v => v.Name);
    }
}
