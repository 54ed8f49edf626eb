using System.Net.Http.Json;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// The agreements' obligations on the staff pages, without script and with axe-core on every page (issue 12): ICE records an
/// agency's reimbursable detention agreement and the coordinator keeps its interpreter list; ICE sets a task force agreement's
/// categories, the program office switches a policy off with a published reason, ICE asks for statistics and the coordinator
/// answers with what was counted; the coordinator reassigns an officer away from detention duty and authority says why; an
/// ICE supervisor signs a Notice to Appear from the encounter page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ObligationsBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheObligationsOfTheAgreements_AreKeptFromTheStaffPages_WithoutScript()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Tau County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime, jail, taskForce);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var programOfficeUser = await Given.UserAsync(app, Role.ProgramOffice);

        // ICE: the detention agreement, the categories, a request for statistics.
        var ice = await WithoutScriptAsync(app);
        await SignInAsync(ice, supervisorUser);
        await ice.GotoAsync($"/staff/agencies/{agency.Id}");
        await CheckAxeAsync(app, ice);
        await ice.FillAsync("[id='field-detention.reference']", "IGSA 70CDCR-TEST-01");
        await ice.FillAsync("[id='field-detention.from']", "2026-01-01");
        await Press(ice, "button:has-text('Save the detention agreement')");
        (await Text(ice, "#detention-agreement")).ShouldContain("IGSA 70CDCR-TEST-01, from 2026-01-01");
        await ice.GotoAsync($"/staff/agreements/{taskForce.Id}");
        await CheckAxeAsync(app, ice);
        await ice.FillAsync("#field-categories", "Final order of removal\nPrior removal and re-entry");
        await Press(ice, "button:has-text('Save the categories')");
        (await Text(ice, "#ice-categories")).ShouldContain("Prior removal and re-entry");
        await Open(ice, "Request statistics");
        await Choose(ice, "measure-encounters");
        await Choose(ice, "measure-arrests_without_warrant");
        await ice.FillAsync("#field-periodfrom", "2026-11-01");
        await ice.FillAsync("#field-periodto", "2026-11-30");
        await Press(ice, "button:has-text('Send the request')");
        (await Text(ice, "#error-summary")).ShouldContain("due");
        await CheckAxeAsync(app, ice);
        await ice.FillAsync("#field-dueon", "2026-12-15");
        await Press(ice, "button:has-text('Send the request')");
        (await Text(ice, "#statistics")).ShouldContain("Not answered yet");

        // The program office switches the offense-first policy off, with the reason it publishes.
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, programOfficeUser);
        await office.GotoAsync($"/staff/agreements/{taskForce.Id}");
        await Choose(office, "policy-off");
        await Press(office, "button:has-text('Switch the policy')");
        (await Text(office, "#error-summary")).ShouldContain("reason");
        await CheckAxeAsync(app, office);
        await office.FillAsync("#field-policyreason", "State law already requires a criminal predicate for every stop.");
        await Press(office, "button:has-text('Switch the policy')");
        (await Text(office, "#policies")).ShouldContain("State law already requires");

        // The coordinator: the interpreter list, the statistics answer, the officer's reassignment.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync($"/staff/agencies/{agency.Id}");
        await coordinator.FillAsync("[id='field-interpreter.name']", "Test Interpreter Lucia");
        await coordinator.FillAsync("[id='field-interpreter.languages']", "Spanish, Mam");
        await Press(coordinator, "button:has-text('Add to the list')");
        (await Text(coordinator, "#error-summary")).ShouldContain("qualified");
        await CheckAxeAsync(app, coordinator);
        await coordinator.FillAsync("[id='field-interpreter.qualification']", "State court certified, 2025");
        await Press(coordinator, "button:has-text('Add to the list')");
        (await Text(coordinator, "#interpreters")).ShouldContain("Test Interpreter Lucia");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/agreements/{taskForce.Id}");
        await Press(coordinator, "button:has-text('Send the counts to ICE')");
        (await Text(coordinator, "#statistics")).ShouldContain("Encounters recorded (uses of authority): 0");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/officers/{officerId}");
        await Open(coordinator, "Record a change");
        await coordinator.SelectOptionAsync("#field-conditionkind", "detention_duty");
        await Choose(coordinator, "held-no");
        await coordinator.FillAsync("#field-conditionreason", "Reassigned to patrol");
        await Press(coordinator, "#condition-form button");
        (await coordinator.Locator("#authority-jem [data-rule='authority.not_on_detention_duty']").CountAsync()).ShouldBe(1, "the reason is listed in plain words");
        (await Text(coordinator, "#authority-jem")).ShouldNotMatch(@"authority\.[a-z_]+");
        (await Text(coordinator, "#authority-tfm")).ShouldContain("may exercise");
        await CheckAxeAsync(app, coordinator);

        // An NTA the officer prepared under the task force model waits for ICE's signature; the supervisor signs it on the page.
        var api = await Given.ApiClientAsync(app, officerUser);
        var now = clock.GetUtcNow().UtcDateTime;
        var encounter = await Api.Ok(api.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = taskForce.Id, occurredAt = now.AddMinutes(-20), location = "Highway 9, mile 14",
            basis = new { kind = "stop_or_arrest", stopKind = "arrest", offense = "Driving while intoxicated", jurisdiction = "state" },
            stop = new { type = "vehicular", searchConducted = false, outcome = "arrest" },
            person = new { name = "Test Person Kappa" },
            perception = new { races = new[] { "white" }, gender = "cisgender_man", age = 40, limitedEnglish = false, disabilities = new[] { "none" },
                interpreterNeeded = false },
        }, TestContext.Current.CancellationToken));
        var encounterId = encounter.GetProperty("id").GetGuid();
        await Api.Ok(api.PostAsJsonAsync($"/api/v1/encounters/{encounterId}/actions",
            new { kind = "nta_prepared", reference = "NTA-2026-3301", category = "Final order of removal" }, TestContext.Current.CancellationToken));
        await ice.GotoAsync($"/staff/encounters/{encounterId}");
        await CheckAxeAsync(app, ice);
        var documentId = await app.WithDbAsync((db, _) =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ChargingDocuments.Where(d => d.EncounterId == encounterId).Select(d => d.Id)));
        await Choose(ice, $"document-{documentId}-sign");
        await Press(ice, "button:has-text('Record the decision')");
        (await Text(ice, "#documents")).ShouldContain("signed");
        await CheckAxeAsync(app, ice);

        // The program office sets the agency's time zone by hand (the form binds SetTimeZoneInput, with the version it read).
        await office.GotoAsync($"/staff/agencies/{agency.Id}");
        (await Text(office, "#agency-time-zone")).ShouldContain("derived from the state and county");
        await office.SelectOptionAsync("#field-timezone", "America/Chicago");
        await Press(office, "button:has-text('Save the time zone')");
        (await Text(office, "#agency-time-zone")).ShouldContain("America/Chicago");
        (await Text(office, "#agency-time-zone")).ShouldContain("set by the program office");
    }
}
