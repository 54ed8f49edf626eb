using System.Net.Http.Json;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// The encounter page's other forms, without script and with axe-core after refusals: each binds the API's input record under
/// its prefix, so a refused form keeps what was typed and an accepted one changes the record. The officer reads the person's
/// data on purpose, corrects the place, records and reports a citizenship claim; an ICE supervisor investigates and resolves it,
/// after which no immigration action is offered.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EncounterClaimBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheClaimAndCorrectionForms_BindTheirRecords_RefuseWithTheTextKept_AndChangeTheRecord()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime.AddDays(-30), jail);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var api = await Given.ApiClientAsync(app, officerUser);
        var now = clock.GetUtcNow().UtcDateTime;
        var encounter = await Api.Ok(api.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = jail.Id, occurredAt = now.AddMinutes(-30), location = "Test County Jail",
            basis = new { kind = "booking", bookingNumber = "B-2026-9120", charges = "Burglary", arrestedAt = now.AddHours(-3), bookedAt = now.AddHours(-2) },
            person = new { name = "Test Person Lambda", dateOfBirth = "1988-02-14" },
            perception = new { races = new[] { "asian" }, gender = "cisgender_woman", age = 38, limitedEnglish = false,
                disabilities = new[] { "none" }, interpreterNeeded = false },
        }, TestContext.Current.CancellationToken));
        var url = $"/staff/encounters/{encounter.GetProperty("id").GetGuid()}";

        var officer = await WithoutScriptAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync(url);

        // The person's data is read only with a purpose, which is logged.
        await Open(officer, "Read the person");
        await Press(officer, "button:has-text('Read')");
        (await Text(officer, "#field-purpose-error")).ShouldContain("Say why");
        await CheckAxeAsync(app, officer);
        await officer.FillAsync("#field-purpose", "Checking the booking against the jail roster");
        await Press(officer, "button:has-text('Read')");
        (await Text(officer, "#person")).ShouldContain("Test Person Lambda");

        // A correction needs its explanation; the place typed stays in the refused form.
        await Open(officer, "Correct the place");
        await officer.FillAsync("#field-correctlocation", "Test County Jail, intake annex");
        await Press(officer, "button:has-text('Record the correction')");
        (await officer.InputValueAsync("#field-correctlocation")).ShouldBe("Test County Jail, intake annex");
        (await Text(officer, "#error-summary")).ShouldNotBeEmpty();
        await officer.FillAsync("#field-correctionexplanation", "The booking was taken at the annex, not the main jail.");
        await Press(officer, "button:has-text('Record the correction')");
        (await Text(officer, "main")).ShouldContain("Test County Jail → Test County Jail, intake annex");

        // The person says they are a U.S. citizen: the claim needs its statement, then it is reported.
        await Open(officer, "The person claims U.S. citizenship");
        await Press(officer, "button:has-text('Record the claim')");
        (await Text(officer, "#field-statement-error")).ShouldContain("what the person said");
        await officer.FillAsync("#field-statement", "Says she was born in Tucson, Arizona.");
        await Press(officer, "button:has-text('Record the claim')");
        var claims = await Text(officer, "main");
        claims.ShouldContain("Claimed by the person 2026-12-01 10:00 EST: Says she was born in Tucson, Arizona.");
        claims.ShouldNotContain("Arizona..");
        await Press(officer, "button:has-text('Record the report')");
        (await Text(officer, "#field-reportedto-error")).ShouldContain("ICE supervisor");
        await officer.FillAsync("#field-reportedto", "Test SDDO Sigma");
        await Press(officer, "button:has-text('Record the report')");
        (await Text(officer, "main")).ShouldContain("Reported to Test SDDO Sigma");

        // ICE records a step of the investigation and resolves the claim: a U.S. citizen.
        var ice = await WithoutScriptAsync(app);
        await SignInAsync(ice, supervisorUser);
        await ice.GotoAsync(url);
        await Choose(ice, "step-record_check");
        await ice.FillAsync("#field-stepdetails", "Arizona vital records: birth certificate found.");
        await Press(ice, "button:has-text('Record the step')");
        (await Text(ice, "#timeline")).ShouldContain("Arizona vital records");
        await ice.FillAsync("#field-explanation", "Birth certificate confirmed with Arizona vital records.");
        await Press(ice, "button:has-text('Resolve the claim')");
        (await Text(ice, "#field-outcome-error")).ShouldContain("us_citizen");
        (await ice.InputValueAsync("#field-explanation")).ShouldBe("Birth certificate confirmed with Arizona vital records.");
        await CheckAxeAsync(app, ice);
        await Choose(ice, "outcome-us");
        await Press(ice, "button:has-text('Resolve the claim')");
        (await Text(ice, "main")).ShouldContain("a U.S. citizen — Birth certificate confirmed");
        await officer.GotoAsync(url);
        (await officer.Locator("summary:has-text('Request a detainer')").CountAsync()).ShouldBe(0);
    }
}
