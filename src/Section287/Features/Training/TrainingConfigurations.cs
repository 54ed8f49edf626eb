using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Training;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> b)
    {
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => new { c.Model, c.Kind });
        b.Property(c => c.Hours).HasPrecision(6, 1);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasMany(c => c.Exams).WithOne().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CourseExamConfiguration : IEntityTypeConfiguration<CourseExam>
{
    public void Configure(EntityTypeBuilder<CourseExam> b)
    {
        b.ToTable("CourseExams").HasIndex(e => new { e.CourseId, e.Key }).IsUnique();
    }
}

internal sealed class TrainingClassConfiguration : IEntityTypeConfiguration<TrainingClass>
{
    public void Configure(EntityTypeBuilder<TrainingClass> b)
    {
        b.HasIndex(c => new { c.CourseId, c.StartsOn });
        b.HasIndex(c => c.StartsOn);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnrollmentConfiguration : IEntityTypeConfiguration<Enrollment>
{
    public void Configure(EntityTypeBuilder<Enrollment> b)
    {
        b.HasIndex(e => new { e.ClassId, e.Status });
        b.HasIndex(e => new { e.OfficerId, e.CourseId });
        b.HasIndex(e => e.AgencyId);
        b.Property(e => e.AttendanceHours).HasPrecision(6, 1);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne<TrainingClass>().WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExamAttemptConfiguration : IEntityTypeConfiguration<ExamAttempt>
{
    public void Configure(EntityTypeBuilder<ExamAttempt> b)
    {
        b.ToTable("ExamAttempts");
        b.HasIndex(a => new { a.EnrollmentId, a.ExamKey, a.Attempt }).IsUnique();
        b.Property(a => a.ScorePercent).HasPrecision(5, 2);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.HasIndex(c => c.Number).IsUnique();
        b.HasIndex(c => new { c.OfficerId, c.Model });
        b.HasIndex(c => new { c.AgencyId, c.Model });
        b.HasIndex(c => c.SupersedesId);
        b.Property(c => c.Hours).HasPrecision(6, 1);
        b.HasOne<Officer>().WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TrainingRequirementConfiguration : IEntityTypeConfiguration<TrainingRequirement>
{
    public void Configure(EntityTypeBuilder<TrainingRequirement> b)
    {
        b.HasIndex(r => new { r.AgreementId, r.DueOn });
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}
