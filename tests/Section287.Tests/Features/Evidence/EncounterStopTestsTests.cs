using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Section287.Common;
using Section287.Data.Reference;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Evidence;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Evidence;

/// <summary>
/// OPP's stop tests on the product's own task force stops, recorded through the API: the same analysis as on published data,
/// over the reader's period, at the agency's centre from the Census atlas (or the one the program office set), with the
/// agency's counties as the residential benchmark; several agencies as several places; one officer's stops alone.
/// </summary>
public sealed class EncounterStopTestsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);
    private static readonly string[] Races = ["white", "black", "hispanic"];

    private static async Task<Agency> PlacedAgencyAsync(TestApp app, string name, string state, string countyFips, string countyName)
    {
        var agency = await Given.AgencyAsync(app, name, state);
        return await app.WithDbAsync(async (db, _) =>
        {
            var tracked = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Agencies, a => a.Id == agency.Id, Ct);
            tracked.CountyFips = countyFips;
            tracked.CountyName = countyName;
            tracked.DeriveTimeZone();
            await db.SaveChangesAsync(Ct);
            return tracked;
        });
    }

    /// <summary>
    /// Evening stops on the agency's clock over October 2026 (one day apart, so that dusk moves through the inter-twilight
    /// window), from 16:30 at 7-minute steps that wrap at 20:00, races in turn, every third searched.
    /// </summary>
    private static async Task RecordStopsAsync(HttpClient officer, Agreement agreement, Agency agency, int count, int offset)
    {
        var zone = UsTimeZones.Find(agency.TimeZone);
        for (var i = 0; i < count; i++)
        {
            var local = new DateTime(2026, 10, 2, 16, 30, 0).AddDays((i + offset) % 30).AddMinutes(7 * (i + offset) % 210);
            var searched = i % 3 == 0;
            await Ok(officer.PostAsJsonAsync("/api/v1/encounters/", new
            {
                agreementId = agreement.Id, occurredAt = TimeZoneInfo.ConvertTimeToUtc(local, zone), location = "Highway 9", lateReason = "Entered from the shift's notes",
                basis = new { kind = "stop_or_arrest", stopKind = "stop", offense = "Speeding", jurisdiction = "state" },
                stop = new { type = "vehicular", searchConducted = searched, searchBasis = searched ? "consent" : null, contrabandFound = searched ? i % 2 == 0 : (bool?)null,
                    outcome = "warning", district = i % 2 == 0 ? "North" : "South" },
                person = new { name = $"Test Person {offset + i}" },
                perception = new { races = new[] { Races[i % 3] }, gender = "cisgender_man", age = 30, limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
            }, Ct));
        }
    }

    [Fact]
    public async Task OneAgencysStops_AreAnalysedAsOppDoes_AtItsCountyCentre_OverThePeriod_AndPerOfficer()
    {
        var clock = new TestClock(Start);
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await PlacedAgencyAsync(app, "Test Kappa County Sheriff's Office", "KY", "21059", "Daviess County");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var first = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var second = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, first, Start.UtcDateTime.AddDays(-60), taskForce);
        var secondId = await GivenOfficers.AuthorizedAsync(app, agency, second, Start.UtcDateTime.AddDays(-60), taskForce);
        await RecordStopsAsync(await Given.ApiClientAsync(app, first), taskForce, agency, 42, 0);
        await RecordStopsAsync(await Given.ApiClientAsync(app, second), taskForce, agency, 18, 42);
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        const string selection = "level=agency&from=2026-10-01&to=2026-11-02&subject=";
        var analysis = JsonNode.Parse(await office.GetStringAsync($"/api/v1/evidence/stops/analysis?{selection}{agency.Id}", Ct))!;

        // Independently: the exported stops read as any OPP file, analysed with the county's atlas centre, its ACS row and the period.
        var csv = await office.GetStringAsync($"/api/v1/evidence/stops.csv?{selection}{agency.Id}", Ct);
        var centre = UsAtlas.County("21059")!.Value;
        var expected = OppJson.ToJson(OppAnalysis.Run(StopData.ReadCsv(new StringReader(csv)), new OppOptions(agency.Name, "KY", centre.Lat, centre.Lng,
            UsTimeZones.Find("America/Chicago"), AcsBenchmarks.ForCounty("21059"), false, new OppPeriod(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 2)))));
        analysis["headline"]!.ToJsonString().ShouldBe(expected["headline"]!.ToJsonString());
        analysis["meta"]!["n_rows_input"]!.GetValue<long>().ShouldBe(60);
        analysis["meta"]!["center_lat"]!.GetValue<double>().ShouldBe(centre.Lat);
        analysis["meta"]!["time_zone"]!.GetValue<string>().ShouldBe("America/Chicago");
        analysis["meta"]!["subgeography_column"]!.GetValue<string>().ShouldBe("district");
        var decisions = analysis["decisions"]!.ToJsonString();
        decisions.ShouldContain("filter to 2026-10-01..2026-11-02");
        decisions.ShouldContain("use city as geography");
        analysis["benchmark"]!["source"]!.GetValue<string>().ShouldContain("Daviess County, Kentucky");

        // The page shows the same tests, with the decision log and the downloads, to the program office.
        var officeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var page = await (await FormSignIn.SignInAsync(app, officeUser)).GetStringAsync(
            $"/staff/evidence/encounters?Level=agency&Agency={agency.Id}&From=2026-10-01&To=2026-11-02", Ct);
        page.ShouldContain("60 task force stops with their facts recorded.");
        page.ShouldContain("id=\"decision-log\"");
        page.ShouldContain("filter to 2026-10-01..2026-11-02");
        page.ShouldContain($"/api/v1/evidence/stops/analysis.csv?");
        page.ShouldNotContain("usa-alert--error");

        // One officer: only that officer's stops.
        var one = JsonNode.Parse(await office.GetStringAsync($"/api/v1/evidence/stops/analysis?{selection}{agency.Id}&officerId={secondId}", Ct))!;
        one["meta"]!["n_rows_input"]!.GetValue<long>().ShouldBe(18);

        // The program office moves the centre (the city rather than the county): the next analysis computes sun times there.
        var version = (await Ok(office.GetAsync($"/api/v1/agencies/{agency.Id}", Ct))).GetProperty("version").GetInt64();
        await Refused(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/centre", new { lat = "north", lng = "-87.1", version }, Ct),
            HttpStatusCode.BadRequest, "agency.centre_invalid");
        var officerClient = await Given.ApiClientAsync(app, first);
        await Refused(officerClient.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/centre", new { lat = "37.7719", lng = "-87.1112", version }, Ct),
            HttpStatusCode.Forbidden, AgencyErrors.CentreProgramOfficeOnly.Code);
        var moved = await Ok(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/centre", new { lat = "37.7719", lng = "-87.1112", version }, Ct));
        moved.GetProperty("centreSource").GetString().ShouldBe("set by the program office");
        var again = JsonNode.Parse(await office.GetStringAsync($"/api/v1/evidence/stops/analysis?{selection}{agency.Id}", Ct))!;
        again["meta"]!["center_lat"]!.GetValue<double>().ShouldBe(37.7719);
        var movedSun = again["veil_of_darkness"]!["sun_times_by_date"]!;
        var firstDate = DateOnly.Parse(movedSun["date"]![0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var sunset = SunTimes.For(firstDate.DayNumber - StopData.Epoch, 37.7719, -87.1112, UsTimeZones.Find("America/Chicago")).SunsetMinute;
        movedSun["sunset_minute"]![0]!.GetValue<int>().ShouldBe(sunset);

        await Refused(officerClient.GetAsync($"/api/v1/evidence/stops/analysis?{selection}{agency.Id}", Ct), HttpStatusCode.Forbidden, EvidenceRules.WhoReads.Code);
    }

    [Fact]
    public async Task SeveralAgencies_AreSeveralPlaces_EachWithItsOwnSunTimes_AndTheirCountiesSumToTheBenchmark()
    {
        var clock = new TestClock(Start);
        await using var app = await TestApp.StartAsync(clock: clock);
        var kentucky = await PlacedAgencyAsync(app, "Test Lambda County Sheriff's Office", "KY", "21059", "Daviess County");
        var texas = await PlacedAgencyAsync(app, "Test Mu County Sheriff's Office", "TX", "48423", "Smith County");
        foreach (var (agency, offset) in new[] { (kentucky, 0), (texas, 100) })
        {
            var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
            var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
            await GivenOfficers.AuthorizedAsync(app, agency, user, Start.UtcDateTime.AddDays(-60), agreement);
            await RecordStopsAsync(await Given.ApiClientAsync(app, user), agreement, agency, 30, offset);
        }
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));

        var analysis = JsonNode.Parse(await oversight.GetStringAsync("/api/v1/evidence/stops/analysis?level=model&subject=TFM&from=2026-10-01&to=2026-11-02", Ct))!;
        analysis["meta"]!["n_rows_input"]!.GetValue<long>().ShouldBe(60);
        var places = analysis["meta"]!["places"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToList();
        places.ShouldBe(["Test Lambda County Sheriff's Office (KY)", "Test Mu County Sheriff's Office (TX)"]);
        var decisions = analysis["decisions"]!.ToJsonString();
        decisions.ShouldContain("use agency as geography");
        decisions.ShouldContain("geography = each of 2 agencies");
        decisions.ShouldContain("selected subgeography district (0.00% null, 2 distinct values)");

        // Each agency's sunset is computed at its own centre, in its own clock, on every date of its inter-twilight sample.
        var sun = analysis["veil_of_darkness"]!["sun_times_by_date"]!;
        var dates = sun["date"]!.AsArray().Select(d => DateOnly.Parse(d!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var placeOf = sun["place"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        foreach (var (agency, fips) in new[] { (kentucky, "21059"), (texas, "48423") })
        {
            var label = $"{agency.Name} ({agency.State})";
            var rows = Enumerable.Range(0, dates.Count).Where(i => placeOf[i] == label).ToList();
            rows.Count.ShouldBeGreaterThan(1);
            var centre = UsAtlas.County(fips)!.Value;
            foreach (var i in rows)
                sun["sunset_minute"]![i]!.GetValue<int>().ShouldBe(SunTimes.For(dates[i].DayNumber - StopData.Epoch, centre.Lat, centre.Lng, UsTimeZones.Find(agency.TimeZone)).SunsetMinute);
        }
        var elsewhere = UsAtlas.County("48423")!.Value;
        Enumerable.Range(0, dates.Count).Where(i => placeOf[i] == $"{kentucky.Name} ({kentucky.State})")
            .Count(i => sun["sunset_minute"]![i]!.GetValue<int>() != SunTimes.For(dates[i].DayNumber - StopData.Epoch, elsewhere.Lat, elsewhere.Lng, UsTimeZones.Find(texas.TimeZone)).SunsetMinute)
            .ShouldBeGreaterThan(0, "the Kentucky agency's sun is not Texas's");

        // The residents of both counties, group by group.
        var total = AcsBenchmarks.ForCounty("21059")!.Total + AcsBenchmarks.ForCounty("48423")!.Total;
        analysis["benchmark"]!["total_population"]!.GetValue<double>().ShouldBe(total);
    }
}
