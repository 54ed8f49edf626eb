using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Tests.Data;

/// <summary>
/// Read-only traffic on a real PostgreSQL streaming replica: test.sh makes one of its throwaway server with pg_basebackup and
/// runs these in the PostgreSQL pass only (Category=Replica; SQLite has no replica).
/// </summary>
[Trait("Category", "Replica")]
public sealed class ReadReplicaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ReplicaAdmin => Environment.GetEnvironmentVariable("SECTION287_TEST_PG_REPLICA")
        ?? throw new InvalidOperationException("SECTION287_TEST_PG_REPLICA is the replica's admin connection string (test.sh sets it).");

    private static string PrimaryAdmin => Environment.GetEnvironmentVariable("SECTION287_TEST_PG")!;

    [Fact]
    public async Task PublicReadsAndMeasures_AreServedByTheReplica_AndWritesGoOnlyToThePrimary()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true, settingsFor: database => new Dictionary<string, string?>
        {
            [ReadReplica.Setting] = new NpgsqlConnectionStringBuilder(ReplicaAdmin) { Database = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database }
                .ConnectionString,
        });
        await CaughtUpAsync();
        var agency = await app.WithDbAsync((db, _) => db.Agencies.AsNoTracking().OrderBy(a => a.NameKey).FirstAsync(Ct));
        using var anyone = app.Client();
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        await CaughtUpAsync();
        async Task<string> PublicName() =>
            (await Api.Ok(anyone.GetAsync($"/api/v1/registry/agencies/{agency.Id}", Ct))).GetProperty("name").GetString()!;
        async Task<int> NationEncounters() =>
            (await Api.Ok(po.GetAsync("/api/v1/measures/use-of-authority?level=nation&from=2000-01-01&to=2100-01-01", Ct))).GetProperty("encounters").GetInt32();
        (await PublicName()).ShouldBe(agency.Name);
        (await NationEncounters()).ShouldBe(0);

        // The replica stops replaying; changes made on the primary now reach it only when it resumes.
        await ReplicaAsync("SELECT pg_wal_replay_pause()");
        try
        {
            await app.WithDbAsync(async (db, _) =>
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE "Agencies" SET "Name" = 'Renamed On The Primary' WHERE "Id" = {agency.Id}""", Ct);
                await PublicVersions.RaiseAsync(db, PublicVersions.Registry, Ct);
                // A day of seven jail encounters in the nation's daily counts, every other count zero.
                var columns = db.Model.FindEntityType(typeof(Section287.Features.Encounters.NationMeasureDay))!.GetProperties().Select(p => p.GetColumnName()).ToList();
                var values = columns.Select(c => c switch { "Day" => "DATE '2026-01-01'", "Model" => "'Jail'", "Encounters" => "7", _ => "0" });
                var insert = $"INSERT INTO \"NationMeasureDays\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", values)})";
                await db.Database.ExecuteSqlRawAsync(insert, Ct);
            });
            // Served by the replica: the public page and the measures still show what it has.
            (await PublicName()).ShouldBe(agency.Name);
            (await NationEncounters()).ShouldBe(0);

            // A staff write through the API lands on the primary (the replica would have refused it: it is read-only).
            var zone = agency.TimeZone == "America/Chicago" ? "America/Denver" : "America/Chicago";
            await Api.Ok(po.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = zone, version = agency.Version }, Ct));
            (await ScalarAsync(PrimaryAdmin, app, $"SELECT \"TimeZone\" FROM \"Agencies\" WHERE \"Id\" = '{agency.Id}'")).ShouldBe(zone);
            (await ScalarAsync(ReplicaAdmin, app, $"SELECT \"TimeZone\" FROM \"Agencies\" WHERE \"Id\" = '{agency.Id}'")).ShouldBe(agency.TimeZone);

            // And the reading context itself refuses to save.
            var refused = await app.WithDbAsync(async (_, services) =>
            {
                var read = services.GetRequiredService<ReadDb>();
                read.OnReplica.ShouldBeTrue();
                var row = await read.Context.Agencies.FirstAsync(a => a.Id == agency.Id, Ct);
                row.Name = "Never written";
                return await Should.ThrowAsync<InvalidOperationException>(() => read.Context.SaveChangesAsync(Ct));
            });
            refused.Message.ShouldContain("read replica never writes");
        }
        finally
        {
            await ReplicaAsync("SELECT pg_wal_replay_resume()");
        }

        // Replaying again, the replica has it all, and the registry's cache follows the replica's version.
        await CaughtUpAsync();
        (await PublicName()).ShouldBe("Renamed On The Primary");
        (await NationEncounters()).ShouldBe(7);
        (await ScalarAsync(ReplicaAdmin, app, $"SELECT \"Name\" FROM \"Agencies\" WHERE \"Id\" = '{agency.Id}'")).ShouldBe("Renamed On The Primary");
    }

    [Fact]
    public void AReplica_WithoutPostgreSql_StopsTheStart_WithTheReason()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "sqlite",
            [ReadReplica.Setting] = "Host=127.0.0.1;Database=x",
        }).Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Repo.AppContentRoot, EnvironmentName = "Production" };

        Should.Throw<InvalidOperationException>(() => new ReadReplica(configuration, environment)).Message
            .ShouldBe("Refusing to start: Database:ReadReplicaConnectionString is a PostgreSQL replica and needs Database:Provider=postgres.");
    }

    private static async Task ReplicaAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ReplicaAdmin);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<string?> ScalarAsync(string server, TestApp app, string sql)
    {
        var database = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>Waits until the replica has replayed everything the primary has written so far.</summary>
    private static async Task CaughtUpAsync()
    {
        string target;
        await using (var primary = new NpgsqlConnection(PrimaryAdmin))
        {
            await primary.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", primary);
            target = (string)(await command.ExecuteScalarAsync(Ct))!;
        }
        await using var replica = new NpgsqlConnection(ReplicaAdmin);
        await replica.OpenAsync(Ct);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand($"SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '{target}') >= 0", replica);
            if ((bool)(await command.ExecuteScalarAsync(Ct))!) return;
            if (watch.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"The replica did not reach {target} in 30 s.");
            await Task.Delay(20, Ct);
        }
    }
}
