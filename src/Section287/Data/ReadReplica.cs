using Microsoft.EntityFrameworkCore;
using Section287.Features.Audit;

namespace Section287.Data;

/// <summary>
/// Read-only traffic — the public registry and its figures, the measures and their exports — goes to a PostgreSQL streaming
/// replica when <c>Database:ReadReplicaConnectionString</c> is set, and to the primary otherwise. Services that only read take
/// <see cref="ReadDb"/> instead of <see cref="AppDbContext"/>; everything that writes keeps the primary. A context on the replica
/// refuses to save (<see cref="AppDbContext.ReadsReplica"/>), and the replica itself refuses any write, so a write can never land
/// there. Decision: reads on the replica may lag the primary by the replication delay (milliseconds on one site); the registry's
/// ETag is the replica's own version, so a client never caches a newer page than the replica has served it.
/// </summary>
public sealed class ReadReplica
{
    public const string Setting = "Database:ReadReplicaConnectionString";

    public ReadReplica(IConfiguration configuration, IHostEnvironment environment)
    {
        var connection = configuration[Setting];
        if (string.IsNullOrWhiteSpace(connection)) return;
        if (Database.ProviderOf(configuration) != DatabaseProvider.Postgres)
            throw new InvalidOperationException($"Refusing to start: {Setting} is a PostgreSQL replica and needs Database:Provider=postgres.");
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        Database.Configure(builder, new ConfigurationBuilder().AddConfiguration(configuration)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:ConnectionString"] = connection }).Build(), environment.ContentRootPath);
        Options = builder.Options;
    }

    /// <summary>The replica's context options, or null when reads go to the primary.</summary>
    public DbContextOptions<AppDbContext>? Options { get; }
}

/// <summary>The request's database for reading: a context on the replica when there is one (made on first use), else the primary's.</summary>
public sealed class ReadDb(IServiceProvider services, ReadReplica replica) : IAsyncDisposable
{
    private AppDbContext? _replica;

    public AppDbContext Context => replica.Options is not { } options
        ? services.GetRequiredService<AppDbContext>()
        : _replica ??= new AppDbContext(options, services.GetRequiredService<AccessScope>(), services.GetRequiredService<ChangeContext>(),
            services.GetRequiredService<TimeProvider>(), services) { ReadsReplica = true };

    public bool OnReplica => replica.Options is not null;

    public async ValueTask DisposeAsync()
    {
        if (_replica is not null) await _replica.DisposeAsync();
    }
}
