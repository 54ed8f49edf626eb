using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 18's release walk, without script and with axe-core: the program office asks to publish detainers requested, ICE's public
/// affairs and privacy offices approve on their page, and the public reads the figures, hidden where small, in English and Spanish.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ReleaseBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TwoOfficesApprove_AndThePublicReadsTheGatedFigures()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 15, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var big = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office", state: "NC");
        var small = await Given.AgencyAsync(app, "Test Tau City Police Department", state: "NC");
        foreach (var (agency, detainers) in new[] { (big, 52), (small, 3) })
        {
            var agreement = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
            await app.WithDbAsync(async (db, _) =>
            {
                db.AgreementMeasureDays.Add(new AgreementMeasureDay
                {
                    AgreementId = agreement.Id, AgencyId = agency.Id, Day = new DateOnly(2026, 8, 3), Model = AgreementModel.Jail,
                    Encounters = detainers, DetainersRequested = detainers,
                });
                await db.SaveChangesAsync();
            });
        }

        var publicPage = await WithoutScriptAsync(app);
        await publicPage.GotoAsync("/figures");
        (await Text(publicPage, "main")).ShouldContain("No figure has been approved for public release yet.");
        await CheckAxeAsync(app, publicPage);

        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync("/staff");
        await Press(office, "a:has-text('Open public releases')");
        await Press(office, "button:has-text('Ask for the release')");
        (await Text(office, "#kind-error")).ShouldContain("Choose one of");
        await CheckAxeAsync(app, office);
        await office.SelectOptionAsync("#kind", "detainers-requested");
        await office.FillAsync("#reason", "The county asked how many detainers were requested.");
        await Press(office, "button:has-text('Ask for the release')");
        (await Text(office, "main")).ShouldContain("Waiting for the Office of Public Affairs and the Privacy Office");

        foreach (var role in new[] { Role.PublicAffairs, Role.PrivacyOffice })
        {
            var approver = await WithoutScriptAsync(app);
            await SignInAsync(approver, await Given.UserAsync(app, role));
            await approver.GotoAsync("/staff");
            (await Text(approver, "main")).ShouldNotContain("Open encounters");
            await Press(approver, "a:has-text('Open public releases')");
            await CheckAxeAsync(app, approver);
            await Press(approver, "button:has-text('Approve publishing Detainers requested')");
            (await Text(approver, "main")).ShouldContain("Your office's approval is recorded.");
        }

        await publicPage.GotoAsync("/figures");
        var main = await Text(publicPage, "main");
        main.ShouldContain("Detainers requested");
        main.ShouldContain("2026Q3");
        main.ShouldContain("Approved for release on 2026-11-15.");
        await CheckAxeAsync(app, publicPage);
        await publicPage.SelectOptionAsync("#figures-state", "NC");
        await Press(publicPage, "button:has-text('Show')");
        var nc = await Text(publicPage, "table");
        nc.ShouldContain("Test Sigma County Sheriff's Office");
        nc.ShouldContain("hidden");
        nc.ShouldNotContain("52");
        (await Text(publicPage, "table tr:has(th:text-is('North Carolina'))")).ShouldContain("55");
        await CheckAxeAsync(app, publicPage);

        await publicPage.GotoAsync($"/registry/agencies/{small.Id}?lang=es");
        (await Text(publicPage, "#figures-detainers-requested")).ShouldContain("oculto");
        await CheckAxeAsync(app, publicPage);

        await publicPage.GotoAsync("/figures?state=NC&lang=es");
        var es = await Text(publicPage, "main");
        es.ShouldContain("Detenciones (I-247A) solicitadas");
        es.ShouldContain("oculto");
        es.ShouldContain("Publicación aprobada el 2026-11-15.");
        await CheckAxeAsync(app, publicPage);
    }
}

/// <summary>Issue 18: the stop indicators and the quarterly reports as the public finds them, without script, in both languages, axe at 0.</summary>
[Trait("Category", "Browser")]
public sealed class IndicatorsBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ThePublicReadsTheStopIndicators_AndOpensTheQuarterlyReports()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office", state: "NC");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, user, clock.GetUtcNow().UtcDateTime.AddDays(-60), taskForce);
        var officer = await Given.ApiClientAsync(app, user);
        // October: 12 white drivers stopped, none searched; 11 Hispanic drivers stopped, all 11 searched (no small cell to hide).
        await GivenStops.RecordAsync(officer, taskForce.Id, new DateTime(2026, 10, 3, 18, 0, 0, DateTimeKind.Utc),
            [.. Enumerable.Repeat(new GivenStop("white"), 12), .. Enumerable.Repeat(new GivenStop("hispanic", true), 11)]);
        // February 2027: the fourth quarter has settled (the offices sign in then).
        clock.Advance(TimeSpan.FromDays(92));
        await GivenReleases.ApprovedAsync(app, "stops", "stop-searches", "quarterly-reports");

        var page = await WithoutScriptAsync(app);
        await page.GotoAsync("/figures");
        (await Text(page, "#indicators-table tr:has(th:text-is('North Carolina')):has(td:text-is('Hispanic'))")).ShouldContain("100.0 %");
        (await Text(page, "#indicators-table tr:has(th:text-is('North Carolina')):has(td:text-is('White'))")).ShouldContain("0.0 %");
        await CheckAxeAsync(app, page);
        // The nation's report is listed with its publication date and opens as a PDF.
        var link = page.Locator("#report-list a").First;
        (await link.TextContentAsync())!.ShouldContain("2026Q4");
        var href = await link.GetAttributeAsync("href");
        var pdf = await app.Client().GetAsync(href, Ct);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");

        await page.GotoAsync("/figures?lang=es");
        (await Text(page, "#indicators")).ShouldBe("Indicadores de disparidad en las paradas del grupo de trabajo");
        (await Text(page, "#report-list")).ShouldContain("español");
        await CheckAxeAsync(app, page);

        await page.GotoAsync($"/registry/agencies/{agency.Id}?lang=en");
        var agencyReport = await page.Locator("#agency-reports a:has-text('Report for 2026Q4 (PDF, English)')").GetAttributeAsync("href");
        agencyReport.ShouldBe($"/api/v1/reports/agencies/{agency.Id}/2026Q4.pdf");
        (await app.Client().GetAsync(agencyReport, Ct)).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        await CheckAxeAsync(app, page);
    }
}
