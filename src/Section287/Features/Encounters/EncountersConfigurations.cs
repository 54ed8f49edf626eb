using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

internal sealed class EncounterConfiguration : IEntityTypeConfiguration<Encounter>
{
    public void Configure(EntityTypeBuilder<Encounter> b)
    {
        b.HasIndex(e => e.Number).IsUnique();
        b.HasIndex(e => e.OccurredAt);
        b.Property(e => e.AorCode).HasMaxLength(3);
        b.HasIndex(e => new { e.AorCode, e.OccurredAt });
        b.HasIndex(e => new { e.AgencyId, e.OccurredAt });
        b.HasIndex(e => new { e.AgreementId, e.OccurredAt });
        b.HasIndex(e => new { e.OfficerUserId, e.OccurredAt });
        b.HasIndex(e => e.NameDobHash);
        b.HasIndex(e => e.FbiNumberHash);
        b.HasIndex(e => e.ANumberHash);
        b.HasIndex(e => new { e.ClosedAt, e.ScheduledReleaseAt });
        b.HasIndex(e => new { e.ClosedAt, e.TransferredAt });
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<Agreement>().WithMany().HasForeignKey(e => e.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Events).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Detainers).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Claims).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Documents).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Versions).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EncounterEventConfiguration : IEntityTypeConfiguration<EncounterEvent>
{
    public void Configure(EntityTypeBuilder<EncounterEvent> b)
    {
        b.HasIndex(x => new { x.EncounterId, x.At });
        b.HasIndex(x => new { x.AgencyId, x.Kind, x.At });
    }
}

internal sealed class DetainerConfiguration : IEntityTypeConfiguration<Detainer>
{
    public void Configure(EntityTypeBuilder<Detainer> b)
    {
        b.HasIndex(d => d.EncounterId);
        b.HasIndex(d => new { d.Status, d.QueuedAt });
        b.HasIndex(d => d.AgencyId);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class ChargingDocumentConfiguration : IEntityTypeConfiguration<ChargingDocument>
{
    public void Configure(EntityTypeBuilder<ChargingDocument> b)
    {
        b.ToTable("ChargingDocuments");
        b.HasIndex(d => d.EncounterId);
        b.HasIndex(d => new { d.Status, d.PreparedAt });
        b.HasIndex(d => d.AgencyId);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}

internal sealed class CitizenshipClaimConfiguration : IEntityTypeConfiguration<CitizenshipClaim>
{
    public void Configure(EntityTypeBuilder<CitizenshipClaim> b)
    {
        b.HasIndex(c => c.EncounterId);
        b.HasIndex(c => new { c.AgencyId, c.ResolvedAt });
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

internal sealed class EncounterVersionConfiguration : IEntityTypeConfiguration<EncounterVersion>
{
    public void Configure(EntityTypeBuilder<EncounterVersion> b)
    {
        b.HasIndex(v => new { v.EncounterId, v.Number }).IsUnique();
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> b)
    {
        b.HasIndex(i => new { i.AgencyId, i.ClosedAt });
        b.HasIndex(i => new { i.EncounterId, i.Kind }).IsUnique();
        b.HasIndex(i => new { i.Kind, i.OccurredAt });
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<Encounter>().WithMany().HasForeignKey(i => i.EncounterId).OnDelete(DeleteBehavior.Restrict);
    }
}
