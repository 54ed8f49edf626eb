using System.Net.Http.Json;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 20, the supervisor's queue: a detainer to review, a document to sign and a citizenship claim wait in one list,
/// counted per kind and soonest due first; each row links to the form that clears it; a kind and an order chosen stay
/// through a refresh; with script the list updates itself in place.
/// </summary>
[Trait("Category", "Browser")]
public sealed class SupervisorDailyWorkBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheQueue_CountsPerKind_SortsByDue_LinksToTheFormThatClearsIt_AndKeepsItsPlace()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime, jail);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var officer = await Given.ApiClientAsync(app, officerUser);
        var now = clock.GetUtcNow().UtcDateTime;

        async Task<Guid> Open(string number) =>
            (await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", GivenEncounters.Booking(jail.Id, now.AddMinutes(-30), number, now.AddDays(2)), Ct))).GetProperty("id").GetGuid();
        var withDetainer = await Open("B-1");
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{withDetainer}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{withDetainer}/detainers", new
        {
            probableCause = "IDENT shows a final order of removal of 2019-03-04.", warrantForm = "I-205", warrantNumber = "W-205-91",
            warrantSignedBy = "Test SDDO Rho", warrantSignedOn = "2026-11-30",
        }, Ct));
        var withDocument = await Open("B-2");
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{withDocument}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
        var document = (await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{withDocument}/actions", new { kind = "nta_prepared", reference = "NTA-2026-0200" }, Ct)))
            .GetProperty("documents")[0].GetProperty("id").GetGuid();
        var withClaim = await Open("B-3");
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{withClaim}/citizenship-claims", new { statement = "Says she was born in El Paso, Texas." }, Ct));

        var supervisor = await Chromium.PageAsync(app, width: 768, height: 1024);
        await SignInAsync(supervisor, supervisorUser);
        await supervisor.GotoAsync("/staff/supervision");
        foreach (var kind in new[] { "detainers", "documents", "claims" })
            (await Text(supervisor, $".queue-count[data-kind='{kind}']")).ShouldBe("1", kind);
        var kinds = new[] { "incidents", "holds", "claims", "detainers", "documents", "deadlines" };
        var sum = 0;
        foreach (var kind in kinds) sum += int.Parse(await Text(supervisor, $".queue-count[data-kind='{kind}']"));
        (await Text(supervisor, ".queue-count[data-kind='all']")).ShouldBe(sum.ToString());
        (await supervisor.Locator("#queue-table tbody tr").CountAsync()).ShouldBe(sum);

        // Soonest due first: the claim's report is due within the hour, before the detainer's and the document's reviews.
        var dues = await supervisor.Locator("#queue-table tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.due)");
        dues.Where(d => d.Length > 0).ShouldBe(dues.Where(d => d.Length > 0).OrderBy(d => DateTime.Parse(d).ToUniversalTime()).ToArray());
        (await supervisor.Locator("#queue-table tbody tr").First.GetAttributeAsync("class")).ShouldBe("queue-claims");
        await CheckAxeAsync(app, supervisor);

        // Each row leads to the form that clears it.
        (await supervisor.Locator(".queue-documents a.queue-action").GetAttributeAsync("href")).ShouldBe($"/staff/encounters/{withDocument}#sign-{document}");
        (await supervisor.Locator(".queue-claims a.queue-action").GetAttributeAsync("href")).ShouldBe($"/staff/encounters/{withClaim}#investigation-form");
        await Press(supervisor, ".queue-documents a.queue-action");
        (await supervisor.Locator($"#sign-{document} button[type=submit]").IsVisibleAsync()).ShouldBeTrue();
        await supervisor.GoBackAsync();

        // A kind and an order, chosen, stay through the refresh link.
        await Press(supervisor, "#queue-kinds a:has-text('Detainers to review')");
        (await supervisor.Locator("#queue-table tbody tr").CountAsync()).ShouldBe(1);
        (await supervisor.Locator("#queue-table tbody tr.queue-detainers").CountAsync()).ShouldBe(1);
        await Press(supervisor, "#queue-table thead a:has-text('Agency')");
        await Press(supervisor, "#queue-refresh");
        supervisor.Url.ShouldContain("kind=detainers");
        supervisor.Url.ShouldContain("sort=agency");
        (await supervisor.Locator("#queue-table tbody tr.queue-detainers").CountAsync()).ShouldBe(1);

        // With script the list updates itself without a page load: a new claim appears within 30 seconds; the mark in the
        // window shows the page was never reloaded.
        await Press(supervisor, "#queue-kinds a:has-text('All')");
        await supervisor.EvaluateAsync("() => { window.s287Mark = 'same page'; }");
        await supervisor.Mouse.MoveAsync(0, 0);
        var another = await Open("B-4");
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{another}/citizenship-claims", new { statement = "Says she was born in Tucson." }, Ct));
        await supervisor.Locator(".queue-count[data-kind='claims']:has-text('2')").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        (await supervisor.EvaluateAsync<string?>("() => window.s287Mark ?? null")).ShouldBe("same page");
    }
}
