using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Transparency;

namespace Section287.Tests.Features.Transparency;

/// <summary>
/// Issue 18: the public stop aggregates, by the race or ethnicity officers perceived, released like every kind and downloadable in the
/// Stanford Open Policing Project's vocabulary (subject_race, search_conducted, contraband_found, arrest_made), suppressed cells NA.
/// Stops are recorded through the API, as an officer does.
/// </summary>
public sealed class StopFiguresTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StopFigures_ArePublishedByPerceivedRace_AndDownloadInOppsVocabulary()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Mu County Sheriff's Office", state: "ZZ");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, user, clock.GetUtcNow().UtcDateTime.AddDays(-60), taskForce);
        var officer = await Given.ApiClientAsync(app, user);

        // October 2026 (the fourth quarter): white 14 stops, 12 searched, 3 of them with contraband; Black 12, none searched;
        // Hispanic 13, 11 searched, none with contraband, 2 ending in an arrest.
        var stops = Enumerable.Repeat(new GivenStop("white", true, true), 3).Concat(Enumerable.Repeat(new GivenStop("white", true), 9))
            .Concat(Enumerable.Repeat(new GivenStop("white"), 2)).Concat(Enumerable.Repeat(new GivenStop("black", Outcome: "citation"), 12))
            .Concat(Enumerable.Repeat(new GivenStop("hispanic", true), 11)).Concat(Enumerable.Repeat(new GivenStop("hispanic", Outcome: "arrest"), 2)).ToList();
        await GivenStops.RecordAsync(officer, taskForce.Id, new DateTime(2026, 10, 3, 18, 0, 0, DateTimeKind.Utc), stops);

        // Three of the four kinds are released; arrests are not, so their column stays NA.
        await GivenReleases.ApprovedAsync(app, "stops", "stop-searches", "stop-contraband");
        // The quarter settles 30 days after it ends; the sweep then publishes it.
        clock.Advance(TimeSpan.FromDays(92));
        (await app.WithDbAsync((_, services) => services.GetRequiredService<PublicFigures>().PublishDueAsync(Ct))).ShouldBe(3);

        var csv = (await app.Client().GetStringAsync("/api/v1/figures/opp-stops.csv?state=ZZ", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldBe("quarter,published_on,level,area,state,department_name,subject_race,n_stops,n_search_conducted,n_contraband_found,n_arrest_made");
        string Line(string level, string race) => csv.Single(l => l.Contains($",{level},", StringComparison.Ordinal) && l.Contains($",{race},", StringComparison.Ordinal));
        var published = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        Line("agency", "white").ShouldBe($"2026Q4,{published},agency,{agency.Id},ZZ,Test Mu County Sheriff's Office,white,14,12,NA,NA");
        Line("agency", "black").ShouldBe($"2026Q4,{published},agency,{agency.Id},ZZ,Test Mu County Sheriff's Office,black,12,0,0,NA");
        Line("agency", "hispanic").ShouldBe($"2026Q4,{published},agency,{agency.Id},ZZ,Test Mu County Sheriff's Office,hispanic,13,11,0,NA");
        Line("agency", "asian/pacific islander").ShouldEndWith(",asian/pacific islander,0,0,0,NA");
        Line("state", "white").ShouldBe($"2026Q4,{published},state,ZZ,ZZ,NA,white,14,12,NA,NA");
        csv.Length.ShouldBe(1 + 2 * 5, "a state row and an agency row, each with OPP's five race groups");

        // The same cells in the main open data, with the three contraband cells flagged as suppressed.
        var figures = await app.Client().GetStringAsync("/api/v1/figures/download.csv?state=ZZ", Ct);
        figures.ShouldContain($"stop-contraband,2026Q4,{published},agency,{agency.Id},ZZ,Test Mu County Sheriff's Office,white,,true");
        // The disparity indicators on the public page, from published cells only: the state's newest quarter by perceived race.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await app.Client().GetStringAsync("/figures", Ct));
        string[] Indicators(string race) => page.QuerySelectorAll("#indicators-table tbody tr")
            .Where(tr => tr.QuerySelector("th")!.TextContent.Trim() == "ZZ" && tr.QuerySelectorAll("td")[0].TextContent == race)
            .Single().QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()).ToArray();
        Indicators("White").ShouldBe(["14", "85.7 %", "hidden", "—"], "3 of 12 searches found contraband: hidden, so the hit rate is too");
        Indicators("Black").ShouldBe(["12", "0.0 %", "—", "0.00"], "no search: no hit rate");
        Indicators("Hispanic").ShouldBe(["13", "84.6 %", "0.0 %", "0.99"]);
        page.QuerySelector("#indicators-table caption")!.TextContent.ShouldBe("Disparity indicators, 2026Q4");

        // Nothing on a person or an officer reaches the public file.
        figures.ShouldNotContain("Test Person");
        string.Join('\n', csv).ShouldNotContain("Test Officer");
    }
}
