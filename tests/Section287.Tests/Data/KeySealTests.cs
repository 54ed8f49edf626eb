using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Tests.Data;

/// <summary>
/// Issue 14, item 4: a start with a master key that is not the database's is refused before anything is read or written (a stored
/// check value), and <c>rotate-person-data-key</c> re-wraps the key ring and the seal so that person data, lookup hashes and the
/// audit anchors open under the new key, and no longer under the old.
/// </summary>
public sealed class KeySealTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static Task<(int Audit, int Ring, int Seals)> CountsAsync(TestApp app) => app.WithDbAsync(async (db, _) =>
        (await db.AuditEntries.CountAsync(Ct), await db.DataProtectionKeys.CountAsync(Ct), await db.Set<KeySeal>().CountAsync(Ct)));

    [Fact]
    public async Task AStartWithAnotherMasterKey_IsRefusedWithOneLineAndExitCode1_BeforeAnythingIsWritten()
    {
        await using var first = await TestApp.StartAsync();
        var sealedValue = await first.WithDbAsync((_, sp) => Task.FromResult(sp.GetRequiredService<PersonData>().Protect("A-123-456-789")!));
        var before = await CountsAsync(first);
        before.Seals.ShouldBe(1);
        before.Ring.ShouldBeGreaterThan(0);

        // The process as an operator starts it, with the wrong key: exit code 1, the reason in one line.
        var args = new List<string> { "--urls", "http://127.0.0.1:0", "--environment", "Testing", "--contentRoot", Repo.AppContentRoot,
            "--Section287:SeedBundledIceList=false", $"--Section287:DataDirectory={Directory.CreateTempSubdirectory("s287-key-").FullName}",
            $"--Security:PersonDataKey={NewKey()}" };
        args.AddRange(first.Database.Settings.Select(s => $"--{s.Key}={s.Value}"));
        (await AppHost.RunAsync([.. args])).ShouldBe(1);

        // The commands refuse it too, naming the cause.
        var command = await Cli.RunWithInputAsync(first.Database, Directory.CreateTempSubdirectory("s287-cli-").FullName, null, ["verify-audit"],
            personDataKey: NewKey());
        command.ExitCode.ShouldBe(2);
        command.Stderr.ShouldContain("not the key this database was sealed with");

        (await CountsAsync(first)).ShouldBe(before);
        (await first.WithDbAsync((_, sp) => sp.GetRequiredService<PersonData>().RevealAsync(sealedValue, Guid.NewGuid(), "test", Guid.NewGuid(), "aNumber",
            "Key seal test", Ct))).ShouldBe("A-123-456-789");
    }

    [Fact]
    public async Task RotatingTheKey_RewrapsTheRingAndTheSeal_SoPersonDataHashesAndAnchorsOpenUnderTheNewKeyOnly()
    {
        await using var first = await TestApp.StartAsync();
        var (sealedValue, hash) = await first.WithDbAsync((_, sp) =>
        {
            var p = sp.GetRequiredService<PersonData>();
            return Task.FromResult((p.Protect("A-123-456-789")!, p.LookupHash("a_number", "A123456789")));
        });
        await first.WithDbAsync((_, sp) => sp.GetServices<Section287.Features.Deadlines.IWatch>().OfType<AuditAnchorWatch>().Single().RunAsync(Ct));
        var ringBefore = await first.WithDbAsync((db, _) => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(Ct));

        var next = NewKey();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        (await Cli.RunWithInputAsync(first.Database, dataDir, "not a key", ["rotate-person-data-key"])).ExitCode.ShouldBe(2);
        var rotation = await Cli.RunWithInputAsync(first.Database, dataDir, next, ["rotate-person-data-key"]);
        rotation.ExitCode.ShouldBe(0, rotation.Stderr);
        rotation.Stdout.ShouldContain("Re-wrapped");
        var ringAfter = await first.WithDbAsync((db, _) => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(Ct));
        ringAfter.Count.ShouldBe(ringBefore.Count);
        ringAfter.ShouldAllBe(xml => !ringBefore.Contains(xml));
        var entry = await first.WithDbAsync((db, _) => db.AuditEntries.SingleAsync(e => e.Action == "security.person_data_key_rotated", Ct));
        entry.Summary.ShouldNotContain("CheckValue");
        entry.Summary.ShouldNotContain("SealedSecrets");

        // Under the new key: the person's value opens, the same identifier gives the same hash, the audit verifies.
        await using var second = await TestApp.StartAsync(settings: new Dictionary<string, string?>(first.Database.Settings) { ["Security:PersonDataKey"] = next });
        var (opened, rehash) = await second.WithDbAsync(async (_, sp) =>
        {
            var p = sp.GetRequiredService<PersonData>();
            return (await p.RevealAsync(sealedValue, Guid.NewGuid(), "test", Guid.NewGuid(), "aNumber", "Key seal test", Ct), p.LookupHash("a_number", "A-123-456-789"));
        });
        opened.ShouldBe("A-123-456-789");
        rehash.ShouldBe(hash);
        var verified = await Cli.RunWithInputAsync(first.Database, dataDir, null, ["verify-audit"], personDataKey: next);
        verified.ExitCode.ShouldBe(0, verified.Stdout + verified.Stderr);

        // The old key opens nothing any more.
        var old = await Cli.RunAsync(first.Database, dataDir, "verify-audit");
        old.ExitCode.ShouldBe(2);
        old.Stderr.ShouldContain("not the key this database was sealed with");
    }
}
