using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Agreements;

internal sealed class AgreementConfiguration : IEntityTypeConfiguration<Agreement>
{
    public void Configure(EntityTypeBuilder<Agreement> b)
    {
        b.HasIndex(a => new { a.AgencyId, a.Model });
        b.HasIndex(a => new { a.Status, a.Model });
        b.HasIndex(a => a.TerminationEffectiveOn);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasMany(a => a.History).WithOne().HasForeignKey(h => h.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.AgreementId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.ApplicationId);
        b.Ignore(a => a.PolicySwitches);
        b.Ignore(a => a.IceCategoryList);
        b.Ignore(a => a.Notices);
        b.HasIndex(a => new { a.Status, a.SuspensionEffectiveOn });
    }
}

internal sealed class AgreementVersionConfiguration : IEntityTypeConfiguration<AgreementVersion>
{
    public void Configure(EntityTypeBuilder<AgreementVersion> b)
    {
        b.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
        b.HasIndex(v => v.AgencyId);
        b.Property(v => v.Version).IsConcurrencyToken();
    }
}

internal sealed class StatisticsRequestConfiguration : IEntityTypeConfiguration<StatisticsRequest>
{
    public void Configure(EntityTypeBuilder<StatisticsRequest> b)
    {
        b.HasIndex(r => new { r.AgreementId, r.RequestedAt });
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AgreementChangeConfiguration : IEntityTypeConfiguration<AgreementChange>
{
    public void Configure(EntityTypeBuilder<AgreementChange> b)
    {
        b.HasIndex(c => new { c.AgreementId, c.RecordedAt });
    }
}
