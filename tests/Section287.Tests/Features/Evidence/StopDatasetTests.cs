using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Evidence;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Evidence;

/// <summary>
/// Stop data through the API on a real database: imported (streamed, checked, all or nothing), analysed where it is kept with
/// the same figures as the R reference, exported in OPP's schema, replaced, and read only by those the policy names.
/// </summary>
public sealed class StopDatasetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Query(OppCity city, string name, Guid? agencyId = null, string? geography = null) =>
        $"?name={Uri.EscapeDataString(name)}&city={Uri.EscapeDataString(city.City)}&state={city.State}&centerLat={city.Lat:R}&centerLng={city.Lng:R}"
        + $"&timeZone={Uri.EscapeDataString(city.Zone)}&fileName={Uri.EscapeDataString(city.Stops)}"
        + (geography is null ? "" : $"&benchmarkGeography={Uri.EscapeDataString(geography)}") + (agencyId is null ? "" : $"&agencyId={agencyId}");

    private static StreamContent Csv(string path) => new(File.OpenRead(path)) { Headers = { ContentType = new("text/csv") } };

    private static StringContent Csv(string text, bool _ = true) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task AnImportedCity_IsAnalysedInTheAppWithTheReferencesFigures_AndExportsInOppsSchema()
    {
        await using var app = await TestApp.StartAsync();
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var city = OppCity.Owensboro;

        // The benchmark comes from the bundled ACS table, named as the Census names the county.
        var imported = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(city, "Owensboro KY (OPP 2020-04-01)", geography: "Daviess County, Kentucky"),
            Csv(city.StopsPath), Ct));
        var id = imported.GetProperty("id").GetGuid();
        imported.GetProperty("rows").GetInt64().ShouldBe(6921);
        imported.GetProperty("benchmarkSource").GetString().ShouldBe("ACS B03002 row 'Daviess County, Kentucky' of acs_2017_5_year_county_level_race_data.csv");
        var report = imported.GetProperty("report");
        report.GetProperty("unknownColumns").EnumerateArray().Select(c => c.GetString()).ShouldBe(["raw_race"]);
        report.GetProperty("missingForTests").EnumerateArray().Select(c => c.GetString()![..c.GetString()!.IndexOf(':')])
            .ShouldBe(["search_conducted", "contraband_found"]);

        var analysis = await Ok(programOffice.GetAsync($"/api/v1/stop-datasets/{id}/analysis", Ct));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(city.ExpectedPath, Ct));
        ReferenceJson.Differences(expected.RootElement.GetProperty("headline"), analysis.GetProperty("headline")).ShouldBeEmpty();

        // Exported, the file is OPP's schema as imported (here nothing was dropped), and it imports again to the same figures.
        var export = await programOffice.GetStringAsync($"/api/v1/stop-datasets/{id}/stops.csv", Ct);
        export.Split('\n')[0].ShouldBe((await File.ReadAllLinesAsync(city.StopsPath, Ct))[0]);
        export.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(6922);
        var again = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(city, "Owensboro, re-imported", geography: "Daviess County, Kentucky"),
            Csv(export, true), Ct));
        var second = await Ok(programOffice.GetAsync($"/api/v1/stop-datasets/{again.GetProperty("id").GetGuid()}/analysis", Ct));
        ReferenceJson.Differences(expected.RootElement.GetProperty("headline"), second.GetProperty("headline")).ShouldBeEmpty();

        var csv = await programOffice.GetStringAsync($"/api/v1/stop-datasets/{id}/analysis.csv", Ct);
        csv.ShouldContain("veil of darkness,before year rules,time_only,is_dark,0.66422");
        csv.ShouldContain("vod,12,remove geography-years with fewer than 100 stops per race");

        var list = await Ok(programOffice.GetAsync("/api/v1/stop-datasets?pageSize=1", Ct));
        list.GetProperty("total").GetInt32().ShouldBe(2);
        list.GetProperty("items").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task AFileWithABrokenRow_IsRefusedWithItsLineNumbers_AndNothingIsWritten_AndAReplacementIsAllOrNothing()
    {
        await using var app = await TestApp.StartAsync();
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var city = OppCity.Exampleville;
        const string header = "date,time,subject_race,type,search_conducted,district\n";
        var good = header + "2014-03-01,18:30,white,vehicular,FALSE,A\n2014-03-02,19:00,black,vehicular,TRUE,B\n";
        var created = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(city, "Exampleville (synthetic)"), Csv(good, true), Ct));
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("rows").GetInt64().ShouldBe(2);

        // Line 4 has a field too many, line 6 one too few; a date that is no date is reported but does not refuse the file.
        var broken = header + "2014-02-30,18:30,white,vehicular,FALSE,A\n2014-03-02,19:00,black,vehicular,TRUE,B,extra\n"
            + "\"2014-03-03\",\"20:00\",white,vehicular,FALSE,\"C, north\"\n2014-03-04,21:00,white\n";
        var refused = await Refused(programOffice.PutAsync($"/api/v1/stop-datasets/{id}" + Query(city, "Exampleville (synthetic)"), Csv(broken, true), Ct),
            HttpStatusCode.BadRequest, "evidence.file_refused");
        var fileErrors = refused.GetProperty("errors").GetProperty("file").EnumerateArray().Select(e => e.GetString()).ToList();
        fileErrors.ShouldHaveSingleItem().ShouldBe("Nothing was written: A row's fields do not match the header's 6 columns. Line 3, 5.");
        refused.GetProperty("title").GetString()!.ShouldContain("2 rows; line 3, 5");

        var kept = await Ok(programOffice.GetAsync($"/api/v1/stop-datasets/{id}", Ct));
        kept.GetProperty("revision").GetInt32().ShouldBe(1);
        kept.GetProperty("rows").GetInt64().ShouldBe(2);
        (await app.WithDbAsync((db, _) => db.StopRecords.CountAsync(r => r.DatasetId == id, Ct))).ShouldBe(2);

        var fixedFile = header + "2014-02-30,18:30,white,vehicular,FALSE,A\n\"2014-03-03\",\"20:00\",white,vehicular,FALSE,\"C, north\"\n"
            + "2014-03-04,21:00,white,vehicular,maybe,D\n";
        var replaced = await Ok(programOffice.PutAsync($"/api/v1/stop-datasets/{id}" + Query(city, "Exampleville (synthetic)"), Csv(fixedFile, true), Ct));
        replaced.GetProperty("revision").GetInt32().ShouldBe(2);
        replaced.GetProperty("rows").GetInt64().ShouldBe(3);
        var warnings = replaced.GetProperty("report").GetProperty("issues").EnumerateArray()
            .ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("lines").EnumerateArray().Select(l => l.GetInt64()).ToList());
        warnings["stops.date"].ShouldBe([2]);
        warnings["stops.flag.search_conducted"].ShouldBe([4]);
        var export = await programOffice.GetStringAsync($"/api/v1/stop-datasets/{id}/stops.csv", Ct);
        export.ShouldContain("2014-03-03,20:00,white,vehicular,FALSE,\"C, north\"");
        export.ShouldNotContain("2014-03-01");
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.Action == "evidence.replace", Ct))).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task OfficersNamesAndDatesOfBirth_AreNeverKept_AndAnOfficerIdOnlyAsAKeyedHash()
    {
        await using var app = await TestApp.StartAsync();
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var file = "date,subject_race,subject_dob,type,officer_id,officer_first_name,officer_last_name,officer_dob,beat_note\n"
            + "2014-03-01,white,1990-01-02,vehicular,B-4471,Zebulon,Quartermaine,1980-05-06,north\n"
            + "2014-03-02,black,NA,vehicular,B-4471,Zebulon,Quartermaine,1980-05-06,south\n";
        var d = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(OppCity.Exampleville, "Synthetic officers"), Csv(file, true), Ct));
        d.GetProperty("report").GetProperty("droppedColumns").EnumerateArray().Select(c => c.GetString())
            .ShouldBe(["subject_dob", "officer_id", "officer_first_name", "officer_last_name", "officer_dob"]);
        var export = await programOffice.GetStringAsync($"/api/v1/stop-datasets/{d.GetProperty("id").GetGuid()}/stops.csv", Ct);
        var lines = export.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("date,subject_race,type,beat_note,officer_id_hash");
        var hashes = lines.Skip(1).Select(l => l.Split(',')[^1]).ToList();
        hashes.Distinct().ShouldHaveSingleItem().Length.ShouldBe(12);
        export.ShouldNotContain("B-4471");
        export.ShouldNotContain("Zebulon");
        export.ShouldNotContain("Quartermaine");
        export.ShouldNotContain("1980-05-06");
        export.ShouldNotContain("1990-01-02");
    }

    [Fact]
    public async Task NorthCarolinasAggregatedData_AreWeightedByTheirCounts()
    {
        await using var app = await TestApp.StartAsync();
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var path = Path.Combine(OppCity.SharedStops, "nc_mecklenburg_sheriff_2022_04.csv");
        var q = "?name=Mecklenburg%20County%20Sheriff&format=north-carolina&city=Charlotte&state=NC&centerLat=35.2271&centerLng=-80.8431"
            + "&timeZone=America/New_York&benchmarkGeography=Mecklenburg%20County,%20North%20Carolina";
        var d = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + q, Csv(path), Ct));
        d.GetProperty("rows").GetInt64().ShouldBe(11171);
        d.GetProperty("stops").GetInt64().ShouldBe(40297);
        var analysis = await Ok(programOffice.GetAsync($"/api/v1/stop-datasets/{d.GetProperty("id").GetGuid()}/analysis", Ct));
        var byRace = analysis.GetProperty("headline").GetProperty("stops_by_race").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        byRace.Values.Sum().ShouldBe(40297);
        // Recounted from the file: every row weighted by its count.
        var expected = new Dictionary<string, long>();
        using (var reader = new StreamReader(path))
        using (var csv = new CsvRecords(reader))
        {
            csv.Read();
            while (csv.Read())
            {
                var race = csv.Text(1) switch { "White" => "white", "Black" => "black", "Hispanic" => "hispanic", "Asian" => "asian/pacific islander", _ => "other" };
                expected[race] = expected.GetValueOrDefault(race) + long.Parse(csv.Text(6), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        byRace.ShouldBe(expected, ignoreOrder: true);
        // Dates are years only: OPP's tests that need months cannot run, and the decision log says where they stopped.
        analysis.GetProperty("decisions").EnumerateArray().First(x => x.GetProperty("action").GetString() == "filter to 2011-01-01..2018-12-31")
            .GetProperty("rows_after").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task WhoImportsAndWhoReads_AreThePolicysRoles()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Upsilon County Sheriff's Office");
        var other = await Given.AgencyAsync(app, "Test Phi Police Department");
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var officer = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id));
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var city = OppCity.Exampleville;
        const string file = "date,subject_race,type\n2014-03-01,white,vehicular\n";

        await Refused(coordinator.PostAsync("/api/v1/stop-datasets" + Query(city, "Reference"), Csv(file, true), Ct), HttpStatusCode.Forbidden,
            EvidenceRules.WhoImports.Code);
        await Refused(coordinator.PostAsync("/api/v1/stop-datasets" + Query(city, "Theirs", other.Id), Csv(file, true), Ct), HttpStatusCode.Forbidden,
            EvidenceRules.WhoImports.Code);
        var own = await Ok(coordinator.PostAsync("/api/v1/stop-datasets" + Query(city, "Ours", agency.Id), Csv(file, true), Ct));
        await Refused(oversight.PostAsync("/api/v1/stop-datasets" + Query(city, "Reference"), Csv(file, true), Ct), HttpStatusCode.Forbidden,
            EvidenceRules.WhoImports.Code);
        var reference = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(city, "Reference"), Csv(file, true), Ct));
        var theirs = await Ok(programOffice.PostAsync("/api/v1/stop-datasets" + Query(city, "Theirs", other.Id), Csv(file, true), Ct));
        (await Ok(oversight.GetAsync("/api/v1/stop-datasets", Ct))).GetProperty("total").GetInt32().ShouldBe(3);

        await Refused(officer.GetAsync("/api/v1/stop-datasets", Ct), HttpStatusCode.Forbidden, EvidenceRules.WhoReads.Code);
        await Refused(officer.GetAsync($"/api/v1/stop-datasets/{own.GetProperty("id").GetGuid()}/analysis", Ct), HttpStatusCode.Forbidden,
            EvidenceRules.WhoReads.Code);
        var seen = await Ok(coordinator.GetAsync("/api/v1/stop-datasets", Ct));
        seen.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ShouldBe(["Ours", "Reference"]);
        await Refused(coordinator.GetAsync($"/api/v1/stop-datasets/{theirs.GetProperty("id").GetGuid()}/stops.csv", Ct), HttpStatusCode.NotFound,
            "evidence.not_found");
        await Ok(coordinator.GetAsync($"/api/v1/stop-datasets/{reference.GetProperty("id").GetGuid()}", Ct));
    }
}
