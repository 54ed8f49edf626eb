using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 15's inspection walk, without script and with axe-core: the program office schedules a warrant service agreement's
/// inspection from the agreement's page; ICE begins it, finds the complaint poster missing, records the finding and reports; the
/// coordinator hangs the posters, attests them and sends proof; ICE verifies and the finding closes, leaving none open.
/// </summary>
[Trait("Category", "Browser")]
public sealed class InspectionBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task AnInspectionFindsAMissingPoster_AndTheCorrectiveActionClosesIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.WarrantService);
        var programOfficeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);

        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, programOfficeUser);
        await office.GotoAsync($"/staff/agreements/{agreement.Id}");
        await Press(office, "a:has-text('Schedule inspections')");
        await Press(office, "button:has-text('Schedule')");
        (await Text(office, "#field-dueon-error")).ShouldContain("today or later");
        await CheckAxeAsync(app, office);
        await office.FillAsync("#field-dueon", "2026-12-20");
        await Press(office, "button:has-text('Schedule')");
        var inspectionPage = office.Url;
        (await Text(office, "#inspection-facts")).ShouldContain("2026-12-20");

        var ice = await WithoutScriptAsync(app);
        await SignInAsync(ice, supervisorUser);
        await ice.GotoAsync(inspectionPage);
        await Press(ice, "button:has-text('Begin the inspection')");
        (await Text(ice, "#item-posters")).ShouldContain("No attestation by the agency");
        await CheckAxeAsync(app, ice);
        await ice.FillAsync("#field-note-posters", "No poster in the booking area.");
        await Press(ice, "#item-posters button");
        await Open(ice, "Record a finding");
        await ice.SelectOptionAsync("#field-itemcode", "posters");
        await ice.FillAsync("#field-description", "No complaint-process poster in the booking area.");
        await ice.FillAsync("#field-action", "Hang the posters in English and Spanish.");
        await ice.FillAsync("#field-owner", "Jail administrator");
        await ice.FillAsync("#field-due", "2026-12-16");
        await Press(ice, "#form-finding button");
        (await Text(ice, "#inspection-findings")).ShouldContain("No complaint-process poster");
        await CheckAxeAsync(app, ice);

        // The coordinator attests the posters and sends proof.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync($"/staff/agencies/{agency.Id}/posters");
        await Choose(coordinator, "lang-es");
        await coordinator.FillAsync("#field-facility", "County jail, booking area");
        await Press(coordinator, "#form-poster button");
        (await Text(coordinator, "main")).ShouldContain("The complaint-process posters hang in English and Spanish");
        await CheckAxeAsync(app, coordinator);
        await Choose(coordinator, "lang-es");
        await coordinator.FillAsync("#field-facility", "County jail, booking area");
        await Press(coordinator, "#form-poster button");
        (await Text(coordinator, "#posters")).ShouldContain("en, es");
        await coordinator.GotoAsync(inspectionPage);
        await coordinator.Locator("textarea[id^='field-proof-']").FillAsync("Posters hung on 2026-12-02; photo in the jail file.");
        await Press(coordinator, "button:has-text('Send the proof')");
        (await Text(coordinator, "#inspection-findings")).ShouldContain("Proof sent");
        await CheckAxeAsync(app, coordinator);

        // ICE verifies: nothing is left open.
        await ice.GotoAsync(inspectionPage);
        await Press(ice, "button:has-text('Verified: close the finding')");
        (await Text(ice, "#inspection-findings")).ShouldContain("Closed");
        await ice.GotoAsync("/staff/inspections/findings");
        (await Text(ice, "main")).ShouldContain("0 findings.");
        await CheckAxeAsync(app, ice);
    }
}
