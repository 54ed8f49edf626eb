using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Audit;

namespace Section287.Data;

/// <summary>
/// <c>backup FILE</c> and <c>restore FILE</c> (issue 14), for both databases. A backup is one zip: the database as a consistent
/// snapshot taken while the app runs (SQLite's <c>VACUUM INTO</c>; PostgreSQL's <c>pg_dump</c> custom format, one transaction), the
/// audit anchors kept outside the database, and a manifest (database kind, time, the audit chain's head, the master key's check value).
/// The key ring and the key seal are rows of the database, so they travel with it; the master key never does. Restore refuses a backup
/// of the other database kind or one sealed with another master key, keeps what it replaces beside it (<c>*.before-restore-TIME</c>),
/// puts the anchors back with the database (so <c>verify-audit</c> holds after it), and records the restore in the audit chain.
/// Stop every instance of the app before restoring.
/// </summary>
public static class Backup
{
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Manifest(int Format, string Provider, DateTime CreatedAt, long AuditEntries, string? AuditHead, string KeyCheck,
        IReadOnlyDictionary<string, long> Rows);

    public static async Task<int> BackupAsync(IServiceProvider services, string file)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var anchors = services.GetRequiredService<AuditAnchors>();
        var work = Directory.CreateTempSubdirectory("s287-backup-");
        try
        {
            var sqlite = db.Database.IsSqlite();
            var dump = Path.Combine(work.FullName, sqlite ? "database.sqlite" : "database.pgdump");
            Manifest manifest;
            if (sqlite)
            {
                await using (var connection = new SqliteConnection(db.Database.GetConnectionString()))
                {
                    await connection.OpenAsync();
                    await using var vacuum = connection.CreateCommand();
                    vacuum.CommandText = "VACUUM INTO $file";
                    vacuum.Parameters.AddWithValue("$file", dump);
                    await vacuum.ExecuteNonQueryAsync();
                }
                // The manifest describes the snapshot: read back from the copy itself.
                await using var copy = new SqliteConnection($"Data Source={dump};Mode=ReadOnly;Pooling=False");
                await copy.OpenAsync();
                manifest = await ManifestAsync(db, copy);
            }
            else
            {
                // The manifest and the dump see one snapshot: a repeatable-read transaction exports it, and pg_dump reads that snapshot.
                await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
                await using var export = new Npgsql.NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction);
                var snapshot = (string)(await export.ExecuteScalarAsync())!;
                manifest = await ManifestAsync(db, connection);
                var (code, error) = await PgToolAsync(configuration, "pg_dump", db.Database.GetConnectionString()!,
                    ["--format=custom", "--no-owner", $"--snapshot={snapshot}", "--file", dump]);
                if (code != 0) throw new InvalidOperationException($"pg_dump failed ({code}): {error}");
                await transaction.CommitAsync();
            }
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "manifest.json"), JsonSerializer.Serialize(manifest, Json));
            if (File.Exists(anchors.FilePath)) File.Copy(anchors.FilePath, Path.Combine(work.FullName, "audit-anchors.jsonl"));

            var target = Path.GetFullPath(file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + ".partial";
            File.Delete(partial);
            ZipFile.CreateFromDirectory(work.FullName, partial, CompressionLevel.Optimal, includeBaseDirectory: false);
            File.Move(partial, target, overwrite: true);
            Console.Out.WriteLine($"Backed up {manifest.Rows.Values.Sum():N0} rows in {manifest.Rows.Count} tables, the audit chain through entry "
                + $"{manifest.AuditEntries} and its anchors, to {target}.");
            return 0;
        }
        finally { work.Delete(recursive: true); }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string file)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var configuration = services.GetRequiredService<IConfiguration>();
        var anchors = services.GetRequiredService<AuditAnchors>();
        if (!File.Exists(file)) throw new ArgumentException($"No backup at {file}.");
        var work = Directory.CreateTempSubdirectory("s287-restore-");
        try
        {
            ZipFile.ExtractToDirectory(file, work.FullName);
            var manifestPath = Path.Combine(work.FullName, "manifest.json");
            if (!File.Exists(manifestPath)) throw new ArgumentException($"{file} is not a Section287 backup (no manifest).");
            var manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath), Json)!;
            var sqlite = db.Database.IsSqlite();
            if (manifest.Format != FormatVersion) throw new ArgumentException($"The backup's format {manifest.Format} is not this version's ({FormatVersion}).");
            if (manifest.Provider != (sqlite ? "sqlite" : "postgres"))
                throw new ArgumentException($"The backup is of a {manifest.Provider} database; this app is configured for {(sqlite ? "sqlite" : "postgres")}.");
            var master = MasterKey.Parse(configuration["Security:PersonDataKey"]);
            if (master is null || manifest.KeyCheck != KeySeal.CheckValueOf(master))
                throw new ArgumentException("The backup was sealed with another Security:PersonDataKey; restore it with the key it was made with.");

            var stamp = DateTime.UtcNow.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
            if (sqlite)
            {
                var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
                await db.Database.CloseConnectionAsync();
                SqliteConnection.ClearAllPools();
                if (File.Exists(path)) File.Copy(path, $"{path}.before-restore-{stamp}");
                File.Delete(path + "-wal");
                File.Delete(path + "-shm");
                File.Copy(Path.Combine(work.FullName, "database.sqlite"), path, overwrite: true);
            }
            else
            {
                var (code, error) = await PgToolAsync(configuration, "pg_restore", db.Database.GetConnectionString()!,
                    ["--clean", "--if-exists", "--no-owner", "--single-transaction", Path.Combine(work.FullName, "database.pgdump")], database: true);
                if (code != 0) throw new InvalidOperationException($"pg_restore failed ({code}): {error}");
            }
            if (File.Exists(anchors.FilePath)) File.Move(anchors.FilePath, $"{anchors.FilePath}.before-restore-{stamp}");
            var savedAnchors = Path.Combine(work.FullName, "audit-anchors.jsonl");
            if (File.Exists(savedAnchors))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(anchors.FilePath)!);
                File.Copy(savedAnchors, anchors.FilePath);
            }

            // A fresh unit of work on the restored database: check it is what the manifest says, then record the restore.
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
            var restored = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await DatabaseSchema.ApplyAsync(restored);
            Manifest now;
            await using (var check = restored.Database.IsSqlite()
                ? (System.Data.Common.DbConnection)new SqliteConnection(restored.Database.GetConnectionString())
                : new Npgsql.NpgsqlConnection(restored.Database.GetConnectionString()))
            {
                await check.OpenAsync();
                now = await ManifestAsync(restored, check);
            }
            if (now.AuditEntries != manifest.AuditEntries || now.AuditHead != manifest.AuditHead)
                throw new InvalidOperationException("The restored audit chain does not end where the backup's manifest says; nothing more was done.");
            scope.ServiceProvider.GetRequiredService<ChangeContext>().As($"cli:{Environment.UserName}", $"command line ({Environment.UserName}@{Environment.MachineName})")
                .For("system.restored", $"Restored the backup made {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC ({Path.GetFileName(file)})");
            restored.Set<MaintenanceEvent>().Add(new MaintenanceEvent { Kind = "restored", At = DateTime.UtcNow, Details = $"{Path.GetFileName(file)} (made {manifest.CreatedAt:O})" });
            await restored.SaveChangesAsync();
            Console.Out.WriteLine($"Restored {manifest.Rows.Values.Sum():N0} rows in {manifest.Rows.Count} tables and the audit chain through entry "
                + $"{manifest.AuditEntries} from {file}; what was replaced is kept beside it (*.before-restore-{stamp}). Start the app.");
            return 0;
        }
        finally { work.Delete(recursive: true); }
    }

    /// <summary>The row count of every table, the audit chain's head and the key seal's check value, read through an open connection.</summary>
    private static async Task<Manifest> ManifestAsync(AppDbContext db, System.Data.Common.DbConnection connection)
    {
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        async Task<object?> Scalar(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync();
        }
        var rows = new Dictionary<string, long>();
        foreach (var table in tables) rows[table] = Convert.ToInt64(await Scalar($"SELECT COUNT(*) FROM \"{table}\""), System.Globalization.CultureInfo.InvariantCulture);
        var head = await Scalar("SELECT \"Hash\" FROM \"AuditEntries\" ORDER BY \"Sequence\" DESC LIMIT 1") as string;
        var check = await Scalar($"SELECT \"CheckValue\" FROM \"KeySeals\" WHERE \"Id\" = {KeySeal.SingleId}") as string ?? "";
        return new Manifest(FormatVersion, db.Database.IsSqlite() ? "sqlite" : "postgres", DateTime.UtcNow, rows["AuditEntries"], head, check, rows);
    }

    /// <summary>Runs pg_dump or pg_restore with the app's connection (password through PGPASSWORD, never on the command line).</summary>
    private static async Task<(int Code, string Error)> PgToolAsync(IConfiguration configuration, string tool, string connectionString, string[] args,
        bool database = false)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(FindTool(configuration, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add($"--host={builder.Host}");
        start.ArgumentList.Add($"--port={builder.Port}");
        if (!string.IsNullOrEmpty(builder.Username)) start.ArgumentList.Add($"--username={builder.Username}");
        start.ArgumentList.Add(database ? $"--dbname={builder.Database}" : builder.Database!);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (!string.IsNullOrEmpty(builder.Password)) start.Environment["PGPASSWORD"] = builder.Password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }

    /// <summary><c>Backup:PgBinDirectory</c>, else the newest PostgreSQL install's, else the PATH.</summary>
    private static string FindTool(IConfiguration configuration, string tool)
    {
        if (configuration["Backup:PgBinDirectory"] is { Length: > 0 } dir) return Path.Combine(dir, tool);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
        return installed ?? tool;
    }
}

/// <summary>Something done to the whole system from the command line (a restore), kept as a row so that it enters the audit chain.</summary>
public sealed class MaintenanceEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Kind { get; init; } = "";

    public DateTime At { get; init; }

    public string Details { get; init; } = "";
}

internal sealed class MaintenanceEventConfiguration : IEntityTypeConfiguration<MaintenanceEvent>
{
    public void Configure(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<MaintenanceEvent> b) => b.ToTable("MaintenanceEvents");
}
