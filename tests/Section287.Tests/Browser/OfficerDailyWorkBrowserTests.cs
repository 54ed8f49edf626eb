using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 20, the officer's most frequent task: recording an encounter and what was done, on a tablet and a phone, with the
/// keyboard alone, with a draft kept on the server when the session ends, and with what was typed kept when a refusal comes back.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OfficerDailyWorkBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static async Task<(TestApp App, Section287.Features.Agencies.Agency Agency, TestUser Officer)> StartAsync()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Kappa County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officer, clock.GetUtcNow().UtcDateTime, jail);
        return (app, agency, officer);
    }

    private static async Task FillBookingAsync(IPage page, string charges = "Aggravated assault", string age = "35")
    {
        await page.FillAsync("[id='field-basis.bookingnumber']", "B-2026-9120");
        await page.FillAsync("[id='field-basis.charges']", charges);
        await page.FillAsync("[id='field-basis.arrestedat']", "2026-12-01T04:00");
        await page.FillAsync("[id='field-basis.bookedat']", "2026-12-01T05:00");
        await page.FillAsync("#field-occurredat", "2026-12-01T09:30");
        await page.FillAsync("#field-location", "County jail, booking");
        await page.FillAsync("#field-scheduledreleaseat", "2026-12-02T07:00");
        await page.FillAsync("[id='field-person.name']", "Test Person Lambda");
        await page.FillAsync("[id='field-person.dateofbirth']", "1990-02-11");
        await Choose(page, "races-hispanic");
        await Choose(page, "gender-cisgender_man");
        await page.FillAsync("[id='field-perception.age']", age);
        await Choose(page, "limitedenglish-false");
        await Choose(page, "disabilities-none");
        await Choose(page, "interpreterneeded-false");
    }

    private static async Task ShouldNotScrollSidewaysAsync(IPage page, string where)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        scroll.ShouldBeLessThanOrEqualTo(inner, $"{where}: the page is {scroll} px wide in a {inner} px window");
    }

    [Fact]
    public async Task OnATablet_BookingToDetainerRequest_TakesOnePageLoadPerStep_AndEachActionAsksOnlyItsFields()
    {
        var (app, agency, officerUser) = await StartAsync();
        await using var _ = app;
        var officer = await Chromium.PageAsync(app, width: 768, height: 1024);
        await SignInAsync(officer, officerUser);
        // Every page of the path is under /staff/encounters (the sign-in's own landing page can report its load late).
        var loaded = new List<string>();
        officer.Load += (_, page) =>
        {
            if (new Uri(page.Url).AbsolutePath.StartsWith("/staff/encounters", StringComparison.Ordinal)) loaded.Add(page.Url);
        };

        // Step 1: the encounters page. Step 2: the form. Step 3: record it.
        await officer.GotoAsync("/staff/encounters");
        await ShouldNotScrollSidewaysAsync(officer, "encounters, tablet");
        await Press(officer, "a:has-text('Record an encounter under the Jail Enforcement Model')");
        await ShouldNotScrollSidewaysAsync(officer, "new encounter, tablet");
        await CheckAxeAsync(app, officer);
        await FillBookingAsync(officer);
        // "Now" fills the field with the present moment on the agency's clock (the test's clock is the app's; the browser's is real).
        await officer.FillAsync("#field-occurredat", "");
        await officer.ClickAsync("button.s287-now[data-now-for='field-occurredat']");
        (await officer.InputValueAsync("#field-occurredat")).ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$");
        await officer.FillAsync("#field-occurredat", "2026-12-01T09:30");
        await Press(officer, "button:has-text('Record the encounter')");
        officer.Url.ShouldContain("done=opened");
        await ShouldNotScrollSidewaysAsync(officer, "encounter, tablet");

        // Each action is its own form with only what it needs: a record check asks for systems and result, nothing of a transfer.
        var recordCheckFields = await officer.Locator("#act-record_check input:not([type=hidden]), #act-record_check select, #act-record_check textarea")
            .EvaluateAllAsync<string[]>("els => els.map(e => e.name)");
        recordCheckFields.ShouldBe(["Action.Systems", "Action.Result", "Action.At", "Action.LateReason"]);
        (await officer.Locator("#act-transported [name='Action.Destination']").CountAsync()).ShouldBe(1);
        (await officer.Locator("#act-transported [name='Action.Systems']").CountAsync()).ShouldBe(0);
        (await officer.Locator("#act-record_check [name='Action.Systems']").IsVisibleAsync()).ShouldBeFalse("closed until chosen");
        await CheckAxeAsync(app, officer);

        // Step 4: the record check. Step 5: the detainer request.
        await OpenAction(officer, "record_check");
        await officer.FillAsync("#act-record_check [name='Action.Systems']", "IDENT, NCIC");
        await officer.FillAsync("#act-record_check [name='Action.Result']", "Final order of removal, 2019-03-04");
        await RecordAction(officer, "record_check");
        (await Text(officer, "#timeline")).ShouldContain("Record check of IDENT, NCIC");
        await officer.ClickAsync("summary:has-text('Request a detainer')");
        await officer.FillAsync("#field-probablecause", "Booked for aggravated assault; IDENT shows a final order of removal of 2019-03-04.");
        await Choose(officer, "dw-205");
        await officer.FillAsync("#dw-number", "W-205-5520");
        await officer.FillAsync("#dw-by", "Test SDDO Iota");
        await officer.FillAsync("#dw-on", "2026-11-30");
        await Press(officer, "button:has-text('Send to ICE for review')");
        (await Text(officer, ".detainer-status")).ShouldBe("requested");
        loaded.Count.ShouldBe(5, "five steps: the list, the form, the encounter recorded, the record check, the detainer request: "
            + string.Join(", ", loaded));
    }

    [Fact]
    public async Task OnAPhone_WithTheKeyboardAlone_AnActionIsOpenedFilledAndRecorded()
    {
        var (app, agency, officerUser) = await StartAsync();
        await using var _ = app;
        var officer = await Chromium.PageAsync(app, width: 375, height: 812);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/encounters/new");
        await ShouldNotScrollSidewaysAsync(officer, "new encounter, phone");
        await FillBookingAsync(officer);
        await Press(officer, "button:has-text('Record the encounter')");
        await ShouldNotScrollSidewaysAsync(officer, "encounter, phone");
        await CheckAxeAsync(app, officer);

        // Keyboard only: focus the action's summary, Enter opens it, Tab reaches each field, Enter in a field records it.
        await officer.FocusAsync("#act-transported > summary");
        await officer.Keyboard.PressAsync("Enter");
        (await officer.Locator("#act-transported").GetAttributeAsync("open")).ShouldNotBeNull();
        await officer.Keyboard.PressAsync("Tab");
        (await officer.EvaluateAsync<string>("document.activeElement.name")).ShouldBe("Action.Destination");
        await officer.Keyboard.TypeAsync("Test ICE processing center");
#pragma warning disable CS0612 // the form returns to its own address, so there is no new address to wait for
        await officer.RunAndWaitForNavigationAsync(() => officer.Keyboard.PressAsync("Enter"));
#pragma warning restore CS0612
        (await Text(officer, "#timeline")).ShouldContain("Test ICE processing center");
        await ShouldNotScrollSidewaysAsync(officer, "encounter after an action, phone");
    }

    [Fact]
    public async Task ADraftIsKeptOnTheServer_WhenTheSessionEnds_EncryptedAndRestoredWithALoggedRead()
    {
        var (app, agency, officerUser) = await StartAsync();
        await using var _ = app;
        var officer = await Chromium.PageAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/encounters/new");
        await FillBookingAsync(officer);
        // The script saves a few seconds after the last change.
        await officer.Locator("#draft-status:has-text('Draft saved at')").WaitForAsync(new LocatorWaitForOptions { Timeout = 15000 });
        var stored = await app.WithDbAsync((db, _) => db.EncounterDrafts.IgnoreQueryFilters().SingleAsync());
        stored.UserId.ShouldBe(officerUser.Id);
        stored.Payload.ShouldNotContain("Lambda");
        stored.Payload.ShouldNotContain("B-2026-9120");

        // The session ends (cookies gone); after signing in again, the form comes back as it was.
        await officer.Context.ClearCookiesAsync();
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/encounters/new");
        (await Text(officer, "#draft-restored")).ShouldContain("Your draft of");
        (await officer.InputValueAsync("[id='field-person.name']")).ShouldBe("Test Person Lambda");
        (await officer.InputValueAsync("[id='field-basis.bookingnumber']")).ShouldBe("B-2026-9120");
        (await officer.InputValueAsync("[id='field-perception.age']")).ShouldBe("35");
        (await officer.IsCheckedAsync("#races-hispanic")).ShouldBeTrue();
        (await officer.InputValueAsync("#field-occurredat")).ShouldBe("2026-12-01T09:30");
        var reads = await app.WithDbAsync((db, _) => db.PersonDataReads.IgnoreQueryFilters().Where(r => r.SubjectType == "encounter_draft").ToListAsync());
        reads.Count.ShouldBe(1);
        reads[0].ReaderId.ShouldBe(officerUser.Id.ToString());
        await CheckAxeAsync(app, officer);

        // Recording the encounter ends the draft.
        await Press(officer, "button:has-text('Record the encounter')");
        officer.Url.ShouldContain("done=opened");
        (await app.WithDbAsync((db, _) => db.EncounterDrafts.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task WithoutScript_ARefusalKeepsEverythingTyped_AndTheDraftButtonSavesIt_AndDiscardEndsIt()
    {
        var (app, agency, officerUser) = await StartAsync();
        await using var _ = app;
        var officer = await WithoutScriptAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/encounters/new");
        (await officer.Locator("button.s287-now").First.IsVisibleAsync()).ShouldBeFalse("without script there is no Now button; empty means now");
        await FillBookingAsync(officer, charges: "", age: "about thirty");
        await Press(officer, "button:has-text('Record the encounter')");
        (await Text(officer, "#error-summary")).ShouldContain("criminal charges");
        (await officer.InputValueAsync("[id='field-person.name']")).ShouldBe("Test Person Lambda");
        (await officer.InputValueAsync("[id='field-person.dateofbirth']")).ShouldBe("1990-02-11");
        (await officer.InputValueAsync("[id='field-basis.bookingnumber']")).ShouldBe("B-2026-9120");
        (await officer.InputValueAsync("[id='field-perception.age']")).ShouldBe("about thirty");
        (await officer.IsCheckedAsync("#races-hispanic")).ShouldBeTrue();
        (await officer.IsCheckedAsync("#gender-cisgender_man")).ShouldBeTrue();
        (await officer.InputValueAsync("#field-scheduledreleaseat")).ShouldBe("2026-12-02T07:00");
        await CheckAxeAsync(app, officer);

        await officer.FillAsync("[id='field-basis.charges']", "Burglary");
        await Press(officer, "button:has-text('Save a draft')");
        (await Text(officer, "main")).ShouldContain("Your draft of");
        (await officer.InputValueAsync("[id='field-basis.charges']")).ShouldBe("Burglary");
        await Press(officer, "#discard-draft");
        (await Text(officer, "main")).ShouldContain("The draft is discarded.");
        (await officer.InputValueAsync("[id='field-basis.charges']")).ShouldBe("");
        (await app.WithDbAsync((db, _) => db.EncounterDrafts.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }
}
