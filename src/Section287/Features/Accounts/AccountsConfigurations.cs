using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Section287.Features.Accounts;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(200);
        b.Property(u => u.AorCode).HasMaxLength(3);
        b.Property(u => u.DisabledReason).HasMaxLength(500);
        b.HasIndex(u => u.AgencyId);
        b.HasIndex(u => u.Role);
    }
}
