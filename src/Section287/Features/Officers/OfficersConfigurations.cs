using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> b)
    {
        b.HasIndex(o => new { o.AgencyId, o.BadgeNumber }).IsUnique();
        b.HasIndex(o => new { o.AgencyId, o.FullName });
        b.HasIndex(o => o.UserId);
        b.Property(o => o.FullName).HasMaxLength(200);
        b.Property(o => o.BadgeNumber).HasMaxLength(50);
        b.Property(o => o.Rank).HasMaxLength(100);
        b.Property(o => o.ExperienceYears).HasPrecision(4, 1);
        b.Property(o => o.Version).IsConcurrencyToken();
        b.HasOne<Agency>().WithMany().HasForeignKey(o => o.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NominationConfiguration : IEntityTypeConfiguration<Nomination>
{
    public void Configure(EntityTypeBuilder<Nomination> b)
    {
        b.HasIndex(n => new { n.AgreementId, n.OfficerId });
        b.HasIndex(n => n.OfficerId);
        b.HasIndex(n => new { n.AgencyId, n.Background });
        b.Property(n => n.Version).IsConcurrencyToken();
        b.HasOne<Officer>().WithMany().HasForeignKey(n => n.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Agreement>().WithMany().HasForeignKey(n => n.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuthorizationConfiguration : IEntityTypeConfiguration<Authorization>
{
    public void Configure(EntityTypeBuilder<Authorization> b)
    {
        b.HasIndex(a => a.CredentialNumber).IsUnique();
        b.HasIndex(a => a.LetterNumber).IsUnique();
        b.HasIndex(a => new { a.OfficerId, a.AgreementId });
        b.HasIndex(a => new { a.AgencyId, a.Model });
        b.HasIndex(a => a.AgreementId);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne<Officer>().WithMany().HasForeignKey(a => a.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Nomination>().WithMany().HasForeignKey(a => a.NominationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Suspensions).WithOne().HasForeignKey(s => s.AuthorizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuthorizationSuspensionConfiguration : IEntityTypeConfiguration<AuthorizationSuspension>
{
    public void Configure(EntityTypeBuilder<AuthorizationSuspension> b)
    {
        b.ToTable("AuthorizationSuspensions").HasIndex(s => s.AuthorizationId);
    }
}

internal sealed class OfficerEventConfiguration : IEntityTypeConfiguration<OfficerEvent>
{
    public void Configure(EntityTypeBuilder<OfficerEvent> b)
    {
        b.HasIndex(e => new { e.OfficerId, e.At });
    }
}

internal sealed class OfficerConditionConfiguration : IEntityTypeConfiguration<OfficerCondition>
{
    public void Configure(EntityTypeBuilder<OfficerCondition> b)
    {
        b.HasIndex(c => new { c.OfficerId, c.Kind, c.From });
        b.HasOne<Officer>().WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuthorityStateConfiguration : IEntityTypeConfiguration<AuthorityState>
{
    public void Configure(EntityTypeBuilder<AuthorityState> b)
    {
        b.HasIndex(s => new { s.OfficerId, s.AgreementId }).IsUnique();
        b.HasIndex(s => s.AgencyId);
        b.Property(s => s.Version).IsConcurrencyToken();
    }
}
