using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 20, what every role shares: long lists sort by their column headers (and keep the order through paging), the audit
/// trail filters by who, what, record and date, links to the record and exports what it selects, and an officer's history and
/// "my history" show what the officer did.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EveryoneDailyWorkBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAgencyList_SortsByItsColumnHeaders_WithoutScript()
    {
        await using var app = await TestApp.StartAsync();
        await Given.AgencyAsync(app, "Test Beta County Sheriff's Office", "TX", "DAL");
        await Given.AgencyAsync(app, "Test Alpha City Police Department", "VA", "WAS");
        await Given.AgencyAsync(app, "Test Gamma County Sheriff's Office", "AL", "NOL");
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync("/staff/agencies?q=test");
        async Task<string[]> Names() => (await office.Locator("#agencies tbody th a").AllTextContentsAsync()).ToArray();
        (await Names()).ShouldBe(["Test Gamma County Sheriff's Office", "Test Beta County Sheriff's Office", "Test Alpha City Police Department"], "by state");
        await Press(office, "#agencies th[data-sort='name'] a");
        (await Names()).ShouldBe(["Test Alpha City Police Department", "Test Beta County Sheriff's Office", "Test Gamma County Sheriff's Office"]);
        (await office.Locator("#agencies th[data-sort='name']").GetAttributeAsync("data-sorted")).ShouldBe("ascending");
        await Press(office, "#agencies th[data-sort='name'] a");
        (await Names()).ShouldBe(["Test Gamma County Sheriff's Office", "Test Beta County Sheriff's Office", "Test Alpha City Police Department"]);
        await Press(office, "#agencies th[data-sort='office'] a");
        (await Names()).ShouldBe(["Test Beta County Sheriff's Office", "Test Gamma County Sheriff's Office", "Test Alpha City Police Department"], "DAL, NOL, WAS");
        // The search keeps the order chosen.
        await office.FillAsync("#field-q", "county");
        await Press(office, "button:has-text('Search')");
        office.Url.ShouldContain("sort=office");
        (await Names()).ShouldBe(["Test Beta County Sheriff's Office", "Test Gamma County Sheriff's Office"]);
        await CheckAxeAsync(app, office);
    }

    [Fact]
    public async Task TheComplaintsAccountsAndRosterLists_SortByTheirHeaders_AndKeepTheOrderThroughTheirFilters()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        // Complaints received one after the other: about Mu first, then Kappa, then Lambda.
        var agencies = new List<Section287.Features.Agencies.Agency>();
        foreach (var name in new[] { "Test Mu County Sheriff's Office", "Test Kappa County Sheriff's Office", "Test Lambda County Sheriff's Office" })
        {
            var agency = await Given.AgencyAsync(app, name);
            agencies.Add(agency);
            await Given.AgreementAsync(app, agency, AgreementModel.Jail); // the public complains about an agency with an agreement
            await Api.Ok(app.Client().PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency.Id, language = "en",
                narrative = "A complaint for the sorting walk.", anonymous = true }, Ct));
            clock.Advance(TimeSpan.FromMinutes(5));
        }
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));

        await office.GotoAsync("/staff/complaints");
        // The agency's cell reads "name (model)".
        async Task<string[]> Agencies() => (await office.Locator("#complaints tbody td[data-label='Agency']").AllTextContentsAsync()).Select(t => t.Split(" (")[0]).ToArray();
        (await Agencies()).ShouldBe(["Test Lambda County Sheriff's Office", "Test Kappa County Sheriff's Office", "Test Mu County Sheriff's Office"], "newest first");
        await Press(office, "#complaints th[data-sort='agency'] a");
        (await Agencies()).ShouldBe(["Test Kappa County Sheriff's Office", "Test Lambda County Sheriff's Office", "Test Mu County Sheriff's Office"]);
        (await office.Locator("#complaints th[data-sort='agency']").GetAttributeAsync("data-sorted")).ShouldBe("ascending");
        await Press(office, "#complaints th[data-sort='tracking'] a");
        var tracking = (await office.Locator("#complaints tbody th a").AllTextContentsAsync()).ToArray();
        tracking.ShouldBe(tracking.Order(StringComparer.Ordinal).ToArray());
        await Press(office, "#complaints th[data-sort='tracking'] a");
        (await office.Locator("#complaints tbody th a").AllTextContentsAsync()).ShouldBe(tracking.Reverse().ToArray());
        // The status filter keeps the order chosen.
        await Press(office, "button:has-text('Show')");
        office.Url.ShouldContain("sort=-tracking");
        await CheckAxeAsync(app, office);

        // Accounts by role (the role's key, stored as text: agency coordinator, oversight, program office), then in the reverse order.
        await Given.UserAsync(app, Role.AgencyCoordinator, agencies[0].Id);
        await Given.UserAsync(app, Role.Oversight);
        await office.GotoAsync("/staff/accounts?q=example");
        await Press(office, "#accounts th[data-sort='role'] a");
        var roles = (await office.Locator("#accounts tbody tr td:nth-child(2)").AllTextContentsAsync()).ToArray();
        roles.ShouldBe(["Agency coordinator", "Oversight", "ICE program office"]);
        await Press(office, "#accounts th[data-sort='role'] a");
        (await office.Locator("#accounts tbody tr td:nth-child(2)").AllTextContentsAsync()).ShouldBe(["ICE program office", "Oversight", "Agency coordinator"]);
        office.Url.ShouldContain("q=example");
        await CheckAxeAsync(app, office);

        // An agency's roster by badge, then by name descending.
        var jail = await app.WithDbAsync((db, _) => db.Agreements.SingleAsync(a => a.AgencyId == agencies[0].Id));
        for (var i = 0; i < 3; i++) await GivenOfficers.AuthorizedAsync(app, agencies[0], DateTime.UtcNow, jail);
        await office.GotoAsync($"/staff/agencies/{agencies[0].Id}/officers");
        async Task<string[]> Column(string label) => (await office.Locator($"#roster tbody [data-label='{label}']").AllTextContentsAsync()).Select(t => t.Trim()).ToArray();
        var names = (await office.Locator("#roster tbody th a").AllTextContentsAsync()).ToArray();
        names.ShouldBe(names.Order(StringComparer.Ordinal).ToArray(), "by name");
        await Press(office, "#roster th[data-sort='badge'] a");
        var badges = await Column("Badge");
        badges.ShouldBe(badges.Order(StringComparer.Ordinal).ToArray());
        await Press(office, "#roster th[data-sort='name'] a");
        await Press(office, "#roster th[data-sort='name'] a");
        (await office.Locator("#roster tbody th a").AllTextContentsAsync()).ShouldBe(names.Reverse().ToArray());
        await CheckAxeAsync(app, office);
    }

    [Fact]
    public async Task ACoordinator_WorksInSpanish_OnATablet_AndTheChoiceIsKept_AxeAtZero()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu Municipio Police Department", "PR", "MIA");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officer = await GivenOfficers.AuthorizedAsync(app, agency, DateTime.UtcNow, jail);
        await Api.Ok(app.Client().PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency.Id, language = "es",
            narrative = "Una queja para el recorrido en español.", anonymous = true }, Ct));
        var coordinator = await Chromium.PageAsync(app, javaScript: true, width: 768);
        await SignInAsync(coordinator, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        await coordinator.GotoAsync("/staff?lang=es");
        (await coordinator.Locator("html").GetAttributeAsync("lang")).ShouldBe("es");
        (await Text(coordinator, "main")).ShouldContain("Ha iniciado sesión como");
        await CheckAxeAsync(app, coordinator);
        // The choice is kept from page to page, without the address saying it again.
        await coordinator.GotoAsync($"/staff/agencies/{agency.Id}/officers");
        (await Text(coordinator, "h1")).ShouldBe($"Agentes de {agency.Name}");
        await Press(coordinator, "#roster th[data-sort='badge'] a");
        (await coordinator.Locator("#roster th[data-sort='badge']").GetAttributeAsync("data-sorted")).ShouldBe("ascending");
        (await coordinator.Locator("html").GetAttributeAsync("lang")).ShouldBe("es");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/officers/{officer}");
        (await Text(coordinator, "main")).ShouldContain("Autoridad ahora");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync("/staff/complaints");
        (await Text(coordinator, "#complaints caption")).ShouldBe("Quejas que puede ver; los encabezados de columna ordenan la lista");
        await coordinator.GotoAsync((await coordinator.Locator("#complaints tbody th a").GetAttributeAsync("href"))!);
        (await Text(coordinator, "h1")).ShouldStartWith("Queja ");
        (await Text(coordinator, "main")).ShouldContain("Cartas a la persona");
        await CheckAxeAsync(app, coordinator);
    }

    [Fact]
    public async Task TheApplicationList_SortsByAgencyAndLastChange()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        // Started one after the other: Zeta first, then Eta, then Theta.
        foreach (var name in new[] { "Test Zeta County Sheriff's Office", "Test Eta County Sheriff's Office", "Test Theta County Sheriff's Office" })
        {
            var agency = await Given.AgencyAsync(app, name);
            var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
            await Api.Ok(coordinator.PostAsync("/api/v1/applications/", null, Ct));
            clock.Advance(TimeSpan.FromMinutes(5));
        }
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync("/staff/applications");
        async Task<string[]> Names() => (await office.Locator("#applications tbody th a").AllTextContentsAsync()).ToArray();
        (await Names()).ShouldBe(["Test Theta County Sheriff's Office", "Test Eta County Sheriff's Office", "Test Zeta County Sheriff's Office"], "newest change first");
        await Press(office, "#applications th[data-sort='agency'] a");
        (await Names()).ShouldBe(["Test Eta County Sheriff's Office", "Test Theta County Sheriff's Office", "Test Zeta County Sheriff's Office"]);
        await Press(office, "#applications th[data-sort='updated'] a");
        (await Names()).ShouldBe(["Test Theta County Sheriff's Office", "Test Eta County Sheriff's Office", "Test Zeta County Sheriff's Office"], "newest change first");
        await Press(office, "#applications th[data-sort='updated'] a");
        (await Names()).ShouldBe(["Test Zeta County Sheriff's Office", "Test Eta County Sheriff's Office", "Test Theta County Sheriff's Office"], "reversed: oldest change first");
        // The status filter keeps the order.
        await Press(office, "button:has-text('Show')");
        office.Url.ShouldContain("sort=-updated");
        await CheckAxeAsync(app, office);
    }

    [Fact]
    public async Task TheAuditTrail_FiltersByWhoWhatRecordAndDate_LinksToTheRecord_AndExports_AndHistoriesShowTheEncounter()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Delta County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime, jail);
        var api = await Given.ApiClientAsync(app, officerUser);
        var now = clock.GetUtcNow().UtcDateTime;
        var encounter = await Api.Ok(api.PostAsJsonAsync("/api/v1/encounters/", GivenEncounters.Booking(jail.Id, now.AddHours(-1), "B-77"), Ct));
        var encounterId = encounter.GetProperty("id").GetGuid();
        var number = encounter.GetProperty("number").GetString()!;

        var oversight = await WithoutScriptAsync(app);
        await SignInAsync(oversight, await Given.UserAsync(app, Role.Oversight));
        await oversight.GotoAsync("/staff/audit");
        await oversight.SelectOptionAsync("#field-actor", officerUser.Id.ToString());
        await oversight.SelectOptionAsync("#field-record", "Encounter");
        await oversight.FillAsync("#field-action", "encounter.");
        await oversight.FillAsync("#field-from", "2026-12-01");
        await oversight.FillAsync("#field-to", "2026-12-01");
        await Press(oversight, "#audit-filters button:has-text('Filter')");
        var rows = oversight.Locator("#audit-entries tbody tr");
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        foreach (var row in await rows.AllAsync())
        {
            var who = (await row.Locator("td[data-label='Who']").TextContentAsync()).ShouldNotBeNull();
            who.ShouldContain("Test designated-officer (Designated officer)", Case.Sensitive, "by name and role");
            who.ShouldContain(officerUser.Email);
            (await row.Locator("td[data-label='Record'] a").GetAttributeAsync("href")).ShouldBe($"/staff/encounters/{encounterId}");
        }
        await CheckAxeAsync(app, oversight);

        // The export holds what the filters select, and only that.
        var csv = await (await oversight.Context.APIRequest.GetAsync((await oversight.Locator("#audit-downloads a:has-text('CSV')").GetAttributeAsync("href"))!)).TextAsync();
        var lines = csv.TrimEnd('\n').Split('\n');
        lines.Length.ShouldBe(await rows.CountAsync() + 1);
        lines.Skip(1).ShouldAllBe(l => l.Contains(officerUser.Id.ToString()) && l.Contains($"Encounter,{encounterId}"));

        // A day with nothing says so, and what to do.
        await oversight.FillAsync("#field-from", "2026-11-01");
        await oversight.FillAsync("#field-to", "2026-11-02");
        await Press(oversight, "#audit-filters button:has-text('Filter')");
        (await Text(oversight, "#audit-empty")).ShouldContain("Widen the dates");

        // The record link opens the encounter.
        await oversight.GotoAsync($"/staff/audit?Record=Encounter&RecordId={encounterId}");
        await Press(oversight, "#audit-entries td[data-label='Record'] a");
        (await Text(oversight, "h1")).ShouldContain(number);

        // The officer's history (ICE) and "my history" (the officer) show the encounter, linked.
        var office = await Chromium.PageAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync($"/staff/officers/{officerId}");
        (await office.Locator($"#history a[href='/staff/encounters/{encounterId}']").TextContentAsync()).ShouldNotBeNull().ShouldContain(number);
        var officer = await Chromium.PageAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/me");
        (await officer.Locator($"#history a[href='/staff/encounters/{encounterId}']").TextContentAsync()).ShouldNotBeNull().ShouldContain(number);
        await CheckAxeAsync(app, officer);
    }
}
