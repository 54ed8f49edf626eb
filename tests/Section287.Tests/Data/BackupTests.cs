using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Tests.Data;

/// <summary>
/// Issue 14: <c>backup FILE</c> and <c>restore FILE</c>, run as an operator runs them, on either database: a round trip brings back
/// every row of every table as it was when the backup was made, the key ring (person data still opens) and the audit chain with its
/// anchors (verify-audit passes), and the restore itself is in the audit chain. Wrong-kind and wrong-key backups are refused.
/// </summary>
public sealed class BackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<Dictionary<string, long>> RowsAsync(TestApp app) => app.WithDbAsync(async (db, _) =>
    {
        var rows = new Dictionary<string, long>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            rows[table] = Convert.ToInt64(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        await db.Database.CloseConnectionAsync();
        return rows;
    });

    [Fact]
    public async Task ABackupRestored_BringsBackEveryRowTheKeyRingAndTheAuditChain_AndVerifyAuditPasses()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Section287.Features.Accounts.Role.ProgramOffice));
        (await IceListUpload.PostAsync(http, await File.ReadAllBytesAsync(Repo.Participating("2025-02-21"), Ct),
            "participatingAgencies-2025-02-21.xlsx")).EnsureSuccessStatusCode();
        var sealedValue = await app.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<PersonData>().Protect("A-123-456-789")!));
        await app.WithDbAsync((_, sp) => sp.GetServices<Section287.Features.Deadlines.IWatch>().OfType<AuditAnchorWatch>().Single().RunAsync(Ct));
        var rows = await RowsAsync(app);
        var head = await app.WithDbAsync((db, _) => db.AuditEntries.OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstAsync(Ct));
        var ring = await app.WithDbAsync((db, _) => db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync(Ct));

        var file = Path.Combine(Directory.CreateTempSubdirectory("s287-backup-").FullName, "nightly.zip");
        var backup = await Cli.RunAsync(app.Database, app.DataDirectory, "backup", file);
        backup.ExitCode.ShouldBe(0, backup.Stderr);
        File.Exists(file).ShouldBeTrue();

        // Life goes on after the backup: a newer list, more anchors.
        (await IceListUpload.PostAsync(http, await File.ReadAllBytesAsync(Repo.Participating("2025-07-18"), Ct),
            "participatingAgencies-2025-07-18.xlsx")).EnsureSuccessStatusCode();
        await app.WithDbAsync((_, sp) => sp.GetServices<Section287.Features.Deadlines.IWatch>().OfType<AuditAnchorWatch>().Single().RunAsync(Ct));
        (await RowsAsync(app)).ShouldNotBe(rows);

        var restore = await Cli.RunAsync(app.Database, app.DataDirectory, "restore", file);
        restore.ExitCode.ShouldBe(0, restore.Stdout + restore.Stderr);

        var after = await RowsAsync(app);
        // Every table as it was, but for the restore's own trace: one maintenance event and its audit entry.
        after["MaintenanceEvents"].ShouldBe(rows["MaintenanceEvents"] + 1);
        after["AuditEntries"].ShouldBe(rows["AuditEntries"] + 1);
        foreach (var (table, count) in rows.Where(r => r.Key is not ("MaintenanceEvents" or "AuditEntries"))) after[table].ShouldBe(count, table);
        var entries = await app.WithDbAsync((db, _) => db.AuditEntries.OrderByDescending(e => e.Sequence).Take(2).ToListAsync(Ct));
        entries[0].Action.ShouldBe("system.restored");
        entries[1].Hash.ShouldBe(head);
        (await app.WithDbAsync((db, _) => db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml).ToListAsync(Ct))).ShouldBe(ring);
        (await app.WithDbAsync((_, sp) => sp.GetRequiredService<PersonData>().RevealAsync(sealedValue, Guid.NewGuid(), "test", Guid.NewGuid(), "aNumber",
            "Backup test", Ct))).ShouldBe("A-123-456-789");
        var verified = await Cli.RunAsync(app.Database, app.DataDirectory, "verify-audit");
        verified.ExitCode.ShouldBe(0, verified.Stdout + verified.Stderr);
        Directory.GetFiles(app.DataDirectory, "audit-anchors.jsonl.before-restore-*").Length.ShouldBe(1);

        // Restored with another master key, the backup is refused and nothing changes.
        var other = await Cli.RunWithInputAsync(app.Database, app.DataDirectory, null, ["restore", file],
            personDataKey: Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        other.ExitCode.ShouldBe(2);
    }
}
