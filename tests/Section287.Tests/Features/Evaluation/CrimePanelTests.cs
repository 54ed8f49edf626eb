using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Section287.Features.Evaluation;

namespace Section287.Tests.Features.Evaluation;

/// <summary>
/// The county crime panel as reference data: the real 2009–2024 panel shipped with the app and loaded on a first start, and
/// newer versions imported with <c>import-crime-panel</c>, each kept with its source, version and SHA-256, never twice.
/// </summary>
public sealed class CrimePanelTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_first_start_loads_the_real_panel_once_with_its_source_and_the_health_check_says_so()
    {
        await using var app = await TestApp.StartAsync(seedCrimePanel: true);
        var health = await app.Client().GetFromJsonAsync<JsonElement>("/health", Ct);
        var part = health.GetProperty("parts").GetProperty("crimePanel");
        part.GetProperty("status").GetString().ShouldBe("healthy");
        part.GetProperty("detail").GetString()!.ShouldContain("2009–2024 (3,133 counties)");

        await app.WithDbAsync(async (db, services) =>
        {
            var panel = await db.CrimePanels.SingleAsync(Ct);
            panel.Version.ShouldBe(CrimePanels.BundledVersion);
            panel.Source.ShouldContain("openICPSR 100707");
            (panel.FirstYear, panel.LastYear, panel.Counties).ShouldBe((2009, 2024, 3133));
            (await db.CountyCrimeYears.CountAsync(r => r.PanelId == panel.Id, Ct)).ShouldBe(panel.Rows);
            panel.Rows.ShouldBe(3133 * 16);
            // One audited import, not fifty thousand entries.
            (await db.AuditEntries.CountAsync(e => e.Action == "evaluation.crime_panel_import", Ct)).ShouldBe(1);
            // Autauga County, Alabama, 2021, as the panel's file gives it.
            var autauga = await db.CountyCrimeYears.SingleAsync(r => r.PanelId == panel.Id && r.CountyFips == "01001" && r.Year == 2021, Ct);
            autauga.Population.ShouldBe(59191);
            autauga.ViolentRate!.Value.ShouldBe(204.423, 1e-9);

            // A second start finds it and loads nothing.
            var state = new StartupState();
            await CrimePanels.LoadIfNoneAsync(services, NullLogger.Instance, state, Ct);
            state.CrimePanel.Detail.ShouldContain("imported before");
            (await db.CrimePanels.CountAsync(Ct)).ShouldBe(1);
        });
    }

    private static string YearFiles(params (int Year, string Json)[] years)
    {
        var directory = Directory.CreateTempSubdirectory("s287-panel-").FullName;
        foreach (var (year, json) in years) File.WriteAllText(Path.Combine(directory, $"{year}.json"), json);
        return directory;
    }

    [Fact]
    public async Task A_newer_panel_is_imported_by_command_becomes_the_one_used_and_the_same_files_are_refused_the_second_time()
    {
        await using var app = await TestApp.StartAsync();
        var directory = YearFiles(
            (2023, """{"56901": {"population": 1000, "county_violent_crime_rate": 100.5, "county_property_crime_rate": 900}}"""),
            (2024, """{"56901": {"population": 1010, "county_violent_crime_rate": 98.0, "county_property_crime_rate": null}}"""));

        var first = await Cli.RunAsync(app.Database, app.DataDirectory, "import-crime-panel", directory, "--source", "Fictional source", "--version", "v2");
        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("Imported crime panel v2: 2023–2024, 1 counties, 2 county-years");
        var again = await Cli.RunAsync(app.Database, app.DataDirectory, "import-crime-panel", directory, "--source", "Fictional source", "--version", "v3");
        again.ExitCode.ShouldBe(1);
        again.Stderr.ShouldContain("evaluation.panel_duplicate");

        await app.WithDbAsync(async (db, services) =>
        {
            var newest = await services.GetRequiredService<CrimePanels>().NewestAsync(Ct);
            newest!.Version.ShouldBe("v2");
            (await db.CrimePanels.CountAsync(Ct)).ShouldBe(1);
            var rows = await db.CountyCrimeYears.Where(r => r.PanelId == newest.Id).OrderBy(r => r.Year).ToListAsync(Ct);
            rows.Select(r => r.PropertyRate).ShouldBe([900.0, null]);
        });
    }

    [Fact]
    public async Task A_malformed_panel_is_refused_with_the_reason_and_nothing_is_written()
    {
        await using var app = await TestApp.StartAsync();
        var cases = new (string Directory, string Code)[]
        {
            (YearFiles((2023, "{}"), (2024, "not json")), "evaluation.panel_json"),
            (YearFiles((2023, """{"5690": {}}"""), (2024, "{}")), "evaluation.panel_county"),
            (YearFiles((2021, "{}"), (2024, "{}")), "evaluation.panel_years"),
            (YearFiles((2024, "{}")), "evaluation.panel_years"),
        };
        foreach (var (directory, code) in cases)
        {
            var run = await Cli.RunAsync(app.Database, app.DataDirectory, "import-crime-panel", directory, "--source", "Fictional", "--version", "x");
            run.ExitCode.ShouldBe(1);
            run.Stderr.ShouldContain(code);
        }
        var noSource = await Cli.RunAsync(app.Database, app.DataDirectory, "import-crime-panel", cases[0].Directory);
        noSource.ExitCode.ShouldBe(2);
        noSource.Stderr.ShouldContain("import-crime-panel DIRECTORY --source TEXT --version TEXT");
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.CrimePanels.CountAsync(Ct)).ShouldBe(0);
            (await db.CountyCrimeYears.CountAsync(Ct)).ShouldBe(0);
        });
    }
}
