using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Audit;

internal sealed class PersonDataReadConfiguration : IEntityTypeConfiguration<PersonDataRead>
{
    public void Configure(EntityTypeBuilder<PersonDataRead> b)
    {
        b.HasIndex(r => new { r.SubjectType, r.SubjectId });
        b.HasIndex(r => new { r.AgencyId, r.At });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Sequence);
        b.Property(e => e.Sequence).ValueGeneratedNever();
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        // The audit page's filters (issue 20): who, what (by prefix), when.
        b.HasIndex(e => new { e.ActorId, e.Sequence });
        b.HasIndex(e => e.Action);
        b.HasIndex(e => e.At);
    }
}
