using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section287.Data;

namespace Section287.Tests.Data;

/// <summary>
/// Issue 14, item 5: a start that crashed while migrating never blocks the next one, starts that come together wait for each other
/// and all succeed, and a start that waits too long for a lock another process holds gives up with an error naming the cause, after
/// saying in the log that it is waiting.
/// </summary>
public sealed class MigrationLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Lines : ILoggerProvider, ILogger
    {
        public readonly ConcurrentQueue<string> All = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            All.Enqueue(formatter(state, exception));
        public void Dispose() { }
    }

    private static WebApplication Build(TestDatabase database, Lines? lines = null, int timeoutSeconds = 120)
    {
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Section287:DataDirectory"] = Directory.CreateTempSubdirectory("s287-start-").FullName,
            ["Section287:SeedBundledIceList"] = "false",
            ["Security:PersonDataKey"] = TestApp.TestPersonDataKey,
            ["Database:MigrationLockTimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return AppHost.Build(["--environment", "Testing", "--contentRoot", Repo.AppContentRoot], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            if (lines is not null) b.Logging.AddProvider(lines);
        });
    }

    private static async Task<int> AppliedMigrationsAsync(TestDatabase database)
    {
        var app = Build(database);
        await using var scope = app.Services.CreateAsyncScope();
        var count = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetAppliedMigrationsAsync(Ct)).Count();
        await app.DisposeAsync();
        return count;
    }

    [Fact]
    public async Task StartsThatComeTogetherOnAnEmptyDatabase_WaitForEachOther_AndAllSucceed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var apps = Enumerable.Range(0, 3).Select(_ => Build(database)).ToList();
        await Task.WhenAll(apps.Select(a => Task.Run(() => AppHost.PrepareAsync(a), Ct)));
        foreach (var app in apps) await app.DisposeAsync();
        var expected = typeof(AppDbContext).Assembly.GetTypes().Count(t => t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)));
        (await AppliedMigrationsAsync(database)).ShouldBe(expected);
        if (database.Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task AStartThatCrashedWhileMigrating_DoesNotBlockTheNext()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = Build(database);
        await AppHost.PrepareAsync(first);
        await first.DisposeAsync();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // What a kill -9 during EF Core's migration leaves behind on SQLite: its lock row.
            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-03 10:00:00')";
            (await insert.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }
        else
        {
            // On PostgreSQL the crashed start's session ends with it, and its advisory lock with the session.
            await using var crashed = new NpgsqlConnection(database.ConnectionString);
            await crashed.OpenAsync(Ct);
            await using var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({DatabaseSchema.PostgresLockKey})", crashed);
            ((bool)(await take.ExecuteScalarAsync(Ct))!).ShouldBeTrue();
            await crashed.CloseAsync();
            NpgsqlConnection.ClearPool(crashed);
        }

        var lines = new Lines();
        var next = Build(database, lines, timeoutSeconds: 60);
        await AppHost.PrepareAsync(next);
        await next.DisposeAsync();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            lines.All.ShouldContain(l => l.Contains("crashed start left in __EFMigrationsLock"));
            SqliteConnection.ClearAllPools();
            await using var connection = new SqliteConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsLock\"";
            ((long)(await count.ExecuteScalarAsync(Ct))!).ShouldBe(0);
            SqliteConnection.ClearAllPools();
        }
    }

    [Fact]
    public async Task AStartThatWaitsTooLongForAnotherProcess_SaysSoInTheLog_AndGivesUpNamingTheCause()
    {
        await using var database = await TestDatabase.CreateAsync();
        IAsyncDisposable holder;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource + ".migrating";
            holder = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        else
        {
            var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({DatabaseSchema.PostgresLockKey})", connection);
            await take.ExecuteScalarAsync(Ct);
            holder = connection;
        }

        var lines = new Lines();
        var waiting = Build(database, lines, timeoutSeconds: 2);
        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => AppHost.PrepareAsync(waiting));
        refusal.Message.ShouldStartWith("Refusing to start");
        refusal.Message.ShouldContain("migrating the database");
        lines.All.ShouldContain(l => l.StartsWith("Waiting for the schema", StringComparison.Ordinal));
        await waiting.DisposeAsync();

        // Once the other lets go, the start goes through.
        await holder.DisposeAsync();
        var after = Build(database);
        await AppHost.PrepareAsync(after);
        await after.DisposeAsync();
        (await AppliedMigrationsAsync(database)).ShouldBeGreaterThan(0);
        if (database.Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearAllPools();
    }
}
