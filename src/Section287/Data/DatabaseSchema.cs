using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Section287.Data;

/// <summary>
/// Brings the schema up to date at every start and before every command, one process at a time (issue 14, item 5). The lock is
/// one the operating system or the server lets go of when its holder dies, so a crash mid-start never blocks the next one: on
/// SQLite an exclusive lock on <c>FILE.migrating</c> beside the database file (after which a row EF Core left in
/// <c>__EFMigrationsLock</c> can only be a crashed start's, and is removed), on PostgreSQL a session advisory lock. A start that
/// finds the lock held says so in the log every ten seconds and gives up after <c>Database:MigrationLockTimeoutSeconds</c> (120)
/// with an error that names the cause.
/// </summary>
public static class DatabaseSchema
{
    /// <summary>The advisory lock's key on PostgreSQL: any fixed number, shared by every instance of the app.</summary>
    public const long PostgresLockKey = 2870_0000_0001;

    public static async Task ApplyAsync(AppDbContext db, ILogger? log = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(120);
        if (db.Database.IsSqlite())
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            await using var held = await HoldFileLockAsync(file + ".migrating", limit, log, ct);
            // Readers keep reading while the importer writes.
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                await ClearStaleSqliteLockAsync(db, log, ct);
            }
            finally { await db.Database.CloseConnectionAsync(); }
            await MigrateIfPendingAsync(db, ct);
            await BuildDerivedRowsAsync(db, log, ct);
            return;
        }
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        await WaitAsync(async () =>
        {
            await using var take = new Npgsql.NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", PostgresLockKey);
            return (bool)(await take.ExecuteScalarAsync(ct))!;
        }, "another instance is migrating the database (PostgreSQL advisory lock " + PostgresLockKey + ")", limit, log, ct);
        try
        {
            await MigrateIfPendingAsync(db, ct);
            await BuildDerivedRowsAsync(db, log, ct);
        }
        finally
        {
            await using var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", PostgresLockKey);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    /// <summary>
    /// Migrates when a migration is pending. An up-to-date database (every start and command after the first) is left alone:
    /// EF Core's migrator would otherwise build and compare the whole model first, about a second of every command's start.
    /// (That the migrations build the model is proved by MigrationSchemaTests, not checked at every start.)
    /// </summary>
    private static async Task MigrateIfPendingAsync(AppDbContext db, CancellationToken ct)
    {
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any()) await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// Rows derived from the records that a migration added empty (the measures' counts) are built once, under the migration
    /// lock, in one transaction with the marker that says they were.
    /// </summary>
    private static async Task BuildDerivedRowsAsync(AppDbContext db, ILogger? log, CancellationToken ct)
    {
        if (await PublicVersions.ReadAsync(db, Features.Encounters.MeasureRollup.BuiltMarker, ct) != 0) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await Features.Encounters.MeasureRollup.RebuildAsync(db, ct);
        await PublicVersions.RaiseAsync(db, Features.Encounters.MeasureRollup.BuiltMarker, ct);
        await transaction.CommitAsync(ct);
        log?.LogInformation("Built the measures' daily counts from the records in {Elapsed} ms.", started.ElapsedMilliseconds);
    }

    /// <summary>The operating system releases the lock when the process ends, however it ends.</summary>
    private static async Task<FileStream> HoldFileLockAsync(string path, TimeSpan limit, ILogger? log, CancellationToken ct)
    {
        FileStream? stream = null;
        await WaitAsync(() =>
        {
            try
            {
                stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Task.FromResult(true);
            }
            catch (IOException) { return Task.FromResult(false); }
        }, $"another process is migrating the database (lock file {path})", limit, log, ct);
        return stream!;
    }

    private static async Task WaitAsync(Func<Task<bool>> tryTake, string holder, TimeSpan limit, ILogger? log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var nextLog = TimeSpan.Zero;
        while (!await tryTake())
        {
            if (watch.Elapsed >= limit)
                throw new InvalidOperationException($"Refusing to start: {holder} for more than {limit.TotalSeconds:0} s. If no other instance is "
                    + "starting, look for a hung process; Database:MigrationLockTimeoutSeconds sets how long to wait.");
            if (watch.Elapsed >= nextLog)
            {
                log?.LogWarning("Waiting for the schema: {Holder} ({Seconds:0} s so far, giving up at {Limit:0} s)", holder, watch.Elapsed.TotalSeconds, limit.TotalSeconds);
                nextLog += TimeSpan.FromSeconds(10);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    /// <summary>Holding the file lock, no other start is migrating: a row in EF Core's own lock table is a crashed start's.</summary>
    private static async Task ClearStaleSqliteLockAsync(AppDbContext db, ILogger? log, CancellationToken ct)
    {
        var exists = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync(ct);
        if (exists == 0) return;
        var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        if (removed > 0) log?.LogWarning("Removed the migration lock a crashed start left in __EFMigrationsLock");
    }
}
