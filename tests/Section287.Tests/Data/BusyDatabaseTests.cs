using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Tests.Data;

/// <summary>
/// Issue 14, item 6: a write that cannot get the database in time is answered 503 with Retry-After and saves nothing, never 500; and a
/// large import is written in batches, so that other users' writes go through while it runs instead of failing behind it.
/// </summary>
public sealed class BusyDatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Header = IceListUpload.Header;

    private static Task<HttpResponseMessage> AddContactAsync(HttpClient http, Guid agencyId, int i) =>
        http.PostAsJsonAsync($"/api/v1/agencies/{agencyId}/contacts", new { name = $"Test Contact {i}", title = "Records", email = $"contact{i}@example.test" }, Ct);

    [Fact]
    public async Task AWriteThatCannotGetTheDatabaseInTime_Gets503WithRetryAfter_AndSavesNothing()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Database:CommandTimeoutSeconds"] = "2" });
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var contacts = () => app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(Ct));
        var before = await contacts();

        // Another process holds the database's write lock (SQLite) or the audit chain's tail (PostgreSQL) and does not let go.
        await using var holder = app.Database.Provider == DatabaseProvider.Sqlite
            ? (System.Data.Common.DbConnection)new SqliteConnection(app.Database.ConnectionString)
            : new NpgsqlConnection(app.Database.ConnectionString);
        await holder.OpenAsync(Ct);
        await using (var take = holder.CreateCommand())
        {
            take.CommandText = app.Database.Provider == DatabaseProvider.Sqlite ? "BEGIN IMMEDIATE" : "SELECT pg_advisory_lock(287287)";
            await take.ExecuteNonQueryAsync(Ct);
        }

        var busy = await AddContactAsync(http, agency.Id, 1);
        busy.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, await busy.Content.ReadAsStringAsync(Ct));
        busy.Headers.GetValues("Retry-After").Single().ShouldBe("5");
        (await busy.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("database.busy");
        await holder.CloseAsync();

        (await contacts()).ShouldBe(before);
        (await AddContactAsync(http, agency.Id, 2)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// A unit of work that saves twice in its own transaction holds the chain's tail from its first save to its commit. A writer that
    /// came between the two saves waits for it; the second save must not wait for that writer in turn (it did: a stall until the
    /// command timeout, then 503, found when two invitations of one address met on PostgreSQL).
    /// </summary>
    [Fact]
    public async Task AUnitOfWorkThatSavesTwiceInItsOwnTransaction_IsNotStalledByAWriterWaitingForIt()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Database:CommandTimeoutSeconds"] = "5" });
        var agency = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office");
        static Section287.Features.Agencies.AgencyContact Contact(Guid agencyId, string name) =>
            new() { AgencyId = agencyId, Name = name, Title = "Records", Email = "records@example.test" };

        await app.WithDbAsync(async (first, _) =>
        {
            await using var transaction = await first.Database.BeginTransactionAsync(Ct);
            first.AgencyContacts.Add(Contact(agency.Id, "Test Contact First"));
            await first.SaveChangesAsync(Ct);
            // Another writer arrives, on another request's thread (SQLite's driver waits for a lock synchronously), and waits for this transaction.
            var between = Task.Run(() => app.WithDbAsync(async (other, _) =>
            {
                other.AgencyContacts.Add(Contact(agency.Id, "Test Contact Between"));
                await other.SaveChangesAsync(Ct);
            }), Ct);
            await WaitUntilWaitingAsync(app);
            first.AgencyContacts.Add(Contact(agency.Id, "Test Contact Second"));
            await first.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            await between;
        });
        (await app.WithDbAsync((db, _) => db.AgencyContacts.Where(c => c.AgencyId == agency.Id && c.Name.StartsWith("Test Contact")).Select(c => c.Name).ToListAsync(Ct)))
            .ShouldBe(["Test Contact First", "Test Contact Second", "Test Contact Between"], ignoreOrder: true);
        (await app.WithDbAsync((db, services) => services.GetRequiredService<Section287.Features.Audit.VerifyAudit>().HandleAsync(Ct))).Intact.ShouldBeTrue();
    }

    /// <summary>Until the other writer waits for the chain's tail: on PostgreSQL its advisory lock shows as not granted; SQLite shows nothing, so a moment.</summary>
    private static async Task WaitUntilWaitingAsync(TestApp app)
    {
        if (app.Database.Provider == DatabaseProvider.Sqlite)
        {
            await Task.Delay(500, Ct);
            return;
        }
        await using var look = new NpgsqlConnection(app.Database.ConnectionString);
        await look.OpenAsync(Ct);
        for (var i = 0; i < 200; i++)
        {
            await using var query = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted", look);
            if ((long)(await query.ExecuteScalarAsync(Ct))! > 0) return;
            await Task.Delay(25, Ct);
        }
        throw new ShouldAssertException("The other writer never waited for the chain's tail.");
    }

    [Fact]
    public async Task ALargeImport_IsWrittenInBatches_AndOtherWritesGoThroughWhileItRuns()
    {
        await using var app = await TestApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Database:CommandTimeoutSeconds"] = "2", ["IceLists:BatchRows"] = "50",
        });
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var signedIn = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        // The import may take minutes on a loaded machine; the client waits for it.
        var office = app.Client();
        office.Timeout = TimeSpan.FromMinutes(10);
        office.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        // 4,000 agreements of fictional agencies, in the shape of ICE's real rows.
        var real = IceListFile.Read(Repo.Participating("2025-07-18")).Rows;
        var rows = Enumerable.Range(0, 4000).Select(i =>
        {
            var r = real[i % real.Count];
            return (IReadOnlyList<string>)Header.Select(h => h == "LAW ENFORCEMENT AGENCY" ? $"Test Agency {i:D5}" : r.GetValueOrDefault(h) ?? "").ToList();
        });
        var bytes = Workbook.Write(Header, rows);

        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "participatingAgencies-2026-06-01.xlsx" } };
        var import = office.PostAsync("/api/v1/ice-lists/", form, Ct);
        var statuses = new List<HttpStatusCode>();
        var duringImport = 0;
        for (var i = 0; !import.IsCompleted && i < 2000; i++)
        {
            var response = await AddContactAsync(coordinator, agency.Id, i);
            statuses.Add(response.StatusCode);
            if (!import.IsCompleted) duringImport++;
            await Task.Delay(50, Ct);
        }
        var report = await import;
        report.StatusCode.ShouldBe(HttpStatusCode.OK, await report.Content.ReadAsStringAsync(Ct));
        (await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("added").GetInt32().ShouldBe(4000);

        statuses.ShouldAllBe(s => s == HttpStatusCode.Created);
        duringImport.ShouldBeGreaterThanOrEqualTo(3);
        var snapshot = await app.WithDbAsync((db, _) => db.IceListSnapshots.SingleAsync(Ct));
        snapshot.CompletedAt.ShouldNotBeNull();
        // Batches are separate transactions: the import's audit entries were written at many instants, others' writes among them.
        var instants = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == "ice_list.import").Select(e => e.At).Distinct().CountAsync(Ct));
        instants.ShouldBeGreaterThan(4000 / 50);
    }
}
