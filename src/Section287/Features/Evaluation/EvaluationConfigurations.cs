using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Evaluation;

internal sealed class CrimePanelConfiguration : IEntityTypeConfiguration<CrimePanel>
{
    public void Configure(EntityTypeBuilder<CrimePanel> b) => b.HasIndex(p => p.Sha256).IsUnique();
}

internal sealed class CountyCrimeYearConfiguration : IEntityTypeConfiguration<CountyCrimeYear>
{
    public void Configure(EntityTypeBuilder<CountyCrimeYear> b) => b.HasKey(r => new { r.PanelId, r.CountyFips, r.Year });
}
