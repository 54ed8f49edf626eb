using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Section287.Features.Evidence;

namespace Section287.Tests.Features.Evidence;

/// <summary>
/// The product's OPP statistics against the independent R reference (../shared/reference/opp) on real stop files:
/// every number under each file's headline to 4 decimals, the same keys, the decision log step by step, the sun times.
/// </summary>
public sealed class OppReferenceTests
{
    public static TheoryData<string> Cities => new() { "owensboro", "columbus", "columbus-synthetic-contraband", "exampleville" };

    [Theory]
    [MemberData(nameof(Cities))]
    public void Headline_EqualsTheReferenceToFourDecimals(string name)
    {
        var city = OppCity.ByName(name);
        var result = city.Analyse();
        var ours = JsonDocument.Parse(OppJson.Headline(result).ToJsonString()).RootElement;
        using var expected = JsonDocument.Parse(File.ReadAllText(city.ExpectedPath));
        ReferenceJson.Differences(expected.RootElement.GetProperty("headline"), ours).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cities))]
    public void DecisionLog_RecordsTheReferencesStepsWithTheSameRowCounts(string name)
    {
        var city = OppCity.ByName(name);
        var result = city.Analyse();
        var reference = ReadPrimaryLog(city.DecisionLogPath);
        result.Decisions.Select(d => $"{d.Pipeline}|{d.Step}|{d.Action}|{d.Reason}|{d.Result}|{d.RowsBefore}|{d.RowsAfter}|{d.Details}")
            .ShouldBe(reference);
    }

    [Fact]
    public void SunsetAndDusk_AreTheReferencesFlooredMinutesOnEveryDate()
    {
        var city = OppCity.Columbus;
        var result = city.Analyse();
        using var expected = JsonDocument.Parse(File.ReadAllText(city.ExpectedPath));
        var sun = expected.RootElement.GetProperty("veil_of_darkness").GetProperty("sun_times_by_date");
        var dates = sun.GetProperty("date").EnumerateArray().Select(d => d.GetString()).ToList();
        result.VeilOfDarkness.SunTimesByDate.Count.ShouldBe(dates.Count);
        result.VeilOfDarkness.SunTimesByDate.Select(d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ShouldBe(dates);
        result.VeilOfDarkness.SunTimesByDate.Select(d => d.SunsetLocal).ShouldBe(sun.GetProperty("sunset_local").EnumerateArray().Select(d => d.GetString()));
        result.VeilOfDarkness.SunTimesByDate.Select(d => d.DuskMinute).ShouldBe(sun.GetProperty("dusk_minute").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public void OutcomeTest_SaysOppWouldNotPublishWhenTheCountRulesEliminateTheCity()
    {
        // Columbus (synthetic contraband): only 2 precincts have >= 50 searches of each race, so OPP drops the city;
        // the figures before the count rules are still given, marked as such.
        var result = OppCity.ColumbusSyntheticContraband.Analyse();
        result.Outcome.OppEligible.ShouldBeFalse();
        result.Outcome.OppFinal.ShouldBeNull();
        result.Outcome.SubgeographiesMeetingMinSearches.Count.ShouldBe(2);
        result.Outcome.BeforeCountRules!.Eligible.ShouldBeTrue();
        result.Decisions.Last(d => d.Pipeline == "disparity").Result.ShouldBe("location eliminated (2 subgeographies left)");
    }

    [Theory]
    [InlineData(false, "outcome")]
    [InlineData(true, "sensitivity.outcome_other_discretionary_choice")]
    public void OutcomeTest_KeepsACityWithThreeDistrictsOfEnoughSearches_AndFiltersDiscretionarySearchesAsTheReferenceChooses(bool asExecuted, string section)
    {
        // Exampleville records search_basis for most searches: OPP's text keeps only plain view, consent, probable cause,
        // k9 and NA searches (the reference's primary); OPP's code as executed keeps all (its sensitivity). Both match.
        var city = OppCity.Exampleville;
        var result = city.Analyse(asExecuted);
        using var expected = JsonDocument.Parse(File.ReadAllText(city.ExpectedPath));
        var reference = section.Split('.').Aggregate(expected.RootElement, (e, key) => e.GetProperty(key));
        result.Outcome.OppEligible.ShouldBeTrue();
        result.Outcome.SubgeographiesMeetingMinSearches.ShouldBe(reference.GetProperty("subgeographies_meeting_min_searches").EnumerateArray().Select(e => e.GetString()));
        foreach (var stage in new[] { "opp_final", "before_count_rules" })
        {
            var ours = JsonDocument.Parse(OppJson.ToJson(result)["outcome"]![stage]!.ToJsonString()).RootElement;
            foreach (var table in new[] { "search_rates", "hit_rates_by_subgeography", "aggregate_hit_rates_opp", "unweighted_mean_across_subgeographies" })
                ReferenceJson.Differences(reference.GetProperty(stage).GetProperty(table), ours.GetProperty(table), $"{stage}/{table}").ShouldBeEmpty();
        }
        var filter = result.Decisions.Single(d => d.Action.StartsWith("keep only plain view", StringComparison.Ordinal));
        (filter.RowsAfter < filter.RowsBefore).ShouldBe(!asExecuted);
    }

    [Fact]
    public async Task AnalyzeStops_AsTheReadmeRunsIt_PrintsOneJsonObjectWithTheReferencesHeadline()
    {
        var city = OppCity.Owensboro;
        var (exit, stdout, stderr) = await RunAsync(["run", "--no-build", "--project", Repo.AppContentRoot, "--", .. city.CommandArguments()]);
        exit.ShouldBe(0, stderr);
        using var ours = JsonDocument.Parse(stdout);
        using var expected = JsonDocument.Parse(File.ReadAllText(city.ExpectedPath));
        ReferenceJson.Differences(expected.RootElement.GetProperty("headline"), ours.RootElement.GetProperty("headline")).ShouldBeEmpty();
        ours.RootElement.GetProperty("decisions").GetArrayLength().ShouldBe(ReadPrimaryLog(city.DecisionLogPath).Count);
        ours.RootElement.GetProperty("veil_of_darkness").GetProperty("before_year_rules").GetProperty("models").GetProperty("time_only")
            .GetProperty("spline_interior_knots").GetArrayLength().ShouldBe(5);
    }

    [Fact]
    public async Task AnalyzeStops_ReadsRelativePathsFromWhereThePersonTypedIt()
    {
        var city = OppCity.Owensboro;
        var relative = Path.GetRelativePath(Repo.Root, city.StopsPath);
        var args = city.CommandArguments();
        args[1] = relative;
        var (exit, stdout, stderr) = await RunAsync(["run", "--no-build", "--project", Path.Combine("src", "Section287"), "--", .. args]);
        exit.ShouldBe(0, stderr);
        JsonDocument.Parse(stdout).RootElement.GetProperty("meta").GetProperty("input").GetString().ShouldBe(city.StopsPath);
    }

    [Theory]
    [InlineData("--tz", "Mars/Olympus", "is not a time zone")]
    [InlineData("--center-lat", "north", "--center-lat must be a latitude")]
    [InlineData("--benchmark-geography", "Nowhere County, Kentucky", "is not found exactly once")]
    public async Task AnalyzeStops_RefusesBadInputWithAPlainMessageAndExitCode2(string option, string value, string message)
    {
        var args = OppCity.Owensboro.CommandArguments();
        args[Array.IndexOf(args, option) + 1] = value;
        var (exit, stdout, stderr) = await RunAsync([Path.Combine(AppContext.BaseDirectory, "Section287.dll"), .. args]);
        exit.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
        stderr.ShouldNotContain("   at ");
    }

    [Fact]
    public void PlainSummary_NamesEachTestAndWhetherOppWouldPublishIt()
    {
        var text = OppText.Summary(OppCity.Owensboro.Analyse());
        text.ShouldContain("Outcome test: OPP would not publish it");
        text.ShouldContain("before year rules  time_only              is_dark 0.6642");
    }

    internal static List<string> ReadPrimaryLog(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvRecords(reader);
        csv.Read();
        var rows = new List<string>();
        while (csv.Read())
        {
            if (csv.Text(0) != "primary") continue;
            rows.Add(string.Join("|", Enumerable.Range(1, 8).Select(csv.Text)));
        }
        return rows;
    }

    private static async Task<(int, string, string)> RunAsync(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["PWD"] = Repo.Root;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
