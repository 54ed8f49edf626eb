using System.Net;
using System.Net.Http.Json;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Tests.Features.Agencies;

public sealed class TimeZoneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheProgramOffice_CorrectsAnAgencysZone_OthersAreRefused_AndEmptyGoesBackToTheDerivedZone()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Zone Test County Sheriff's Office", state: "TX");
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));

        var seen = await Api.Ok(office.GetAsync($"/api/v1/agencies/{agency.Id}", Ct));
        var version = seen.GetProperty("version").GetInt64();

        await Api.Refused(coordinator.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = "America/Denver", version }, Ct),
            HttpStatusCode.Forbidden, "agency.time_zone_program_office_only");
        await Api.Refused(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = "Mars/Olympus_Mons", version }, Ct),
            HttpStatusCode.BadRequest, "agency.time_zone_unknown");

        var set = await Api.Ok(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = "America/Denver", version }, Ct));
        set.GetProperty("timeZone").GetString().ShouldBe("America/Denver");
        set.GetProperty("timeZoneSetByHand").GetBoolean().ShouldBeTrue();
        await Api.Refused(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone", new { timeZone = "America/Chicago", version }, Ct),
            HttpStatusCode.Conflict, CommonErrors.StaleEdit.Code);

        var back = await Api.Ok(office.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/time-zone",
            new { timeZone = "", version = set.GetProperty("version").GetInt64() }, Ct));
        back.GetProperty("timeZone").GetString().ShouldBe("America/Chicago");
        back.GetProperty("timeZoneSetByHand").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task AnImportedAgency_GetsTheZoneOfItsStateAndCounty()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true);
        var zones = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Agencies.Where(a => !a.IsDemo).Select(a => new { a.State, a.CountyFips, a.TimeZone })));
        zones.ShouldNotBeEmpty();
        zones.ShouldAllBe(z => z.TimeZone == UsTimeZones.For(z.State, z.CountyFips));
        zones.Where(z => z.State == "AZ").ShouldAllBe(z => z.TimeZone == "America/Phoenix");
    }

    [Fact]
    public void PagesWriteAndReadTimes_InTheReadersZone()
    {
        ViewerTime.Use(UsTimeZones.Find("America/Los_Angeles"));
        var utc = new DateTime(2026, 12, 3, 3, 0, 0, DateTimeKind.Utc);
        StaffFormat.Time(utc).ShouldBe("2026-12-02 19:00 PST");
        StaffFormat.Input(utc).ShouldBe("2026-12-02T19:00");
        StaffFormat.FromInput(new DateTime(2026, 12, 2, 19, 0, 0)).ShouldBe(utc);
        StaffFormat.TimeLabel("Booked").ShouldStartWith("Booked (local time, P");
    }
}
