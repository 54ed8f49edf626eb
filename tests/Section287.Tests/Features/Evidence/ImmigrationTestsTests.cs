using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Evidence;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Evidence;

/// <summary>
/// The immigration-specific tests on encounters recorded through the API: rates by perceived group, rate ratios to white with a
/// 95% interval recomputed here by hand, and a group too small to compare shown with its reason; the stop's facts a task force
/// encounter must record.
/// </summary>
public sealed class ImmigrationTestsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 15, 0, 0, TimeSpan.Zero);

    private static object Booking(Guid agreementId, DateTime occurred, string race, int n) => new
    {
        agreementId, occurredAt = occurred, location = "County jail, booking",
        basis = new { kind = "booking", bookingNumber = $"B-{n}", charges = "Burglary, second degree", arrestedAt = occurred.AddHours(-6), bookedAt = occurred.AddHours(-5) },
        person = new { name = $"Test Person {n}" },
        perception = new { races = race.Split('+'), gender = "cisgender_man", age = 30, limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
    };

    [Fact]
    public async Task BookedPeople_QuestionedAndDetainedByGroup_WithRateRatiosToWhite_AndSmallGroupsNotCompared()
    {
        var clock = new TestClock(Start);
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, Start.UtcDateTime.AddDays(-40), jail);
        var officer = await Given.ApiClientAsync(app, officerUser);
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));

        // 24 white (6 questioned), 22 Black (11 questioned), 5 Hispanic (3 questioned), 1 Black-and-white (other).
        var plan = new List<(string Race, bool Questioned)>();
        plan.AddRange(Enumerable.Range(0, 24).Select(i => ("white", i < 6)));
        plan.AddRange(Enumerable.Range(0, 22).Select(i => ("black", i < 11)));
        plan.AddRange(Enumerable.Range(0, 5).Select(i => ("hispanic+white", i < 3)));
        plan.Add(("black+white", false));
        var at = Start.UtcDateTime.AddHours(-2);
        for (var i = 0; i < plan.Count; i++)
        {
            var e = await Ok(officer.PostAsJsonAsync("/api/v1/encounters/", Booking(jail.Id, at, plan[i].Race, i), Ct));
            if (plan[i].Questioned)
                await Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{e.GetProperty("id").GetGuid()}/actions", new { kind = "questioning", interpreterUsed = false }, Ct));
        }

        var result = await Ok(oversight.GetAsync($"/api/v1/evidence/immigration?level=agency&subject={agency.Id}", Ct));
        var questioned = result.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "jail.questioning");
        questioned.GetProperty("people").GetInt64().ShouldBe(52);
        var groups = questioned.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        (groups["white"].GetProperty("people").GetInt64(), groups["white"].GetProperty("events").GetInt64()).ShouldBe((24L, 6L));
        (groups["black"].GetProperty("people").GetInt64(), groups["black"].GetProperty("events").GetInt64()).ShouldBe((22L, 11L));
        (groups["hispanic"].GetProperty("people").GetInt64(), groups["hispanic"].GetProperty("events").GetInt64()).ShouldBe((5L, 3L));
        groups["other"].GetProperty("people").GetInt64().ShouldBe(1);

        // Black vs white: (11/22) / (6/24) = 2; Katz: se = sqrt(1/11 - 1/22 + 1/6 - 1/24).
        var se = Math.Sqrt(1.0 / 11 - 1.0 / 22 + 1.0 / 6 - 1.0 / 24);
        groups["black"].GetProperty("ratioToWhite").GetDouble().ShouldBe(2.0, 1e-12);
        groups["black"].GetProperty("low").GetDouble().ShouldBe(2 * Math.Exp(-1.96 * se), 1e-12);
        groups["black"].GetProperty("high").GetDouble().ShouldBe(2 * Math.Exp(1.96 * se), 1e-12);
        groups["hispanic"].GetProperty("ratioToWhite").ValueKind.ShouldBe(JsonValueKind.Null);
        groups["hispanic"].GetProperty("notShown").GetString().ShouldBe($"fewer than {ImmigrationTests.MinimumPeople} people");
        groups["hispanic"].GetProperty("rate").GetDouble().ShouldBe(0.6, 1e-12);

        // No detainer was requested: every ratio is withheld with its reason, and the CSV says the same.
        var detained = result.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "jail.detainer");
        detained.GetProperty("events").GetInt64().ShouldBe(0);
        detained.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("group").GetString() == "black").GetProperty("notShown").GetString()
            .ShouldBe("no events on one side: the ratio has no interval");
        var csv = await oversight.GetStringAsync($"/api/v1/evidence/immigration.csv?level=agency&subject={agency.Id}", Ct);
        csv.ShouldContain("jail.questioning,black,22,11,0.5,2,");

        // Officers do not read it; the default period is the last 12 months.
        await Refused(officer.GetAsync("/api/v1/evidence/immigration", Ct), HttpStatusCode.Forbidden, EvidenceRules.WhoReads.Code);
        result.GetProperty("from").GetString().ShouldBe("2025-11-03");
    }

    [Fact]
    public async Task ATaskForceStop_RecordsItsSearchAndOutcome_AndTheStopsImmigrationActionsAreCounted()
    {
        var clock = new TestClock(Start);
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, Start.UtcDateTime.AddDays(-40), taskForce, jail);
        var officer = await Given.ApiClientAsync(app, officerUser);
        var at = Start.UtcDateTime.AddHours(-1);
        object Stop(object? stop) => new
        {
            agreementId = taskForce.Id, occurredAt = at, location = "Highway 9, mile 14",
            basis = new { kind = "stop_or_arrest", stopKind = "stop", offense = "Speeding, 25 over", jurisdiction = "state" },
            stop, person = new { name = "Test Person Rho" },
            perception = new { races = new[] { "white" }, gender = "cisgender_woman", age = 41, limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
        };

        var missing = await Refused(officer.PostAsJsonAsync("/api/v1/encounters/", Stop(null), Ct), HttpStatusCode.BadRequest, "encounter.invalid");
        missing.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["stop.type", "stop.searchConducted", "stop.outcome"], ignoreOrder: true);
        var searchedWithoutBasis = await Refused(officer.PostAsJsonAsync("/api/v1/encounters/", Stop(new { type = "vehicular", searchConducted = true, outcome = "citation" }), Ct),
            HttpStatusCode.BadRequest, "encounter.invalid");
        searchedWithoutBasis.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["stop.searchBasis", "stop.contrabandFound"], ignoreOrder: true);
        var booking = Booking(jail.Id, at, "white", 1);
        var jailWithStop = JsonSerializer.SerializeToNode(booking)!.AsObject();
        jailWithStop["stop"] = JsonSerializer.SerializeToNode(new { type = "vehicular", searchConducted = false, outcome = "none" });
        (await Refused(officer.PostAsJsonAsync("/api/v1/encounters/", jailWithStop, Ct), HttpStatusCode.BadRequest, "encounter.invalid"))
            .GetProperty("errors").GetProperty("stop")[0].GetString()!.ShouldContain("task force stops only");

        var e = await Ok(officer.PostAsJsonAsync("/api/v1/encounters/",
            Stop(new { type = "vehicular", searchConducted = true, searchBasis = "consent", contrabandFound = true, outcome = "citation", district = "North" }), Ct));
        var stop = e.GetProperty("stop");
        (stop.GetProperty("type").GetString(), stop.GetProperty("searchBasis").GetString(), stop.GetProperty("contrabandFound").GetBoolean(),
            stop.GetProperty("district").GetString()).ShouldBe(("vehicular", "consent", true, "North"));

        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var tests = await Ok(programOffice.GetAsync($"/api/v1/evidence/immigration?level=model&subject=TFM", Ct));
        var tf = tests.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "task_force.immigration_action");
        (tf.GetProperty("people").GetInt64(), tf.GetProperty("events").GetInt64()).ShouldBe((1L, 0L));

        // The stop in OPP's schema, read back by the same reader as any OPP file; the officer only as a keyed hash.
        var csv = await programOffice.GetStringAsync("/api/v1/evidence/stops.csv?level=model&subject=TFM", Ct);
        var officerId = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Officers, o => o.AgencyId == agency.Id, Ct));
        csv.ShouldNotContain(officerId.Id.ToString());
        csv.ShouldNotContain(officerId.Id.ToString("N"));
        csv.ShouldNotContain("Test Person Rho");
        var data = StopData.ReadCsv(new StringReader(csv));
        data.Count.ShouldBe(1);
        (data.Race.Value(0), data.Type.Value(0), data.SearchConducted![0], data.ContrabandFound![0], data.SearchBasis!.Value(0))
            .ShouldBe(("white", "vehicular", (sbyte)1, (sbyte)1, "consent"));
        StopData.ToDate(data.Date[0]).ShouldBe(new DateOnly(2026, 11, 2));
        data.Minute[0].ShouldBe((short)(9 * 60));
        data.Subgeographies["district"].Value(0).ShouldBe("North");
        csv.Split('\n')[1].Split(',')[6].Length.ShouldBe(12);
    }
}
