using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Officers;

namespace Section287.Features.IceLists;

internal sealed class IceListSnapshotConfiguration : IEntityTypeConfiguration<IceListSnapshot>
{
    public void Configure(EntityTypeBuilder<IceListSnapshot> b)
    {
        b.HasIndex(s => new { s.Kind, s.AsOf });
    }
}

internal sealed class IceListUndoRecordConfiguration : IEntityTypeConfiguration<IceListUndoRecord>
{
    public void Configure(EntityTypeBuilder<IceListUndoRecord> b)
    {
        b.HasIndex(r => r.SnapshotId);
    }
}

internal sealed class DataQualityFlagConfiguration : IEntityTypeConfiguration<DataQualityFlag>
{
    public void Configure(EntityTypeBuilder<DataQualityFlag> b)
    {
        b.HasIndex(f => f.AgreementId);
        b.HasIndex(f => f.AgencyId);
        b.HasIndex(f => f.SnapshotId);
    }
}

internal sealed class IceListOriginalConfiguration : IEntityTypeConfiguration<IceListOriginal>
{
    public void Configure(EntityTypeBuilder<IceListOriginal> b)
    {
        b.HasKey(o => o.SnapshotId);
        b.HasOne<IceListSnapshot>().WithOne().HasForeignKey<IceListOriginal>(o => o.SnapshotId).OnDelete(DeleteBehavior.Cascade);
    }
}
