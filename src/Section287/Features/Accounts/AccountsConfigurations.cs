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
        // Identity saves an account by marking every column changed; this one is written only by the authenticator check's own
        // conditional update, so a save from a stale copy (a failed attempt's count, say) can never set it back (issue 14, item 7).
        b.Property(u => u.LastTotpStep).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        b.HasIndex(u => u.AgencyId);
        b.HasIndex(u => u.Role);
    }
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<AccountLink>
{
    public void Configure(EntityTypeBuilder<AccountLink> b)
    {
        b.Property(l => l.Purpose).HasConversion<string>().HasMaxLength(30);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.IssuedBy).HasMaxLength(200);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.UserId);
    }
}
