using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Agencies;
using Section287.Features.Audit;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Audit;

public sealed class AuditTrailTests
{
    private static async Task ImportAsync(TestApp app, string path) =>
        await app.WithDbAsync(async (_, services) =>
        {
            services.GetRequiredService<ChangeContext>().As("tester-id", "tester@example.test");
            await using var stream = File.OpenRead(path);
            (await services.GetRequiredService<ImportIceList>().HandleAsync(stream, path, null, null, CancellationToken.None)).IsSuccess.ShouldBeTrue();
        });

    [Fact]
    public async Task EveryStateChange_WritesAChainedEntry_WithActorActionAndBeforeAfter()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2025-02-21"));
        await ImportAsync(app, Repo.Participating("2025-07-18"));

        await app.WithDbAsync(async (db, _) =>
        {
            var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
            var agreements = await db.Agreements.CountAsync();
            var agencies = await db.Agencies.CountAsync();
            entries.Count(e => e.EntityType == "Agreement" && e.Change == AuditChange.Added).ShouldBe(agreements);
            entries.Count(e => e.EntityType == "Agency" && e.Change == AuditChange.Added).ShouldBe(agencies);
            entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i));
            for (var i = 1; i < entries.Count; i++) entries[i].PreviousHash.ShouldBe(entries[i - 1].Hash);
            // The app's start seals the master key and writes the default course catalog first, as the system; everything after is the import's.
            var seeded = entries.TakeWhile(e => e.Action is "security.key_sealed" or "training.catalog_seed").ToList();
            seeded[0].EntityType.ShouldBe("KeySeal");
            seeded.Skip(1).ShouldAllBe(e => e.ActorName == "system" && (e.EntityType == "Course" || e.EntityType == "CourseExam"));
            entries.Skip(seeded.Count).ShouldAllBe(e => e.ActorName == "tester@example.test" && e.Action == "ice_list.import" && e.Reason.Contains("ICE"));

            var removal = entries.First(e => e.EntityType == "Agreement" && e.Change == AuditChange.Modified && e.Summary.Contains("Removed"));
            var status = JsonDocument.Parse(removal.Summary).RootElement.GetProperty("Status");
            status[0].GetString().ShouldBe("Active");
            status[1].GetString().ShouldBe("Removed");
        });
        (await app.WithDbAsync((_, sp) => sp.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None))).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task AlteringOneStoredEntry_IsDetectedAndNamed()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2025-02-21"));
        var target = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.EntityType == "Agreement").OrderBy(e => e.Sequence).Skip(20).Select(e => e.Sequence).FirstAsync());

        await app.WithDbAsync(async (db, _) =>
            await db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"ActorName\" = 'someone else' WHERE \"Sequence\" = {target}"));

        var result = await app.WithDbAsync((_, sp) => sp.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None));
        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(target);
        result.Problem.ShouldNotBeNull().ShouldContain(target.ToString());
    }

    [Fact]
    public async Task DeletingAnEntry_IsDetected()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2025-02-21"));
        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 7"));

        var result = await app.WithDbAsync((_, sp) => sp.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None));
        result.Intact.ShouldBeFalse();
        result.FirstBrokenSequence.ShouldBe(7);
    }

    [Fact]
    public async Task VerifyAuditCommand_ExitsZeroWhenIntactAndOneNamingTheBrokenEntry()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;

        var intact = await Cli.RunAsync(app.Database, dataDir, "verify-audit");
        intact.ExitCode.ShouldBe(0, intact.Stderr);
        intact.Stdout.ShouldContain("intact");

        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Summary\" = 'tampered' WHERE \"Sequence\" = 3"));
        var broken = await Cli.RunAsync(app.Database, dataDir, "verify-audit");
        broken.ExitCode.ShouldBe(1);
        broken.Stdout.ShouldContain("entry 3");
    }

    [Fact]
    public async Task ConcurrentWriters_KeepOneUnbrokenChain()
    {
        await using var app = await TestApp.StartAsync();
        var before = await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync());
        var writers = Enumerable.Range(0, 8).Select(i => app.WithDbAsync(async (db, services) =>
        {
            services.GetRequiredService<ChangeContext>().For("test.concurrent", $"writer {i}");
            for (var n = 0; n < 5; n++)
            {
                db.Agencies.Add(new Agency { Name = $"Writer {i} agency {n}", NameKey = $"WRITER {i} AGENCY {n}", State = "ZZ", IsDemo = true });
                await db.SaveChangesAsync();
            }
        }));
        await Task.WhenAll(writers);

        var result = await app.WithDbAsync((_, sp) => sp.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None));
        result.Intact.ShouldBeTrue(result.Problem);
        result.Entries.ShouldBe(before + 40);
    }
}
