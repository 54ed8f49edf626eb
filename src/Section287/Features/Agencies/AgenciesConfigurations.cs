using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agreements;

namespace Section287.Features.Agencies;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.HasIndex(a => new { a.State, a.NameKey }).IsUnique();
        b.HasIndex(a => a.AorCode);
        b.HasIndex(a => a.Type);
        b.HasIndex(a => a.NameKey);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.Agreements).WithOne(a => a.Agency).HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.PendingListings).WithOne().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.DetentionAgreement);
    }
}

internal sealed class AgencyInterpreterConfiguration : IEntityTypeConfiguration<AgencyInterpreter>
{
    public void Configure(EntityTypeBuilder<AgencyInterpreter> b)
    {
        b.HasIndex(i => new { i.AgencyId, i.RemovedAt });
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PendingListingConfiguration : IEntityTypeConfiguration<PendingListing>
{
    public void Configure(EntityTypeBuilder<PendingListing> b)
    {
        b.HasIndex(p => new { p.AgencyId, p.Model }).IsUnique();
    }
}

internal sealed class AgencyContactConfiguration : IEntityTypeConfiguration<AgencyContact>
{
    public void Configure(EntityTypeBuilder<AgencyContact> b)
    {
        b.HasIndex(c => c.AgencyId);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
