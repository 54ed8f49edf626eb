using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Section287.Tests.Features.IceLists;

/// <summary>The import-ice-list admin command, run as a separate process as an operator runs it.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public async Task Json_IsOneObjectOnStdout_WithTheReportFields()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;

        var outcome = await Cli.DotnetRunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2025-02-21"), "--json");

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        // The whole of stdout is the one object: nothing before it, nothing after it.
        var json = JsonDocument.Parse(outcome.Stdout).RootElement;
        json.GetProperty("asOf").GetString().ShouldBe("2025-02-21");
        var rows = IceListFile.Read(Repo.Participating("2025-02-21")).Rows.Count;
        json.GetProperty("rows").GetInt32().ShouldBe(rows);
        json.GetProperty("added").GetInt32().ShouldBe(rows);
        foreach (var field in new[] { "updated", "removed", "unchanged", "flagged" }) json.TryGetProperty(field, out _).ShouldBeTrue(field);
        outcome.Stderr.ShouldContain("rows");
    }

    [Fact]
    public async Task Json_NamesEveryAgreementAdded_Updated_AndRemoved()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        (await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2025-07-18"), "--json")).ExitCode.ShouldBe(0);

        var outcome = await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2026-05-18"), "--json");

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var json = JsonDocument.Parse(outcome.Stdout).RootElement;
        foreach (var (count, list) in new[] { ("added", "addedAgreements"), ("updated", "updatedAgreements"), ("removed", "removedAgreements") })
        {
            var items = json.GetProperty(list).EnumerateArray().ToList();
            items.Count.ShouldBe(json.GetProperty(count).GetInt32(), list);
            items.ShouldAllBe(i => i.GetProperty("agencyName").GetString()!.Length > 0 && i.GetProperty("state").GetString()!.Length == 2
                && i.GetProperty("model").GetString()!.Length == 3);
        }
        json.GetProperty("removed").GetInt32().ShouldBeGreaterThan(0);
        json.GetProperty("updatedAgreements").EnumerateArray().ShouldAllBe(i => i.GetProperty("changes").GetArrayLength() > 0);
        // What it names as removed is what the registry now holds as removed.
        var removedIds = json.GetProperty("removedAgreements").EnumerateArray().Select(i => Guid.Parse(i.GetProperty("agreementId").GetString()!)).ToList();
        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync(a => removedIds.Contains(a.Id)
            && a.Status == Section287.Features.Agreements.AgreementStatus.Removed))).ShouldBe(removedIds.Count);
    }

    [Fact]
    public async Task TheCommand_NeverLoadsTheBundledList()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;

        var outcome = await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2021-01-13"), "--json");

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var listed = IceListFile.Read(Repo.Participating("2021-01-13")).AgreementKeys().Count;
        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync())).ShouldBe(listed);
        (await app.WithDbAsync((db, _) => db.IceListSnapshots.Select(s => s.AsOf).ToListAsync())).ShouldBe([new DateOnly(2021, 1, 13)]);
    }

    [Fact]
    public async Task AsOf_OverridesTheDateInTheFileName_AndBadDatesAreRefused()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;

        var bad = await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2021-01-13"), "--as-of", "13/01/2021");
        bad.ExitCode.ShouldBe(2);
        bad.Stderr.ShouldContain("YYYY-MM-DD");

        var good = await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2021-01-13"), "--as-of", "2021-01-20", "--json");
        good.ExitCode.ShouldBe(0, good.Stderr);
        JsonDocument.Parse(good.Stdout).RootElement.GetProperty("asOf").GetString().ShouldBe("2021-01-20");
    }

    [Fact]
    public async Task AnOlderList_ExitsNonZeroWithTheReason()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        (await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2025-07-18"))).ExitCode.ShouldBe(0);

        var older = await Cli.RunAsync(app.Database, dataDir, "import-ice-list", Repo.Participating("2025-02-21"));

        older.ExitCode.ShouldBe(1);
        older.Stderr.ShouldContain("ice_list.older_than_newest");
    }
}
