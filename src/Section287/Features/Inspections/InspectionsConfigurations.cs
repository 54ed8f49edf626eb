using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Inspections;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.AgreementId, i.Status });
        b.HasIndex(i => new { i.Status, i.DueOn });
        b.HasOne<Agreements.Agreement>().WithMany().HasForeignKey(i => i.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> b)
    {
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.InspectionId, i.Order });
        b.HasOne<Inspection>().WithMany().HasForeignKey(i => i.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InspectionFindingConfiguration : IEntityTypeConfiguration<InspectionFinding>
{
    public void Configure(EntityTypeBuilder<InspectionFinding> b)
    {
        b.Property(f => f.Version).IsConcurrencyToken();
        b.HasIndex(f => f.InspectionId);
        b.HasIndex(f => new { f.ClosedAt, f.DueOn });
        b.HasOne<Inspection>().WithMany().HasForeignKey(f => f.InspectionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PosterAttestationConfiguration : IEntityTypeConfiguration<PosterAttestation>
{
    public void Configure(EntityTypeBuilder<PosterAttestation> b)
    {
        b.HasIndex(p => new { p.AgencyId, p.AttestedAt });
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
