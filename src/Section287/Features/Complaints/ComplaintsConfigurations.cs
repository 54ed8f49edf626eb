using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Complaints;

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Property(c => c.TrackingNumber).HasMaxLength(14);
        b.HasIndex(c => c.TrackingNumber).IsUnique();
        b.HasIndex(c => new { c.AgencyId, c.ReceivedAt });
        b.HasIndex(c => new { c.Status, c.ReceivedAt });
        b.HasIndex(c => c.IntakeProcessedAt);
        b.HasIndex(c => c.ReceivedAt); // the list's default order, newest first, across every agency
        b.HasOne<Agencies.Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintAllegationConfiguration : IEntityTypeConfiguration<ComplaintAllegation>
{
    public void Configure(EntityTypeBuilder<ComplaintAllegation> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => a.ComplaintId);
        b.HasIndex(a => a.OfficerId);
        b.HasOne<Complaint>().WithMany().HasForeignKey(a => a.ComplaintId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(a => a.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintReferralConfiguration : IEntityTypeConfiguration<ComplaintReferral>
{
    public void Configure(EntityTypeBuilder<ComplaintReferral> b)
    {
        b.HasIndex(r => r.ComplaintId);
        b.HasOne<Complaint>().WithMany().HasForeignKey(r => r.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> b)
    {
        b.HasIndex(e => new { e.ComplaintId, e.At });
        b.HasOne<Complaint>().WithMany().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Restrict);
    }
}
