using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 20, the analyst's measures page: agencies picked by name (a select with a search without script, a typeahead with it),
/// the last 12 months by default, one labelled figure per row with its definition, two agencies side by side, charts, and
/// CSV and XLSX downloads that hold exactly the table shown.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AnalystDailyWorkBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(TestApp App, TestUser Analyst)> StartAsync()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var app = await TestApp.StartAsync(clock: clock);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, count) in new[] { ("Test Upsilon County Sheriff's Office", 2), ("Test Chi City Police Department", 1) })
        {
            var agency = await Given.AgencyAsync(app, name);
            var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
            var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
            await GivenOfficers.AuthorizedAsync(app, agency, officerUser, now.AddDays(-30), jail);
            var officer = await Given.ApiClientAsync(app, officerUser);
            for (var i = 0; i < count; i++)
                await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", GivenEncounters.Booking(jail.Id, now.AddHours(-3 - i), $"B-{name[5]}-{i}"), Ct));
        }
        return (app, await Given.UserAsync(app, Role.ProgramOffice));
    }

    [Fact]
    public async Task WithoutScript_AgenciesArePickedByNameAndComparedSideBySide_AndTheDownloadsHoldExactlyTheTable()
    {
        var (app, analystUser) = await StartAsync();
        await using var _ = app;
        var analyst = await WithoutScriptAsync(app);
        await SignInAsync(analyst, analystUser);
        await analyst.GotoAsync("/staff/measures");
        // The last 12 months by default, the nation first.
        (await analyst.InputValueAsync("#field-to")).ShouldBe("2026-12-01");
        (await analyst.InputValueAsync("#field-from")).ShouldBe("2025-12-02");
        (await Text(analyst, "#compared")).ShouldContain("The nation");
        (await Text(analyst, "#m-encounters")).ShouldBe("3");
        // One labelled figure per row, each with its definition.
        foreach (var row in await analyst.Locator("#measures tbody tr[id^='row-'] th").AllAsync())
            (await row.Locator(".usa-hint").TextContentAsync())!.Length.ShouldBeGreaterThan(10);
        await CheckAxeAsync(app, analyst);

        // The search narrows the select; the agency is picked by its name.
        await analyst.FillAsync("#field-find", "upsilon");
        await Press(analyst, "button:has-text('Search')");
        var options = await analyst.Locator("#field-pick option").AllTextContentsAsync();
        options.Count(o => o.Contains("Upsilon")).ShouldBeGreaterThan(0);
        options.ShouldNotContain(o => o.Contains("Chi City"));
        await analyst.SelectOptionAsync("#field-pick", new SelectOptionValue { Label = "Test Upsilon County Sheriff's Office, ZZ" });
        await Press(analyst, "button:has-text('Show')");
        (await Text(analyst, "#subject-0")).ShouldBe("Test Upsilon County Sheriff's Office, ZZ");
        (await Text(analyst, "#m-encounters")).ShouldBe("2");

        // A second agency side by side, then a chart per figure compared.
        await analyst.FillAsync("#field-find", "chi city");
        await Press(analyst, "button:has-text('Search')");
        await analyst.SelectOptionAsync("#field-pick", new SelectOptionValue { Label = "Test Chi City Police Department, ZZ" });
        await Press(analyst, "button:has-text('Add to the comparison')");
        (await Text(analyst, "#subject-1")).ShouldBe("Test Chi City Police Department, ZZ");
        (await Text(analyst, "#m-encounters")).ShouldBe("2");
        (await Text(analyst, "#m-encounters-1")).ShouldBe("1");
        (await analyst.Locator("svg[aria-labelledby='chart-encounters-title']").CountAsync()).ShouldBe(1);
        await CheckAxeAsync(app, analyst);

        // The downloads: the same figures, labels and values, in the same order.
        var shown = new List<string[]>();
        foreach (var row in await analyst.Locator("#measures tbody tr[id^='row-']").AllAsync())
        {
            var key = (await row.GetAttributeAsync("id"))!["row-".Length..];
            shown.Add([key, (await row.Locator("td").Nth(0).TextContentAsync())!.Trim(), (await row.Locator("td").Nth(1).TextContentAsync())!.Trim()]);
        }
        string Plain(string v) => v == "—" ? "" : v.Replace(",", "");
        var csvHref = await analyst.Locator("#downloads a:has-text('CSV')").GetAttributeAsync("href");
        var csv = await (await analyst.Context.APIRequest.GetAsync(csvHref!)).TextAsync();
        var lines = csv.TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("figure,group,label,definition,\"Test Upsilon County Sheriff's Office, ZZ\",\"Test Chi City Police Department, ZZ\"");
        lines.Length.ShouldBe(shown.Count + 1);
        for (var i = 0; i < shown.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            cells[0].ShouldBe(shown[i][0]);
            (cells[^2], cells[^1]).ShouldBe((Plain(shown[i][1]), Plain(shown[i][2])), shown[i][0]);
        }
        var xlsxHref = await analyst.Locator("#downloads a:has-text('XLSX')").GetAttributeAsync("href");
        var xlsx = await (await analyst.Context.APIRequest.GetAsync(xlsxHref!)).BodyAsync();
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheetRows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        sheetRows.Count.ShouldBe(shown.Count + 1);
        var encounters = sheetRows.Single(r => r.Elements<Cell>().First().InnerText == "encounters").Elements<Cell>().ToList();
        (encounters[^2].InnerText, encounters[^1].InnerText).ShouldBe(("2", "1"));

        // Removing one goes back to the other alone.
        await Press(analyst, "#compared a:has-text('Remove')");
        (await analyst.Locator("#subject-1").CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task WithScript_ThePickerIsATypeahead_OnATablet()
    {
        var (app, analystUser) = await StartAsync();
        await using var _ = app;
        var analyst = await Chromium.PageAsync(app, width: 768, height: 1024);
        await SignInAsync(analyst, analystUser);
        await analyst.GotoAsync("/staff/measures");
        // USWDS turns the select into a combo box: typing narrows the list; choosing fills the select the form sends.
        var input = analyst.Locator(".usa-combo-box__input");
        await input.FillAsync("Chi Ci");
        var listed = await analyst.Locator(".usa-combo-box__list-option:visible").AllTextContentsAsync();
        listed.ShouldContain("Test Chi City Police Department, ZZ");
        listed.ShouldNotContain(o => o.Contains("Upsilon"));
        await analyst.Locator(".usa-combo-box__list-option:visible", new PageLocatorOptions { HasText = "Test Chi City Police Department, ZZ" }).First.ClickAsync();
        await Press(analyst, "button:has-text('Show')");
        (await Text(analyst, "#subject-0")).ShouldBe("Test Chi City Police Department, ZZ");
        (await Text(analyst, "#m-encounters")).ShouldBe("1");
        var (scroll, inner) = (await analyst.EvaluateAsync<int>("document.documentElement.scrollWidth"), await analyst.EvaluateAsync<int>("window.innerWidth"));
        scroll.ShouldBeLessThanOrEqualTo(inner);
        await CheckAxeAsync(app, analyst);
    }
}
