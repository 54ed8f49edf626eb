using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Transparency;

internal sealed class ReleaseRequestConfiguration : IEntityTypeConfiguration<ReleaseRequest>
{
    public void Configure(EntityTypeBuilder<ReleaseRequest> b)
    {
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.Kind, r.Status });
        b.HasIndex(r => r.RequestedAt);
    }
}

internal sealed class PublishedFigureConfiguration : IEntityTypeConfiguration<PublishedFigure>
{
    public void Configure(EntityTypeBuilder<PublishedFigure> b)
    {
        b.HasKey(f => f.Id);
        b.HasIndex(f => new { f.Kind, f.Quarter, f.Level, f.Area, f.Part }).IsUnique();
        b.HasIndex(f => new { f.Level, f.State, f.Quarter });
        b.HasIndex(f => new { f.Area, f.Quarter });
    }
}

internal sealed class QuarterlyReportConfiguration : IEntityTypeConfiguration<QuarterlyReport>
{
    public void Configure(EntityTypeBuilder<QuarterlyReport> b) => b.HasIndex(r => new { r.Scope, r.Quarter, r.Language }).IsUnique();
}

internal sealed class FigurePublicationConfiguration : IEntityTypeConfiguration<FigurePublication>
{
    public void Configure(EntityTypeBuilder<FigurePublication> b) => b.HasIndex(p => new { p.Kind, p.Quarter }).IsUnique();
}
