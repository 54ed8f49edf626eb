using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Section287.Common;
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
    DbContextOptions<AppDbContext> options, AccessScope scope, ChangeContext changeContext, TimeProvider clock, IServiceProvider services)
    : IdentityUserContext<AppUser, Guid>(options)
{
    /// <summary>True for a context on the read replica (<see cref="ReadDb"/>): it refuses to save.</summary>
    public bool ReadsReplica { get; init; }

    /// <summary>Handlers that raise events of their own get this many more rounds before the save gives up.</summary>
    private const int MaxEventRounds = 5;

    /// <summary>
    /// One turn-taking lock per database this process writes to (one in production; each test's own in the test run, so that
    /// a long write to one database never makes another wait).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> AuditLocks = new();

    public DbSet<Agency> Agencies => Set<Agency>();

    public DbSet<Agreement> Agreements => Set<Agreement>();

    public DbSet<AgreementChange> AgreementChanges => Set<AgreementChange>();

    public DbSet<PendingListing> PendingListings => Set<PendingListing>();

    public DbSet<AgencyContact> AgencyContacts => Set<AgencyContact>();

    public DbSet<IceListSnapshot> IceListSnapshots => Set<IceListSnapshot>();

    public DbSet<IceListUndoRecord> IceListUndoRecords => Set<IceListUndoRecord>();

    public DbSet<DataQualityFlag> DataQualityFlags => Set<DataQualityFlag>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<AuditAnchor> AuditAnchors => Set<AuditAnchor>();

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

    public DbSet<Features.Complaints.Complaint> Complaints => Set<Features.Complaints.Complaint>();

    public DbSet<Features.Complaints.ComplaintAllegation> ComplaintAllegations => Set<Features.Complaints.ComplaintAllegation>();

    public DbSet<Features.Complaints.ComplaintReferral> ComplaintReferrals => Set<Features.Complaints.ComplaintReferral>();

    public DbSet<Features.Complaints.ComplaintEvent> ComplaintEvents => Set<Features.Complaints.ComplaintEvent>();

    public DbSet<Features.Inspections.Inspection> Inspections => Set<Features.Inspections.Inspection>();

    public DbSet<Features.Inspections.InspectionItem> InspectionItems => Set<Features.Inspections.InspectionItem>();

    public DbSet<Features.Inspections.InspectionFinding> InspectionFindings => Set<Features.Inspections.InspectionFinding>();

    public DbSet<Features.Inspections.PosterAttestation> PosterAttestations => Set<Features.Inspections.PosterAttestation>();

    public DbSet<Features.Oversight.InterventionPolicy> InterventionPolicies => Set<Features.Oversight.InterventionPolicy>();

    public DbSet<Features.Oversight.EarlyAlert> EarlyAlerts => Set<Features.Oversight.EarlyAlert>();

    public DbSet<Features.Oversight.Meeting> Meetings => Set<Features.Oversight.Meeting>();

    public DbSet<Features.Oversight.RuleRefusal> RuleRefusals => Set<Features.Oversight.RuleRefusal>();

    public DbSet<Features.Evidence.StopDataset> StopDatasets => Set<Features.Evidence.StopDataset>();

    public DbSet<Features.Evidence.StopRecord> StopRecords => Set<Features.Evidence.StopRecord>();

    public DbSet<Features.Oversight.MeetingAction> MeetingActions => Set<Features.Oversight.MeetingAction>();

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

    public DbSet<AccountLink> AccountLinks => Set<AccountLink>();

    /// <summary>The measures' counts per agreement and day (<see cref="MeasureRollup"/>).</summary>
    public DbSet<AgreementMeasureDay> AgreementMeasureDays => Set<AgreementMeasureDay>();

    /// <summary>The measures' counts per model and day, for the nation.</summary>
    public DbSet<NationMeasureDay> NationMeasureDays => Set<NationMeasureDay>();

    public DbSet<IceListOriginal> IceListOriginals => Set<IceListOriginal>();

    public DbSet<Features.Transparency.ReleaseRequest> ReleaseRequests => Set<Features.Transparency.ReleaseRequest>();

    public DbSet<Features.Transparency.PublishedFigure> PublishedFigures => Set<Features.Transparency.PublishedFigure>();

    public DbSet<Features.Transparency.FigurePublication> FigurePublications => Set<Features.Transparency.FigurePublication>();

    public DbSet<Features.Transparency.QuarterlyReport> QuarterlyReports => Set<Features.Transparency.QuarterlyReport>();

    public DbSet<Features.Evaluation.CrimePanel> CrimePanels => Set<Features.Evaluation.CrimePanel>();

    public DbSet<Features.Evaluation.CountyCrimeYear> CountyCrimeYears => Set<Features.Evaluation.CountyCrimeYear>();

    public DbSet<Features.Costs.QuarterCost> QuarterCosts => Set<Features.Costs.QuarterCost>();

    public DbSet<Features.Costs.QuarterCostLine> QuarterCostLines => Set<Features.Costs.QuarterCostLine>();

    public DbSet<Features.Encounters.EncounterDraft> EncounterDrafts => Set<Features.Encounters.EncounterDraft>();

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
        // Every enum of the product is stored by name, so a row reads the same in SQLite, PostgreSQL and an export.
        foreach (var type in typeof(AppDbContext).Assembly.GetTypes().Where(t => t.IsEnum
            && t.Namespace?.StartsWith("Section287.Features", StringComparison.Ordinal) == true))
            configurationBuilder.Properties(type).HaveConversion(typeof(string));
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Each entity's mapping lives beside it, in its feature (Features/*/*Configurations.cs).
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

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
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            // Two writers raced for the same next number (a version, a sequence): the later one is stale, never a 500.
            return Common.CommonErrors.StaleEdit;
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) =>
        e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }
        || e.InnerException is Npgsql.PostgresException { SqlState: "23505" };

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    /// <summary>
    /// Writes the use case's changes; then, while entities have raised domain events, lets their handlers react and writes
    /// what they changed. All rounds are one transaction at the audit chain's tail, so the use case saves once.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ReadsReplica) throw new InvalidOperationException("A context on the read replica never writes; write through the primary's AppDbContext.");
        // One unit of work is one instant: every round stamps and audits the same time.
        var now = TruncateToMillisecond(clock.GetUtcNow().UtcDateTime);
        // A caller that turned automatic detection off has detected its changes itself (EF's own contract for SaveChanges).
        var entries = PendingEntries(detect: ChangeTracker.AutoDetectChangesEnabled);
        if (!entries.Any(e => IsAudited(e.Entity)) && !HasRaisedEvents())
            return await WriteAsync(entries, now, acceptAllChangesOnSuccess, audit: false, cancellationToken);

        // Writers in this process take turns here; one that waits longer than a command may is told the database is busy (503).
        // A unit of work that saves again inside its own transaction already holds the chain's tail (PostgreSQL's advisory lock and
        // SQLite's write lock last until it commits): it goes on without taking a turn, or it would wait behind a writer that waits for it.
        var auditLock = AuditLocks.GetOrAdd(Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        var holdsTail = Database.CurrentTransaction is { } current && ReferenceEquals(current, tailHeldIn);
        if (!holdsTail && !await auditLock.WaitAsync(TimeSpan.FromSeconds(Database.GetCommandTimeout() ?? 30), cancellationToken))
            throw new DatabaseBusyException("Waited longer than the command timeout for the audit chain's tail.");
        try
        {
            var owns = Database.CurrentTransaction is null;
            await using var transaction = owns ? await Database.BeginTransactionAsync(cancellationToken) : null;
            if (Database.IsNpgsql())
            {
                // One chain for every instance of the app: writers take turns at its tail.
                await Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(287287)", cancellationToken);
            }
            if (!owns) tailHeldIn = Database.CurrentTransaction;
            var written = await WriteAsync(entries, now, acceptAllChangesOnSuccess, audit: true, cancellationToken);
            for (var round = 0; TakeRaisedEvents() is { Count: > 0 } raised; round++)
            {
                if (round == MaxEventRounds) throw new InvalidOperationException("Domain event handlers kept raising events; a handler must not raise what it handles.");
                await DispatchAsync(raised, cancellationToken);
                written += await WriteAsync(PendingEntries(detect: true), now, acceptAllChangesOnSuccess, audit: true, cancellationToken);
            }
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            // The chain's entries are written and never change: a long unit of work (an ICE list, the load generator) does not
            // carry thousands of them in the tracker, compared again at every later save.
            if (acceptAllChangesOnSuccess)
            {
                using var detected = DetectedOnce();
                foreach (var entry in ChangeTracker.Entries<AuditEntry>().ToList()) entry.State = EntityState.Detached;
            }
            return written;
        }
        finally
        {
            if (!holdsTail) auditLock.Release();
        }
    }

    /// <summary>The caller's own transaction in which this unit of work took the audit chain's tail, until it ends.</summary>
    private Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? tailHeldIn;

    private List<EntityEntry> PendingEntries(bool detect)
    {
        // What the handlers of a round's events changed is always detected.
        if (detect) ChangeTracker.DetectChanges();
        using var detected = DetectedOnce();
        var entries = ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        foreach (var entry in entries.Where(e => e.Entity is IImmutable && e.State != EntityState.Added))
            throw new ImmutableRecordException($"{entry.Metadata.ClrType.Name} records are never changed or deleted; issue a correction instead.");
        // Checked for both databases alike, before anything is written, so a NUL is a 400 everywhere and never a half-write.
        foreach (var entry in entries.Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => p.CurrentValue is string text && text.Contains('\0')))
                throw new UnstorableTextException($"{entry.Metadata.ClrType.Name}.{property.Metadata.Name} contains a NUL character.");
        }
        return entries;
    }

    /// <summary>One round: the tenancy guard, stamps, and (when audited) the entries appended at the chain's tail, which the caller holds.</summary>
    private async Task<int> WriteAsync(List<EntityEntry> entries, DateTime now, bool acceptAllChangesOnSuccess, bool audit, CancellationToken ct)
    {
        if (entries.Count == 0) return 0;
        using var detected = DetectedOnce();
        await GuardScopeAsync(entries, ct);
        Stamp(entries, now);
        if (audit)
        {
            var drafts = entries.Where(e => IsAudited(e.Entity)).Select(e => Draft(e, now)).ToList();
            if (drafts.Count > 0)
            {
                var tail = await AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence)
                    .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
                var sequence = tail?.Sequence ?? 0;
                var previous = tail?.Hash ?? AuditEntry.GenesisHash;
                foreach (var draft in drafts)
                {
                    var entry = draft(++sequence, previous);
                    AuditEntries.Add(entry);
                    previous = entry.Hash;
                }
            }
        }
        // Public figures that depend on these entries are recomputed once: their counter rises in the same transaction (the
        // audited path holds one already; an unaudited write that touches them gets its own).
        // So are the measures' counts of the encounters these entries touch: what they contribute is counted before the write
        // and after it, and the difference added to their days' rows.
        var publicKinds = PublicVersions.Changed(entries).ToList();
        var measured = MeasureRollup.Touched(this, entries);
        if (publicKinds.Count == 0 && measured is null) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var before = measured is null ? null : await MeasureRollup.CountAsync(this, measured.Stored, ct);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
        if (measured is not null) await MeasureRollup.ApplyAsync(this, before!, await MeasureRollup.CountAsync(this, measured.All, ct), ct);
        foreach (var kind in publicKinds) await PublicVersions.RaiseAsync(this, kind, ct);
        if (own is not null) await own.CommitAsync(ct);
        return written;
    }

    /// <summary>Writes derived rows (<see cref="MeasureRollup"/>) as they are: no stamps, no audit, no recomputation of their own.</summary>
    internal Task<int> SaveRollupAsync(CancellationToken ct) => base.SaveChangesAsync(true, ct);

    /// <summary>
    /// While this lives, reading the tracker (<c>Entries()</c>, <c>Local</c>, <c>HasChanges()</c>) and EF's own save do not
    /// detect changes again: a round detects them once (<see cref="PendingEntries"/>), and what the round itself changes it
    /// changes through the entry API (<see cref="Stamp"/>), which EF sees without detection. Each <c>Entries()</c> otherwise
    /// compares every tracked property again, which a unit of work with thousands of tracked rows (an ICE list) paid five times.
    /// </summary>
    private AutoDetect DetectedOnce() => new(ChangeTracker);

    private readonly struct AutoDetect : IDisposable
    {
        private readonly Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker _tracker;
        private readonly bool _was;

        public AutoDetect(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
        {
            (_tracker, _was) = (tracker, tracker.AutoDetectChangesEnabled);
            tracker.AutoDetectChangesEnabled = false;
        }

        public void Dispose() => _tracker.AutoDetectChangesEnabled = _was;
    }

    private bool HasRaisedEvents()
    {
        using var detected = DetectedOnce();
        return ChangeTracker.Entries().Any(e => e.Entity is RaisesEvents r && r.HasRaised());
    }

    private List<IDomainEvent> TakeRaisedEvents()
    {
        // Called after a round was written, when nothing is left to detect.
        using var detected = DetectedOnce();
        return ChangeTracker.Entries().Select(e => e.Entity).OfType<RaisesEvents>().SelectMany(r => r.TakeEvents()).ToList();
    }

    /// <summary>Each event type's handlers, registered by the features that react (<see cref="IHandles{TEvent}"/>), get every event of the round.</summary>
    private async Task DispatchAsync(List<IDomainEvent> raised, CancellationToken ct)
    {
        foreach (var group in raised.GroupBy(e => e.GetType()))
        {
            var events = Array.CreateInstance(group.Key, group.Count());
            var i = 0;
            foreach (var e in group) events.SetValue(e, i++);
            var handlerType = typeof(IHandles<>).MakeGenericType(group.Key);
            var handle = handlerType.GetMethod(nameof(IHandles<IDomainEvent>.HandleAsync))!;
            foreach (var handler in services.GetServices(handlerType))
                await (Task)handle.Invoke(handler, [events, ct])!;
        }
    }

    private async Task GuardScopeAsync(List<EntityEntry> entries, CancellationToken ct)
    {
        if (scope.ReadsEverything && !scope.IsReadOnly) return;
        foreach (var entry in entries)
        {
            // Accounts change through ASP.NET Identity (sign-in counts, lockout, second factor) and AccountAdmin, which keep their own rules.
            if (entry.Entity is AuditEntry or AuditAnchor or AppUser or AccountLink or IdentityUserToken<Guid> or IdentityUserClaim<Guid> or IdentityUserLogin<Guid>) continue;
            // The key ring is the app's own, written as the system when Data Protection rolls a key.
            if (entry.Entity is DataProtectionKey && entry.State == EntityState.Added) continue;
            // The public adds comments (and later complaints) without an account; it can change nothing else.
            if (scope.IsAnonymous && entry.Entity is IPublicSubmission && entry.State == EntityState.Added) continue;
            // Oversight is read-only, but marks its own notifications read (the query only finds the user's own).
            if (scope.IsReadOnly && !scope.IsAnonymous && entry.Entity is Notification && entry.State == EntityState.Modified) continue;
            // Every reader of person data leaves a trace of their own read, oversight included, even of a search that matched no agency.
            if (!scope.IsAnonymous && entry.Entity is PersonDataRead && entry.State == EntityState.Added) continue;
            // The release offices approve releases, which belong to the program, not to an agency.
            if (scope.ApprovesReleases && entry.Entity is Features.Transparency.ReleaseRequest && entry.State == EntityState.Modified) continue;
            if (scope.IsReadOnly)
                throw new TenancyViolationException($"A read-only user tried to change {entry.Metadata.ClrType.Name}.");
            Guid? agencyId = entry.Entity switch
            {
                IAgencyOwned owned => owned.AgencyId,
                Agency agency => agency.Id,
                Agreement agreement => agreement.AgencyId,
                Features.Evidence.StopDataset dataset => dataset.AgencyId,
                _ => await AgencyThroughOwnerAsync(entry.Entity, ct),
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

    /// <summary>The agency of a row that belongs to one through its owner (<see cref="IOwnedThrough{TOwner}"/>), or null.</summary>
    private async Task<Guid?> AgencyThroughOwnerAsync(object entity, CancellationToken ct)
    {
        var owned = entity.GetType().GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IOwnedThrough<>));
        if (owned is null) return null;
        var ownerId = (Guid)owned.GetProperty(nameof(IOwnedThrough<object>.OwnerId))!.GetValue(entity)!;
        var ownerType = owned.GetGenericArguments()[0];
        // The owner may be new in this same unit of work.
        var tracked = ChangeTracker.Entries().FirstOrDefault(e => e.Metadata.ClrType == ownerType && (Guid)e.Property("Id").CurrentValue! == ownerId);
        if (tracked is not null) return (Guid)tracked.Property("AgencyId").CurrentValue!;
        return await (Task<Guid?>)GetType().GetMethod(nameof(AgencyOfAsync),
            System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .MakeGenericMethod(ownerType).Invoke(this, [ownerId, ct])!;
    }

    private Task<Guid?> AgencyOfAsync<TOwner>(Guid id, CancellationToken ct) where TOwner : class =>
        Set<TOwner>().IgnoreQueryFilters().Where(o => EF.Property<Guid>(o, "Id") == id).Select(o => (Guid?)EF.Property<Guid>(o, "AgencyId")).FirstOrDefaultAsync(ct);

    /// <summary>Creation and change times, and the version of a changed record, set through the entry so that EF writes them without detecting changes.</summary>
    private static void Stamp(List<EntityEntry> entries, DateTime now)
    {
        foreach (var entry in entries)
        {
            if (entry.Entity is ITimestamped)
            {
                if (entry.State == EntityState.Added) entry.Property(nameof(ITimestamped.CreatedAt)).CurrentValue = now;
                if (entry.State is EntityState.Added or EntityState.Modified) entry.Property(nameof(ITimestamped.UpdatedAt)).CurrentValue = now;
            }
            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
                entry.Property(nameof(IVersioned.Version)).CurrentValue = versioned.Version + 1;
            if (entry.Entity is AppUser user && entry.State == EntityState.Added && user.CreatedAt == default)
                entry.Property(nameof(AppUser.CreatedAt)).CurrentValue = now;
        }
    }

    /// <summary>
    /// Bookkeeping that is itself a record of changes (history, flags), messages, and file bytes (their SHA-256 is in
    /// the attachment's audited entry) stay out of the chain.
    /// </summary>
    // A published figure's cells are recorded by their publication (FigurePublication, audited, with a hash of the cells).
    private static bool IsAudited(object entity) => entity is not (AuditEntry or AuditAnchor or AgreementChange or DataQualityFlag or IceListUndoRecord or Notification or AttachmentContent or OfficerEvent or DataProtectionKey
        or Features.Transparency.PublishedFigure or Features.Transparency.QuarterlyReport or IceListOriginal
        or Features.Evaluation.CountyCrimeYear or Features.Encounters.EncounterDraft);

    /// <summary>Properties never written into the audit trail: secrets and bookkeeping.</summary>
    private static readonly HashSet<string> Redacted =
    [
        nameof(AppUser.PasswordHash), nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp),
        // Keyed lookup hashes of person identifiers: in the audit they would let a reader link people across records (issue 14).
        nameof(Encounter.NameDobHash), nameof(Encounter.FbiNumberHash), nameof(Encounter.ANumberHash),
        // The master key's check value and sealed secrets: nothing to learn from them, nothing to copy out of the trail.
        nameof(KeySeal.CheckValue), nameof(KeySeal.SealedSecrets),
        // A one-time link's hash: useless to a reader, but it has no place in a trail that is exported.
        nameof(AccountLink.TokenHash),
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
