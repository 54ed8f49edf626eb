using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Tests.Browser;

/// <summary>
/// A jail-model officer books in a person (without script), questions through an interpreter and requests a detainer; the
/// ICE supervisor returns it with a question, the officer answers, the supervisor approves; the hold clock runs past 36
/// hours on a clock the test moves and warns everyone; the person is transferred. Every page passes axe-core.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EncounterBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task BookedQuestionedDetainerReturnedAnsweredApproved_HoldWarnsAt36Hours_Transferred()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime, jail);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");

        // The officer books the person in, without script; a basis that is immigration status is refused beside its field.
        var officer = await WithoutScriptAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/encounters");
        await CheckAxeAsync(app, officer);
        await Press(officer, "a:has-text('Record an encounter under the Jail Enforcement Model')");
        await CheckAxeAsync(app, officer);
        await officer.FillAsync("[id='field-basis.bookingnumber']", "B-2026-7781");
        await officer.FillAsync("[id='field-basis.charges']", "");
        // The officer types times on the agency's wall clock (Eastern, EST): 14:30 UTC is 09:30 there.
        await officer.FillAsync("[id='field-basis.arrestedat']", "2026-12-01T04:00");
        await officer.FillAsync("[id='field-basis.bookedat']", "2026-12-01T05:00");
        await officer.FillAsync("#field-occurredat", "2026-12-01T09:30");
        await officer.FillAsync("#field-location", "County jail, booking");
        await officer.FillAsync("#field-scheduledreleaseat", "2026-12-02T07:00");
        await officer.FillAsync("[id='field-person.name']", "Test Person Omega");
        await officer.FillAsync("[id='field-person.dateofbirth']", "1991-07-30");
        await officer.FillAsync("[id='field-person.anumber']", "A-208-114-552");
        await Choose(officer, "races-hispanic");
        await Choose(officer, "gender-cisgender_man");
        await officer.FillAsync("[id='field-perception.age']", "35");
        await Choose(officer, "limitedenglish-true");
        await Choose(officer, "disabilities-none");
        await Choose(officer, "interpreterneeded-true");
        await officer.FillAsync("[id='field-perception.interpreterlanguage']", "Spanish");
        await Press(officer, "button:has-text('Record the encounter')");
        (await Text(officer, "[id='field-basis.charges-error']")).ShouldContain("criminal charges");
        (await Text(officer, "#error-summary")).ShouldContain("criminal charges");
        await CheckAxeAsync(app, officer);
        await officer.FillAsync("[id='field-basis.charges']", "Aggravated assault");
        await Press(officer, "button:has-text('Record the encounter')");
        officer.Url.ShouldContain("done=opened");
        var encounterUrl = officer.Url.Split('?')[0];
        (await Text(officer, "#basis")).ShouldContain("booking B-2026-7781 on Aggravated assault");
        (await officer.InnerTextAsync("main")).ShouldNotContain("Test Person Omega");
        await CheckAxeAsync(app, officer);

        // Questioning without the interpreter the person needs is refused; with one it is recorded.
        await RecordAction(officer, "questioning");
        (await Text(officer, "#error-summary")).ShouldContain("only through one");
        (await officer.Locator("#act-questioning").GetAttributeAsync("open")).ShouldNotBeNull();
        await Choose(officer, "act-questioning-check-interpreter");
        await RecordAction(officer, "questioning");
        (await Text(officer, "#timeline")).ShouldContain("through an interpreter (Spanish)");

        // Records are checked first (Knox MOA, Appendix A); then the detainer request goes to ICE.
        await OpenAction(officer, "record_check");
        await officer.FillAsync("#act-record_check [name='Action.Systems']", "IDENT, NCIC");
        await officer.FillAsync("#act-record_check [name='Action.Result']", "Final order of removal, 2019-03-04");
        await RecordAction(officer, "record_check");
        (await Text(officer, "#timeline")).ShouldContain("Record check of IDENT, NCIC");
        await officer.ClickAsync("summary:has-text('Request a detainer')");
        await officer.FillAsync("#field-probablecause", "Booked for aggravated assault; IDENT shows a final order of removal of 2019-03-04.");
        await Choose(officer, "dw-205");
        await officer.FillAsync("#dw-number", "W-205-4471");
        await officer.FillAsync("#dw-by", "Test SDDO Theta");
        await officer.FillAsync("#dw-on", "2026-11-30");
        await Press(officer, "button:has-text('Send to ICE for review')");
        (await Text(officer, ".detainer-status")).ShouldBe("requested");
        await CheckAxeAsync(app, officer);

        // The supervisor sees it in the queue, and returns it with a question.
        var supervisor = await Chromium.PageAsync(app);
        await SignInAsync(supervisor, supervisorUser);
        await supervisor.GotoAsync("/staff/supervision");
        (await Text(supervisor, "#queue-table .queue-detainers")).ShouldContain(agency.Name);
        (await Text(supervisor, ".queue-count[data-kind='detainers']")).ShouldBe("1");
        await CheckAxeAsync(app, supervisor);
        await Press(supervisor, ".queue-detainers a.queue-action");
        supervisor.Url.ShouldEndWith("#detainer-requested");
        await CheckAxeAsync(app, supervisor);
        await Choose(supervisor, "decision-return");
        await supervisor.FillAsync("#field-note", "Which court issued the removal order?");
        await Press(supervisor, "button:has-text('Record the decision')");
        (await Text(supervisor, ".detainer-status")).ShouldBe("returned");

        // The officer answers; the supervisor approves.
        await officer.GotoAsync(encounterUrl);
        (await Text(officer, "main")).ShouldContain("Which court issued the removal order?");
        await officer.FillAsync("#field-answer", "The Dallas immigration court, order of 2019-03-04.");
        await Press(officer, "button:has-text('Send the answer')");
        (await Text(officer, ".detainer-status")).ShouldBe("requested");
        await supervisor.GotoAsync(encounterUrl);
        await Choose(supervisor, "decision-approve");
        await Press(supervisor, "button:has-text('Record the decision')");
        (await Text(supervisor, ".detainer-status")).ShouldBe("issued");
        await officer.GotoAsync(encounterUrl);
        await Press(officer, "button:has-text('Record that the detainer was sent to ICE')");
        // The detainer holds the person once served on them.
        await RecordAction(officer, "detainer_served");
        (await Text(officer, "#timeline")).ShouldContain("served on the person");
        (await Text(officer, "#hold-ends")).ShouldContain("2026-12-04 07:00 EST");

        // The clock runs past 36 hours after the scheduled release: the watch warns, the page says so.
        clock.Advance(new DateTimeOffset(2026, 12, 4, 0, 30, 0, TimeSpan.Zero) - clock.GetUtcNow());
        (await app.WithDbAsync((_, s) => s.GetRequiredService<CustodyWatch>().RunAsync(CancellationToken.None))).Warned.ShouldBe(1);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync(encounterUrl);
        (await Text(officer, "#custody-alert")).ShouldContain("Held 36 hours past the scheduled release");
        await CheckAxeAsync(app, officer);
        await SignInAsync(supervisor, supervisorUser);
        await supervisor.GotoAsync("/staff/supervision");
        (await Text(supervisor, "#queue-table .queue-holds")).ShouldContain("past 36 hours");
        await supervisor.GotoAsync("/staff/notifications");
        (await supervisor.InnerTextAsync("main")).ShouldContain("Held 36 hours past release");

        // The person is transferred before 48 hours: no incident.
        await OpenAction(officer, "custody_transferred");
        await officer.FillAsync("#act-custody_transferred [name='Action.Details']", "ICE ERO Atlanta took custody at the sally port");
        await RecordAction(officer, "custody_transferred");
        (await Text(officer, "#encounter-state")).ShouldBe("in ICE custody, still in the jail");
        (await Text(officer, "#stay-ends")).ShouldContain("48 hours after the transfer");
        (await officer.Locator("#custody-alert").CountAsync()).ShouldBe(0);
        await CheckAxeAsync(app, officer);
        await RecordAction(officer, "picked_up_by_ice");
        (await Text(officer, "#encounter-state")).ShouldBe("ended: transferred");
        await supervisor.GotoAsync("/staff/measures?Level=agency&Subject=" + agency.Id);
        (await Text(supervisor, "#m-holds_past_48h")).ShouldBe("0");
        await CheckAxeAsync(app, supervisor);
    }
}
