using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 15's walk, without script and with axe-core on every page: a Spanish-speaking person files anonymously and follows the
/// complaint; the agency classifies it and tells ICE in time; ICE reports it to OPR, which refers it to the agency's internal
/// affairs; the task force officer named is off 287(g) duty while the allegation is open and back after its finding; the complaint
/// is resolved, reported and closed, and the person sees it closed. What the person typed is shown as text, never as markup.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ComplaintBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task ASpanishSpeakerFilesAnonymously_AndTheComplaintGoesThroughEveryStep_WithTheOfficerOffDutyMeanwhile()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office", state: "ZY");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime.AddDays(-30), taskForce);
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");

        // The person, in Spanish, without script: state, agency, then the complaint; a refusal keeps what was typed.
        var person = await WithoutScriptAsync(app);
        await person.GotoAsync("/complaints?lang=es");
        (await Text(person, "h1")).ShouldBe("Quejas sobre el programa 287(g)");
        await CheckAxeAsync(app, person);
        await Press(person, "a:has-text('Presentar una queja')");
        await person.SelectOptionAsync("#field-state", "ZY");
        await Press(person, "#choose-state button");
        await person.SelectOptionAsync("#field-agency", agency.Id.ToString());
        await CheckAxeAsync(app, person);
        await Press(person, "#choose-agency button");
        (await Text(person, "#chosen-agency")).ShouldContain("Test Sigma County Sheriff's Office");
        await Choose(person, "field-anonymous");
        await person.FillAsync("#field-name", "Test Person Pi");
        await Press(person, "button:has-text('Enviar la queja')");
        (await Text(person, "#field-narrative-error")).ShouldContain("Diga qué pasó");
        (await Text(person, "#field-anonymous-error")).ShouldContain("Una queja anónima no da nombre");
        await CheckAxeAsync(app, person);
        await person.FillAsync("#field-name", "");
        const string words = "El agente me empujó <script>alert('x')</script> contra el carro.";
        await person.FillAsync("#field-narrative", words);
        await Choose(person, "cat-force");
        await Press(person, "button:has-text('Enviar la queja')");
        var tracking = await Text(person, "#tracking-number");
        tracking.ShouldMatch("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$");
        (await Text(person, "#complaint-status")).ShouldContain("Recibida");
        await CheckAxeAsync(app, person);

        // The coordinator reads the words on purpose (as text), names the task force officer: off duty at once.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync("/staff/complaints");
        await CheckAxeAsync(app, coordinator);
        await Press(coordinator, $"a:has-text('{tracking}')");
        var complaintPage = coordinator.Url;
        await coordinator.FillAsync("#field-purpose", "Classify the complaint");
        await Press(coordinator, "button:has-text('Read them')");
        (await Text(coordinator, "#person-data")).ShouldContain("<script>alert('x')</script>");
        (await coordinator.Locator("#person-data script").CountAsync()).ShouldBe(0);
        await coordinator.GotoAsync(complaintPage);
        await Open(coordinator, "Record an allegation");
        await coordinator.SelectOptionAsync("#field-category", "force");
        await coordinator.SelectOptionAsync("#field-officer", officerId.ToString());
        await Press(coordinator, "button:has-text('Record the allegation')");
        (await Text(coordinator, "#field-mayleadtodiscipline-error")).ShouldContain("discipline");
        await CheckAxeAsync(app, coordinator);
        await coordinator.SelectOptionAsync("#field-category", "force");
        await coordinator.SelectOptionAsync("#field-officer", officerId.ToString());
        await Choose(coordinator, "MayLeadToDiscipline-yes");
        await Choose(coordinator, "MayLeadToCriminalInvestigation-no");
        await Choose(coordinator, "MayLeadToLawsuit-no");
        await Press(coordinator, "button:has-text('Record the allegation')");
        (await Text(coordinator, "#allegations")).ShouldContain("off task force duty until the finding");
        await coordinator.FillAsync("#field-notice-to", "SDDO Test Rho");
        await Press(coordinator, "button:has-text('Record the notice to ICE')");
        (await Text(coordinator, "#complaint-facts")).ShouldContain("SDDO Test Rho");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/officers/{officerId}");
        (await coordinator.Locator("#authority-tfm [data-rule='authority.allegation_pending']").CountAsync()).ShouldBe(1, "the reason is listed in plain words");
        (await Text(coordinator, "#authority-tfm")).ShouldNotMatch(@"authority\.[a-z_]+");
        (await Text(coordinator, "#officer-allegations")).ShouldContain(tracking);

        // ICE: the report to OPR, and OPR's referral to the agency's internal affairs.
        var ice = await WithoutScriptAsync(app);
        await SignInAsync(ice, supervisorUser);
        await ice.GotoAsync(complaintPage);
        await ice.FillAsync("#field-opr-to", "Joint Intake Center");
        await Press(ice, "button:has-text('Record the report to OPR')");
        await ice.SelectOptionAsync("#field-referral-to", "agency_internal_affairs");
        await Press(ice, "button:has-text('Record OPR')");
        (await Text(ice, "#referrals")).ShouldContain("agency internal affairs");
        await CheckAxeAsync(app, ice);

        // The agency adjudicates: the officer is back; then resolution, report, the officer told, closed.
        await coordinator.GotoAsync(complaintPage);
        await coordinator.SelectOptionAsync("select[id^='field-finding-']", "exonerated");
        await Press(coordinator, "button:has-text('Record the finding')");
        (await Text(coordinator, "#allegations")).ShouldContain("exonerated");
        await coordinator.FillAsync("#field-resolution", "The officer acted within policy.");
        await Press(coordinator, "button:has-text('Resolve the complaint')");
        await coordinator.FillAsync("#field-outcome-to", "SDDO Test Rho");
        await Press(coordinator, "button:has-text('Record the report of the outcome')");
        await Press(coordinator, "#form-close button");
        (await Text(coordinator, "main")).ShouldContain("the officers named told of the outcome");
        await CheckAxeAsync(app, coordinator);
        await coordinator.SelectOptionAsync("#field-tell-who", "subjects");
        await Press(coordinator, "#form-tell button");
        await Press(coordinator, "#form-close button");
        (await Text(coordinator, "#complaint-facts")).ShouldContain("closed");
        await coordinator.GotoAsync($"/staff/officers/{officerId}");
        (await Text(coordinator, "#authority-tfm")).ShouldContain("may exercise");

        // The person follows it with the number: closed, and nothing but status and dates.
        await person.GotoAsync("/complaints?lang=es");
        await person.FillAsync("#field-number", tracking.ToLowerInvariant());
        await Press(person, "button:has-text('Buscar')");
        var status = await Text(person, "#complaint-status");
        status.ShouldContain("Cerrada");
        status.ShouldNotContain("empujó");
        await CheckAxeAsync(app, person);
    }
}
