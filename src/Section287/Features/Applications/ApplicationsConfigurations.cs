using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using Section287.Features.IceLists;
using Section287.Data;

namespace Section287.Features.Applications;

internal sealed class ApplicationConfiguration : IEntityTypeConfiguration<Application>
{
    public void Configure(EntityTypeBuilder<Application> b)
    {
        b.HasIndex(a => new { a.AgencyId, a.Status });
        b.HasIndex(a => new { a.Status, a.CommentClosesOn });
        b.HasIndex(a => a.UpdatedAt);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.Property(a => a.BudgetDollars).HasPrecision(14, 2);
        b.HasOne<Agency>().WithMany().HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
        // The agency's answers are replaced whole on each edit, so the rows it drops are deleted with it.
        b.HasMany(a => a.Models).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Meetings).WithOne().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Checklist).WithOne().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.InformationRequests).WithOne().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RequestedModelConfiguration : IEntityTypeConfiguration<RequestedModel>
{
    public void Configure(EntityTypeBuilder<RequestedModel> b)
    {
        b.ToTable("RequestedModels").HasIndex(m => new { m.ApplicationId, m.Model }).IsUnique();
    }
}

internal sealed class EngagementMeetingConfiguration : IEntityTypeConfiguration<EngagementMeeting>
{
    public void Configure(EntityTypeBuilder<EngagementMeeting> b)
    {
        b.ToTable("EngagementMeetings").HasIndex(m => m.ApplicationId);
    }
}

internal sealed class ReviewCheckConfiguration : IEntityTypeConfiguration<ReviewCheck>
{
    public void Configure(EntityTypeBuilder<ReviewCheck> b)
    {
        b.ToTable("ReviewChecks").HasIndex(c => new { c.ApplicationId, c.Item }).IsUnique();
    }
}

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> b)
    {
        b.ToTable("InformationRequests").HasIndex(r => r.ApplicationId);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasIndex(a => a.ApplicationId);
        b.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AttachmentContent>().WithOne().HasForeignKey<AttachmentContent>(c => c.Id).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PublicCommentConfiguration : IEntityTypeConfiguration<PublicComment>
{
    public void Configure(EntityTypeBuilder<PublicComment> b)
    {
        b.HasIndex(c => new { c.ApplicationId, c.Status });
        b.HasIndex(c => new { c.Status, c.CreatedAt });
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
