using Microsoft.EntityFrameworkCore;
using Section287.Features.Audit;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Audit;

/// <summary>
/// Issue 14, item 2: the chain is anchored (signed under a key outside the database, kept in the database and in a file beside
/// it), so that deleting the newest entries, rewriting entries with recomputed hashes, rolling the database back and forging an
/// anchor are each detected, and named.
/// </summary>
public sealed class AuditAnchorTests
{
    // The 2021 and 2025 lists are four years apart: many agreements ended between them, so the removals are confirmed.
    private static async Task ImportAsync(TestApp app, string path) =>
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(path);
            var result = await services.GetRequiredService<ImportIceList>().HandleAsync(stream, path, null, null, CancellationToken.None,
                "four years between ICE's lists (test)");
            result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        });

    private static Task<AuditVerification> VerifyAsync(TestApp app) =>
        app.WithDbAsync((_, sp) => sp.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None));

    private static Task<long> HeadAsync(TestApp app) => app.WithDbAsync((db, _) => db.AuditEntries.MaxAsync(e => e.Sequence));

    [Fact]
    public async Task AVerification_AnchorsTheHead_InTheDatabaseAndInTheFileOutsideIt()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        var head = await HeadAsync(app);

        var result = await VerifyAsync(app);

        result.Intact.ShouldBeTrue(result.Problem);
        result.AnchoredThrough.ShouldBe(head);
        var (inDatabase, inFile) = await app.WithDbAsync(async (_, sp) =>
        {
            var anchors = sp.GetRequiredService<AuditAnchors>();
            return (await anchors.InDatabaseAsync(CancellationToken.None), await anchors.InFileAsync(CancellationToken.None));
        });
        inDatabase[^1].Sequence.ShouldBe(head);
        inFile[^1].Sequence.ShouldBe(head);
        inFile[^1].Hash.ShouldBe(inDatabase[^1].Hash);
    }

    [Fact]
    public async Task DeletingTheNewest50Entries_IsDetectedAsTruncation()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        (await VerifyAsync(app)).Intact.ShouldBeTrue();
        var head = await HeadAsync(app);

        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 50}"));

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Finding.ShouldBe("truncated");
        result.Entries.ShouldBe(head - 50);
        result.Problem.ShouldNotBeNull().ShouldContain($"anchored at entry {head}");
    }

    [Fact]
    public async Task EditingAnEntryAndRecomputingEveryHashAfterIt_IsDetectedAsARewrite()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        (await VerifyAsync(app)).Intact.ShouldBeTrue();
        var head = await HeadAsync(app);

        // What an attacker with the database but not the key can do: change entry 10 and make the whole chain consistent again.
        await app.WithDbAsync(async (db, _) =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= 9).OrderBy(e => e.Sequence).ToListAsync();
            var previous = entries[0].Hash;
            foreach (var e in entries.Skip(1))
            {
                var forged = new AuditEntry
                {
                    Sequence = e.Sequence, At = e.At, ActorId = e.ActorId, ActorName = e.Sequence == 10 ? "nobody" : e.ActorName, Action = e.Action,
                    Change = e.Change, EntityType = e.EntityType, EntityId = e.EntityId, Summary = e.Summary, Reason = e.Reason,
                    CorrelationId = e.CorrelationId, PreviousHash = previous,
                }.Seal();
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE \"AuditEntries\" SET \"ActorName\" = {forged.ActorName}, \"PreviousHash\" = {forged.PreviousHash}, \"Hash\" = {forged.Hash} WHERE \"Sequence\" = {e.Sequence}");
                previous = forged.Hash;
            }
            return 0;
        });

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Finding.ShouldBe("rewritten");
        // Found at the first anchor at or after the edit (the sweep anchors too, so there may be one before the head).
        result.FirstBrokenSequence.ShouldNotBeNull().ShouldBeInRange(10, head);
    }

    [Fact]
    public async Task RestoringAnOlderDatabase_AnchorsAndAll_IsDetectedByTheAnchorsOutsideIt()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        (await VerifyAsync(app)).Intact.ShouldBeTrue();
        var older = await HeadAsync(app);
        await ImportAsync(app, Repo.Participating("2025-02-21"));
        (await VerifyAsync(app)).Intact.ShouldBeTrue();
        var newer = await HeadAsync(app);
        newer.ShouldBeGreaterThan(older);

        // The database goes back to how it was at the first verification: its entries and its own anchors.
        await app.WithDbAsync(async (db, _) =>
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {older}");
            return await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditAnchors\" WHERE \"Sequence\" > {older}");
        });

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Finding.ShouldBe("rolled_back");
        result.Problem.ShouldNotBeNull().ShouldContain($"reach entry {newer}");
    }

    [Fact]
    public async Task AnAnchorWithoutItsSignature_IsDetectedAsForged()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        var head = await HeadAsync(app);
        await app.WithDbAsync(async (db, _) =>
        {
            db.AuditAnchors.Add(new AuditAnchor { Sequence = head + 1000, Hash = new string('a', 64), At = DateTime.UtcNow, Mac = new string('b', 64) });
            return await db.SaveChangesAsync();
        });

        var result = await VerifyAsync(app);
        result.Intact.ShouldBeFalse();
        result.Finding.ShouldBe("anchor_forged");
    }

    [Fact]
    public async Task TheSweep_AnchorsNewEntries_AndTheCommandNamesWhatItFound()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        var head = await HeadAsync(app);
        await app.WithDbAsync((db, sp) => sp.GetServices<Section287.Features.Deadlines.IWatch>().OfType<AuditAnchorWatch>().Single().RunAsync(CancellationToken.None));
        (await app.WithDbAsync((db, _) => db.AuditAnchors.MaxAsync(a => a.Sequence))).ShouldBe(head);

        await app.WithDbAsync(async (db, _) => await db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {head - 5}"));
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        var broken = await Cli.RunAsync(app.Database, dataDir, "verify-audit");
        broken.ExitCode.ShouldBe(1);
        broken.Stdout.ShouldContain("BROKEN (truncated)");
    }
}
