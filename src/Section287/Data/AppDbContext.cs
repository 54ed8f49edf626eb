using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Applications;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using Section287.Features.Notifications;
using Section287.Features.Audit;
using Section287.Features.IceLists;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Data;

/// <summary>
/// The one unit of work. Each use case saves once, in one transaction, and that save also stamps
/// times and versions, refuses writes outside the user's scope, and appends the audit entries.
/// </summary>
public sealed class AppDbContext(
    DbContextOptions<AppDbContext> options, AccessScope scope, ChangeContext changeContext, TimeProvider clock)
    : IdentityUserContext<AppUser, Guid>(options)
{
    private static readonly SemaphoreSlim AuditLock = new(1, 1);

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AgreementChange> AgreementChanges => Set<AgreementChange>();

    public DbSet<PendingListing> PendingListings => Set<PendingListing>();

    public DbSet<AgencyContact> AgencyContacts => Set<AgencyContact>();

    public DbSet<IceListSnapshot> IceListSnapshots => Set<IceListSnapshot>();

    public DbSet<DataQualityFlag> DataQualityFlags => Set<DataQualityFlag>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AgreementVersion> AgreementVersions => Set<AgreementVersion>();

    public DbSet<Application> Applications => Set<Application>();

    public DbSet<Attachment> Attachments => Set<Attachment>();

    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();

    public DbSet<PublicComment> PublicComments => Set<PublicComment>();

    public DbSet<Deadline> Deadlines => Set<Deadline>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<Nomination> Nominations => Set<Nomination>();

    public DbSet<Course> Courses => Set<Course>();

    public DbSet<TrainingClass> TrainingClasses => Set<TrainingClass>();

    public DbSet<Enrollment> Enrollments => Set<Enrollment>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<Authorization> Authorizations => Set<Authorization>();

    public DbSet<PendingAllegation> PendingAllegations => Set<PendingAllegation>();

    public DbSet<TrainingRequirement> TrainingRequirements => Set<TrainingRequirement>();

    public DbSet<OfficerCondition> OfficerConditions => Set<OfficerCondition>();

    public DbSet<ChargingDocument> ChargingDocuments => Set<ChargingDocument>();

    public DbSet<AgencyInterpreter> AgencyInterpreters => Set<AgencyInterpreter>();

    public DbSet<StatisticsRequest> StatisticsRequests => Set<StatisticsRequest>();

    public DbSet<OfficerEvent> OfficerEvents => Set<OfficerEvent>();

    public DbSet<AuthorityState> AuthorityStates => Set<AuthorityState>();

    public DbSet<PersonDataRead> PersonDataReads => Set<PersonDataRead>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Encounter> Encounters => Set<Encounter>();

    public DbSet<EncounterEvent> EncounterEvents => Set<EncounterEvent>();

    public DbSet<Detainer> Detainers => Set<Detainer>();

    public DbSet<CitizenshipClaim> CitizenshipClaims => Set<CitizenshipClaim>();

    public DbSet<EncounterVersion> EncounterVersions => Set<EncounterVersion>();

    public DbSet<Incident> Incidents => Set<Incident>();

    public AccessScope Scope => scope;

    /// <summary>The agencies whose non-public records the current user may see: theirs, their area's, or all.</summary>
    public IQueryable<Agency> AgenciesInScope =>
        Agencies.Where(a => ScopeAll || (ScopeAgencyId != null && a.Id == ScopeAgencyId) || (ScopeAor != null && a.AorCode == ScopeAor));

    // Read by the query filters; EF re-reads them for every query of this context.
    private bool ScopeAll => scope.ReadsEverything;

    private Guid? ScopeAgencyId => scope.AgencyId;

    private string? ScopeAor => scope.AorCode;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<AgreementModel>().HaveConversion<string>();
        configurationBuilder.Properties<AgreementStatus>().HaveConversion<string>();
        configurationBuilder.Properties<AgreementSource>().HaveConversion<string>();
        configurationBuilder.Properties<AgreementChangeKind>().HaveConversion<string>();
        configurationBuilder.Properties<AgencyType>().HaveConversion<string>();
        configurationBuilder.Properties<IceListKind>().HaveConversion<string>();
        configurationBuilder.Properties<AuditChange>().HaveConversion<string>();
        configurationBuilder.Properties<Role>().HaveConversion<string>();
        configurationBuilder.Properties<VersionStatus>().HaveConversion<string>();
        configurationBuilder.Properties<ApplicationStatus>().HaveConversion<string>();
        configurationBuilder.Properties<ApplicationOutcome>().HaveConversion<string>();
        configurationBuilder.Properties<CommentStatus>().HaveConversion<string>();
        configurationBuilder.Properties<DeadlineStatus>().HaveConversion<string>();
        configurationBuilder.Properties<EmailStatus>().HaveConversion<string>();
        configurationBuilder.Properties<SeparationKind>().HaveConversion<string>();
        configurationBuilder.Properties<BackgroundStatus>().HaveConversion<string>();
        configurationBuilder.Properties<CourseKind>().HaveConversion<string>();
        configurationBuilder.Properties<MakeUpScope>().HaveConversion<string>();
        configurationBuilder.Properties<Delivery>().HaveConversion<string>();
        configurationBuilder.Properties<EnrollmentStatus>().HaveConversion<string>();
        configurationBuilder.Properties<BasisKind>().HaveConversion<string>();
        configurationBuilder.Properties<DetainerStatus>().HaveConversion<string>();
        configurationBuilder.Properties<DocumentStatus>().HaveConversion<string>();
        configurationBuilder.Properties<ClaimOutcome>().HaveConversion<string>();
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(b =>
        {
            b.Property(u => u.DisplayName).HasMaxLength(200);
            b.Property(u => u.AorCode).HasMaxLength(3);
            b.HasIndex(u => u.AgencyId);
        });

        builder.Entity<Agency>(b =>
        {
            b.HasIndex(a => new { a.State, a.NameKey }).IsUnique();
            b.HasIndex(a => a.AorCode);
            b.HasIndex(a => a.Type);
            b.HasIndex(a => a.NameKey);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasMany(a => a.Agreements).WithOne(a => a.Agency).HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(a => a.PendingListings).WithOne().HasForeignKey(p => p.AgencyId).OnDelete(DeleteBehavior.Restrict);
            b.Ignore(a => a.DetentionAgreement);
        });

        builder.Entity<Agreement>(b =>
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
        });

        builder.Entity<AgreementVersion>(b =>
        {
            b.HasIndex(v => new { v.AgreementId, v.Number }).IsUnique();
            b.HasIndex(v => v.AgencyId);
            b.Property(v => v.Version).IsConcurrencyToken();
        });

        builder.Entity<Application>(b =>
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
        });

        builder.Entity<RequestedModel>(b => b.ToTable("RequestedModels").HasIndex(m => new { m.ApplicationId, m.Model }).IsUnique());

        builder.Entity<EngagementMeeting>(b => b.ToTable("EngagementMeetings").HasIndex(m => m.ApplicationId));

        builder.Entity<ReviewCheck>(b => b.ToTable("ReviewChecks").HasIndex(c => new { c.ApplicationId, c.Item }).IsUnique());

        builder.Entity<InformationRequest>(b => b.ToTable("InformationRequests").HasIndex(r => r.ApplicationId));

        builder.Entity<Attachment>(b =>
        {
            b.HasIndex(a => a.ApplicationId);
            b.HasOne<Application>().WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<AttachmentContent>().WithOne().HasForeignKey<AttachmentContent>(c => c.Id).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PublicComment>(b =>
        {
            b.HasIndex(c => new { c.ApplicationId, c.Status });
            b.HasIndex(c => new { c.Status, c.CreatedAt });
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasOne<Application>().WithMany().HasForeignKey(c => c.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Deadline>(b =>
        {
            b.HasIndex(d => new { d.Status, d.DueAt });
            b.HasIndex(d => new { d.Status, d.WarnAt });
            b.HasIndex(d => d.SubjectId);
            b.HasIndex(d => new { d.AssigneeId, d.Status });
            b.HasIndex(d => d.AgencyId);
            b.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<Notification>(b =>
        {
            b.HasIndex(n => new { n.UserId, n.CreatedAt });
            b.HasIndex(n => new { n.EmailStatus, n.CreatedAt });
            b.Property(n => n.Version).IsConcurrencyToken();
        });

        builder.Entity<Officer>(b =>
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
        });

        builder.Entity<Nomination>(b =>
        {
            b.HasIndex(n => new { n.AgreementId, n.OfficerId });
            b.HasIndex(n => n.OfficerId);
            b.HasIndex(n => new { n.AgencyId, n.Background });
            b.Property(n => n.Version).IsConcurrencyToken();
            b.HasOne<Officer>().WithMany().HasForeignKey(n => n.OfficerId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Agreement>().WithMany().HasForeignKey(n => n.AgreementId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Course>(b =>
        {
            b.HasIndex(c => c.Code).IsUnique();
            b.HasIndex(c => new { c.Model, c.Kind });
            b.Property(c => c.Hours).HasPrecision(6, 1);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasMany(c => c.Exams).WithOne().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CourseExam>(b => b.ToTable("CourseExams").HasIndex(e => new { e.CourseId, e.Key }).IsUnique());

        builder.Entity<TrainingClass>(b =>
        {
            b.HasIndex(c => new { c.CourseId, c.StartsOn });
            b.HasIndex(c => c.StartsOn);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Enrollment>(b =>
        {
            b.HasIndex(e => new { e.ClassId, e.Status });
            b.HasIndex(e => new { e.OfficerId, e.CourseId });
            b.HasIndex(e => e.AgencyId);
            b.Property(e => e.AttendanceHours).HasPrecision(6, 1);
            b.Property(e => e.Version).IsConcurrencyToken();
            b.HasOne<TrainingClass>().WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Attempts).WithOne().HasForeignKey(a => a.EnrollmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ExamAttempt>(b =>
        {
            b.ToTable("ExamAttempts");
            b.HasIndex(a => new { a.EnrollmentId, a.ExamKey, a.Attempt }).IsUnique();
            b.Property(a => a.ScorePercent).HasPrecision(5, 2);
        });

        builder.Entity<Certificate>(b =>
        {
            b.HasIndex(c => c.Number).IsUnique();
            b.HasIndex(c => new { c.OfficerId, c.Model });
            b.HasIndex(c => new { c.AgencyId, c.Model });
            b.HasIndex(c => c.SupersedesId);
            b.Property(c => c.Hours).HasPrecision(6, 1);
            b.HasOne<Officer>().WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Authorization>(b =>
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
        });

        builder.Entity<AuthorizationSuspension>(b => b.ToTable("AuthorizationSuspensions").HasIndex(s => s.AuthorizationId));

        builder.Entity<PendingAllegation>(b =>
        {
            b.HasIndex(a => a.OfficerId);
            b.Property(a => a.Version).IsConcurrencyToken();
            b.HasOne<Officer>().WithMany().HasForeignKey(a => a.OfficerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OfficerEvent>(b => b.HasIndex(e => new { e.OfficerId, e.At }));

        builder.Entity<OfficerCondition>(b =>
        {
            b.HasIndex(c => new { c.OfficerId, c.Kind, c.From });
            b.HasOne<Officer>().WithMany().HasForeignKey(c => c.OfficerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TrainingRequirement>(b =>
        {
            b.HasIndex(r => new { r.AgreementId, r.DueOn });
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AuthorityState>(b =>
        {
            b.HasIndex(s => new { s.OfficerId, s.AgreementId }).IsUnique();
            b.HasIndex(s => s.AgencyId);
            b.Property(s => s.Version).IsConcurrencyToken();
        });

        builder.Entity<DataProtectionKey>(b => b.HasIndex(k => k.CreatedAt));

        builder.Entity<Encounter>(b =>
        {
            b.HasIndex(e => e.Number).IsUnique();
            b.HasIndex(e => new { e.AgencyId, e.OccurredAt });
            b.HasIndex(e => new { e.AgreementId, e.OccurredAt });
            b.HasIndex(e => new { e.OfficerUserId, e.OccurredAt });
            b.HasIndex(e => e.NameDobHash);
            b.HasIndex(e => e.FbiNumberHash);
            b.HasIndex(e => e.ANumberHash);
            b.HasIndex(e => new { e.ClosedAt, e.ScheduledReleaseAt });
            b.HasIndex(e => new { e.ClosedAt, e.TransferredAt });
            b.Property(e => e.Version).IsConcurrencyToken();
            b.HasOne<Agreement>().WithMany().HasForeignKey(e => e.AgreementId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Officer>().WithMany().HasForeignKey(e => e.OfficerId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Events).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Detainers).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Claims).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Documents).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
            b.HasMany(e => e.Versions).WithOne().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<EncounterEvent>(b =>
        {
            b.HasIndex(x => new { x.EncounterId, x.At });
            b.HasIndex(x => new { x.AgencyId, x.Kind, x.At });
        });

        builder.Entity<Detainer>(b =>
        {
            b.HasIndex(d => d.EncounterId);
            b.HasIndex(d => new { d.Status, d.QueuedAt });
            b.HasIndex(d => d.AgencyId);
            b.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<StatisticsRequest>(b =>
        {
            b.HasIndex(r => new { r.AgreementId, r.RequestedAt });
            b.Property(r => r.Version).IsConcurrencyToken();
            b.HasOne<Agreement>().WithMany().HasForeignKey(r => r.AgreementId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<AgencyInterpreter>(b =>
        {
            b.HasIndex(i => new { i.AgencyId, i.RemovedAt });
            b.Property(i => i.Version).IsConcurrencyToken();
            b.HasOne<Agency>().WithMany().HasForeignKey(i => i.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<ChargingDocument>(b =>
        {
            b.ToTable("ChargingDocuments");
            b.HasIndex(d => d.EncounterId);
            b.HasIndex(d => new { d.Status, d.PreparedAt });
            b.HasIndex(d => d.AgencyId);
            b.Property(d => d.Version).IsConcurrencyToken();
        });

        builder.Entity<CitizenshipClaim>(b =>
        {
            b.HasIndex(c => c.EncounterId);
            b.HasIndex(c => new { c.AgencyId, c.ResolvedAt });
            b.Property(c => c.Version).IsConcurrencyToken();
        });

        builder.Entity<EncounterVersion>(b => b.HasIndex(v => new { v.EncounterId, v.Number }).IsUnique());

        builder.Entity<Incident>(b =>
        {
            b.HasIndex(i => new { i.AgencyId, i.ClosedAt });
            b.HasIndex(i => new { i.EncounterId, i.Kind }).IsUnique();
            b.HasIndex(i => new { i.Kind, i.OccurredAt });
            b.Property(i => i.Version).IsConcurrencyToken();
            b.HasOne<Encounter>().WithMany().HasForeignKey(i => i.EncounterId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<PersonDataRead>(b =>
        {
            b.HasIndex(r => new { r.SubjectType, r.SubjectId });
            b.HasIndex(r => new { r.AgencyId, r.At });
        });

        builder.Entity<AgreementChange>(b => b.HasIndex(c => new { c.AgreementId, c.RecordedAt }));

        builder.Entity<PendingListing>(b => b.HasIndex(p => new { p.AgencyId, p.Model }).IsUnique());

        builder.Entity<AgencyContact>(b =>
        {
            b.HasIndex(c => c.AgencyId);
            b.Property(c => c.Version).IsConcurrencyToken();
            b.HasOne<Agency>().WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<IceListSnapshot>(b => b.HasIndex(s => new { s.Kind, s.AsOf }));

        builder.Entity<DataQualityFlag>(b =>
        {
            b.HasIndex(f => f.AgreementId);
            b.HasIndex(f => f.AgencyId);
            b.HasIndex(f => f.SnapshotId);
        });

        builder.Entity<AuditEntry>(b =>
        {
            b.HasKey(e => e.Sequence);
            b.Property(e => e.Sequence).ValueGeneratedNever();
            b.HasIndex(e => new { e.EntityType, e.EntityId });
        });

        // Keys are made by the code (version 7 GUIDs), so a new record reached through a navigation is an insert.
        foreach (var key in builder.Model.GetEntityTypes().SelectMany(t => t.GetKeys()).Where(k => k.IsPrimaryKey()))
        {
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid))) property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IAgencyOwned).IsAssignableFrom(t.ClrType)))
        {
            GetType().GetMethod(nameof(ApplyAgencyFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                .MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    private void ApplyAgencyFilter<T>(ModelBuilder builder) where T : class, IAgencyOwned
    {
        Expression<Func<T, bool>> filter = e =>
            ScopeAll
            || (ScopeAgencyId != null && e.AgencyId == ScopeAgencyId)
            || (ScopeAor != null && Agencies.Any(a => a.Id == e.AgencyId && a.AorCode == ScopeAor));
        builder.Entity<T>().HasQueryFilter(filter);
    }

    /// <summary>Saves; a record someone else changed meanwhile comes back as the stale-edit error, not an exception.</summary>
    public async Task<Common.Error?> SaveOrStaleAsync(CancellationToken ct)
    {
        try
        {
            await SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Common.CommonErrors.StaleEdit;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var now = TruncateToMillisecond(clock.GetUtcNow().UtcDateTime);
        ChangeTracker.DetectChanges();
        var entries = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries.Where(e => e.Entity is IImmutable && e.State != EntityState.Added))
            throw new ImmutableRecordException($"{entry.Metadata.ClrType.Name} records are never changed or deleted; issue a correction instead.");
        await GuardScopeAsync(entries, cancellationToken);
        Stamp(entries, now);

        var audited = entries.Where(e => IsAudited(e.Entity)).ToList();
        if (audited.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

        var drafts = audited.Select(e => Draft(e, now)).ToList();
        await AuditLock.WaitAsync(cancellationToken);
        try
        {
            var owns = Database.CurrentTransaction is null;
            await using var transaction = owns ? await Database.BeginTransactionAsync(cancellationToken) : null;
            if (Database.IsNpgsql())
            {
                // One chain for every instance of the app: writers take turns at its tail.
                await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(287287)", cancellationToken);
            }
            var tail = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
                .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
            var sequence = tail?.Sequence ?? 0;
            var previous = tail?.Hash ?? AuditEntry.GenesisHash;
            foreach (var draft in drafts)
            {
                var entry = draft(++sequence, previous);
                AuditEntries.Add(entry);
                previous = entry.Hash;
            }
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            AuditLock.Release();
        }
    }

    private async Task GuardScopeAsync(List<EntityEntry> entries, CancellationToken ct)
    {
        if (scope.ReadsEverything && !scope.IsReadOnly) return;
        foreach (var entry in entries)
        {
            // Accounts change through ASP.NET Identity (sign-in counts, lockout, second factor), which keeps its own rules.
            if (entry.Entity is AuditEntry or AppUser or IdentityUserToken<Guid> or IdentityUserClaim<Guid> or IdentityUserLogin<Guid>) continue;
            // The key ring is the app's own, written as the system when Data Protection rolls a key.
            if (entry.Entity is DataProtectionKey && entry.State == EntityState.Added) continue;
            // The public adds comments (and later complaints) without an account; it can change nothing else.
            if (scope.IsAnonymous && entry.Entity is IPublicSubmission && entry.State == EntityState.Added) continue;
            // Oversight is read-only, but marks its own notifications read (the query only finds the user's own).
            if (scope.IsReadOnly && !scope.IsAnonymous && entry.Entity is Notification && entry.State == EntityState.Modified) continue;
            // Every reader of person data leaves a trace of their own read, oversight included, even of a search that matched no agency.
            if (!scope.IsAnonymous && entry.Entity is PersonDataRead && entry.State == EntityState.Added) continue;
            if (scope.IsReadOnly)
                throw new TenancyViolationException($"A read-only user tried to change {entry.Metadata.ClrType.Name}.");
            Guid? agencyId = entry.Entity switch
            {
                IAgencyOwned owned => owned.AgencyId,
                Agency agency => agency.Id,
                Agreement agreement => agreement.AgencyId,
                RequestedModel or EngagementMeeting or ReviewCheck or InformationRequest => await AgencyOfApplicationAsync(entry, ct),
                ExamAttempt attempt => await AgencyOfEnrollmentAsync(attempt.EnrollmentId, ct),
                AuthorizationSuspension suspension => await AgencyOfAuthorizationAsync(suspension.AuthorizationId, ct),
                AgreementChange change => await AgencyOfAgreementAsync(change.AgreementId, ct),
                _ => null,
            };
            if (agencyId is null)
            {
                throw new TenancyViolationException($"A scoped user tried to change {entry.Metadata.ClrType.Name}, which no agency owns.");
            }
            var allowed = scope.AgencyId is { } own
                ? own == agencyId
                : await Agencies.IgnoreQueryFilters().AnyAsync(a => a.Id == agencyId && a.AorCode == scope.AorCode, ct);
            if (!allowed)
                throw new TenancyViolationException($"A user scoped to another agency or area tried to change {entry.Metadata.ClrType.Name} {agencyId}.");
        }
    }

    private async Task<Guid?> AgencyOfApplicationAsync(EntityEntry entry, CancellationToken ct)
    {
        var applicationId = (Guid)entry.Property("ApplicationId").CurrentValue!;
        return ChangeTracker.Entries<Application>().FirstOrDefault(e => e.Entity.Id == applicationId)?.Entity.AgencyId
            ?? await Applications.IgnoreQueryFilters().Where(a => a.Id == applicationId).Select(a => (Guid?)a.AgencyId).FirstOrDefaultAsync(ct);
    }

    private async Task<Guid?> AgencyOfEnrollmentAsync(Guid id, CancellationToken ct) =>
        ChangeTracker.Entries<Enrollment>().FirstOrDefault(e => e.Entity.Id == id)?.Entity.AgencyId
        ?? await Enrollments.IgnoreQueryFilters().Where(e => e.Id == id).Select(e => (Guid?)e.AgencyId).FirstOrDefaultAsync(ct);

    private async Task<Guid?> AgencyOfAuthorizationAsync(Guid id, CancellationToken ct) =>
        ChangeTracker.Entries<Authorization>().FirstOrDefault(e => e.Entity.Id == id)?.Entity.AgencyId
        ?? await Authorizations.IgnoreQueryFilters().Where(a => a.Id == id).Select(a => (Guid?)a.AgencyId).FirstOrDefaultAsync(ct);

    private async Task<Guid?> AgencyOfAgreementAsync(Guid agreementId, CancellationToken ct) =>
        ChangeTracker.Entries<Agreement>().FirstOrDefault(e => e.Entity.Id == agreementId)?.Entity.AgencyId
        ?? await Agreements.Where(a => a.Id == agreementId).Select(a => (Guid?)a.AgencyId).FirstOrDefaultAsync(ct);

    private static void Stamp(List<EntityEntry> entries, DateTime now)
    {
        foreach (var entry in entries)
        {
            if (entry.Entity is ITimestamped stamped)
            {
                if (entry.State == EntityState.Added) stamped.CreatedAt = now;
                if (entry.State is EntityState.Added or EntityState.Modified) stamped.UpdatedAt = now;
            }
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified) versioned.Version++;
            if (entry.Entity is AppUser user && entry.State == EntityState.Added && user.CreatedAt == default) user.CreatedAt = now;
        }
    }

    /// <summary>
    /// Bookkeeping that is itself a record of changes (history, flags), messages, and file bytes (their SHA-256 is in
    /// the attachment's audited entry) stay out of the chain.
    /// </summary>
    private static bool IsAudited(object entity) => entity is not (AuditEntry or AgreementChange or DataQualityFlag or Notification or AttachmentContent or OfficerEvent or DataProtectionKey);

    /// <summary>Properties never written into the audit trail: secrets and bookkeeping.</summary>
    private static readonly HashSet<string> Redacted =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        "Value", nameof(ITimestamped.CreatedAt), nameof(ITimestamped.UpdatedAt), nameof(IVersioned.Version),
    ];

    private Func<long, string, AuditEntry> Draft(EntityEntry entry, DateTime now)
    {
        var change = entry.State switch
        {
            EntityState.Added => AuditChange.Added,
            EntityState.Deleted => AuditChange.Deleted,
            _ => AuditChange.Modified,
        };
        var summary = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            if (Redacted.Contains(property.Metadata.Name) || property.Metadata.IsShadowProperty()) continue;
            var before = change == AuditChange.Added ? null : property.OriginalValue;
            var after = change == AuditChange.Deleted ? null : property.CurrentValue;
            if (change == AuditChange.Modified && Equals(before, after)) continue;
            if (change != AuditChange.Modified && before is null && after is null) continue;
            summary[property.Metadata.Name] = [Plain(before), Plain(after)];
        }
        var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
        var summaryJson = JsonSerializer.Serialize(summary);
        return (sequence, previous) => new AuditEntry
        {
            Sequence = sequence,
            At = now,
            ActorId = changeContext.ActorId,
            ActorName = changeContext.ActorName,
            Action = changeContext.Action,
            Change = change,
            EntityType = entry.Metadata.ClrType.Name,
            EntityId = key,
            Summary = summaryJson,
            Reason = changeContext.Reason,
            CorrelationId = changeContext.CorrelationId,
            PreviousHash = previous,
        }.Seal();
    }

    private static object? Plain(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O"),
        DateOnly d => d.ToString("yyyy-MM-dd"),
        DateTimeOffset d => d.ToString("O"),
        Enum e => e.ToString(),
        Guid g => g.ToString(),
        _ => value,
    };

    private static DateTime TruncateToMillisecond(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>Stores UTC and reads it back as UTC on both databases.</summary>
    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
