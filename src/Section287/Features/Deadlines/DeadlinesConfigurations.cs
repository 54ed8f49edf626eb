using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Deadlines;

internal sealed class DeadlineConfiguration : IEntityTypeConfiguration<Deadline>
{
    public void Configure(EntityTypeBuilder<Deadline> b)
    {
        b.HasIndex(d => new { d.Status, d.DueAt });
        b.HasIndex(d => new { d.Status, d.WarnAt });
        b.HasIndex(d => d.SubjectId);
        b.HasIndex(d => new { d.AssigneeId, d.Status });
        b.HasIndex(d => d.AgencyId);
        b.Property(d => d.Version).IsConcurrencyToken();
    }
}
