using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Costs;

internal sealed class QuarterCostConfiguration : IEntityTypeConfiguration<QuarterCost>
{
    public void Configure(EntityTypeBuilder<QuarterCost> b)
    {
        b.HasIndex(q => new { q.AgreementId, q.Year, q.Quarter }).IsUnique();
        b.HasIndex(q => new { q.AgencyId, q.Year, q.Quarter });
        b.HasIndex(q => q.Status);
        b.HasMany(q => q.Lines).WithOne().HasForeignKey(l => l.QuarterCostId).OnDelete(DeleteBehavior.Cascade);
        b.Property(q => q.Version).IsConcurrencyToken();
        b.Ignore(q => q.Period);
        foreach (var money in new[] { "TrainingCost", "EquipmentCost", "GrossCost", "ClaimSalaryBenefits", "ClaimOvertime", "ClaimAward", "ClaimTotal",
            "ApprovedAmount", "PaidAmount" }) b.Property(money).HasPrecision(14, 2);
    }
}

internal sealed class QuarterCostLineConfiguration : IEntityTypeConfiguration<QuarterCostLine>
{
    public void Configure(EntityTypeBuilder<QuarterCostLine> b)
    {
        b.HasIndex(l => new { l.QuarterCostId, l.OfficerId }).IsUnique();
        b.HasIndex(l => l.OfficerId);
        b.Property(l => l.Hours).HasPrecision(8, 2);
        foreach (var money in new[] { "AnnualSalary", "AnnualBenefits", "Overtime", "PersonnelCost", "ClaimSalaryBenefits", "ClaimOvertime" })
            b.Property(money).HasPrecision(14, 2);
    }
}
