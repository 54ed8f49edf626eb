using Microsoft.Playwright;
using Section287.Tests.Features.Registry;

namespace Section287.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class RegistryBrowserTests(SeededRegistry registry, Chromium chromium) : IClassFixture<SeededRegistry>, IClassFixture<Chromium>
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReader_FiltersByStateAndModel_AndOpensAnAgency(bool javaScript)
    {
        var page = await chromium.PageAsync(registry.App, javaScript);
        await page.GotoAsync("/registry");
        await page.SelectOptionAsync("#filter-state", "TX");
        await page.SelectOptionAsync("#filter-model", "TFM");
        await page.ClickAsync("button[type=submit]:has-text('Apply filters')");
        await page.WaitForURLAsync(url => url.Contains("state=TX") && url.Contains("model=TFM"));

        var expected = registry.Bundled.Rows.Count(r => IceListFile.Squash(r.GetValueOrDefault("STATE")) == "TEXAS"
            && IceListFile.ModelCode(r.GetValueOrDefault("SUPPORT TYPE")) == "TFM");
        (await page.TextContentAsync("[role=status]"))!.ShouldContain($"{expected} agreements match");
        var states = await page.Locator("table tbody tr td:nth-child(2)").AllTextContentsAsync();
        states.ShouldNotBeEmpty();
        states.ShouldAllBe(s => s == "TX");
        var models = await page.Locator("table tbody tr td:nth-child(4)").AllTextContentsAsync();
        models.ShouldAllBe(m => m == "Task Force Model");

        await page.ClickAsync("a.usa-pagination__next-page");
        await page.WaitForURLAsync(url => url.Contains("page=2"));
        (await page.TextContentAsync("[role=status]"))!.ShouldContain("Page 2 of");

        var agency = await page.Locator("table tbody tr th a").First.TextContentAsync();
        await page.Locator("table tbody tr th a").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/registry/agencies/"));
        (await page.TextContentAsync("h1"))!.ShouldBe(agency);
        (await page.Locator("h2:has-text('Agreements')").CountAsync()).ShouldBe(1);
        // axe runs as script; a page without script is checked in a second tab at the same address.
        var checkedPage = javaScript ? page : await chromium.PageAsync(registry.App);
        if (!javaScript) await checkedPage.GotoAsync(page.Url);
        await Axe.ShouldHaveNoViolationsAsync(checkedPage);
    }

    [Fact]
    public async Task SearchingByName_NarrowsTheList()
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync("/registry");
        await page.FillAsync("#filter-q", "smith county");
        await page.SelectOptionAsync("#filter-state", "TX");
        await page.ClickAsync("button:has-text('Apply filters')");
        await page.WaitForURLAsync(u => u.Contains("q=smith"));
        var names = await page.Locator("table tbody tr th a").AllTextContentsAsync();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Contains("Smith County", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ABadFilter_IsShownBesideTheFieldAndInTheSummary()
    {
        var page = await chromium.PageAsync(registry.App);
        var response = await page.GotoAsync("/registry?state=XX");
        response!.Status.ShouldBe(400);
        (await page.TextContentAsync("#error-summary"))!.ShouldContain("two-letter state code");
        (await page.TextContentAsync("#filter-state-error"))!.ShouldContain("two-letter state code");
        await Axe.ShouldHaveNoViolationsAsync(page);
    }

    [Fact]
    public async Task SpanishReaders_GetTheRegistryInSpanish_AndKeepTheirChoice()
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync("/registry");
        await page.ClickAsync("a[hreflang=es]");
        await page.WaitForURLAsync(u => u.Contains("lang=es"));
        (await page.TextContentAsync("h1"))!.ShouldBe("Acuerdos 287(g)");
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("es");

        await page.ClickAsync("nav a:has-text('Resumen')");
        await page.WaitForURLAsync(u => u.Contains("/registry/summary"));
        (await page.TextContentAsync("h1"))!.ShouldBe("Los acuerdos 287(g) en cifras");
        await Axe.ShouldHaveNoViolationsAsync(page);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReader_GoesFromTheNationMapToAStateAndACounty_ByKeyboard(bool javaScript)
    {
        var page = await chromium.PageAsync(registry.App, javaScript);
        await page.GotoAsync("/registry/map");
        // The states are links in the map itself: the keyboard reaches Texas and Enter opens its county map.
        var texas = page.Locator("svg.s287-map a[href='/registry/map/TX']");
        await texas.FocusAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')")).ShouldStartWith("Texas: ");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.EndsWith("/registry/map/TX", StringComparison.Ordinal));
        (await page.TextContentAsync("h1"))!.ShouldBe("Map: active 287(g) agreements by county in Texas");

        // Smith County (48423) has the Task Force agreement in ../shared: its shape links to its row in the table.
        await page.Locator("svg.s287-map a[href='#county-48423']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.EndsWith("#county-48423", StringComparison.Ordinal));
        (await page.Locator("#county-48423 th").TextContentAsync())!.ShouldBe("Smith County");
        (await page.Locator("#county-48423 li a").AllTextContentsAsync()).ShouldContain(a => a.Contains("Smith County Sheriff", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheMapsTable_SortsByCount_WithScript()
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync("/registry/map");
        var byState = registry.Bundled.Rows.GroupBy(r => IceListFile.Squash(r.GetValueOrDefault("STATE"))).Select(g => (State: g.Key, Count: g.Count()))
            .OrderByDescending(g => g.Count).ToList();
        // USWDS's sortable table: the first press sorts ascending, the second descending; the header says which.
        var header = page.Locator("#map-table th[data-sortable]:has-text('Agreements') button");
        await header.ClickAsync();
        await header.ClickAsync();
        (await page.Locator("#map-table th:has-text('Agreements')").GetAttributeAsync("aria-sort")).ShouldBe("descending");
        IceListFile.Squash(await page.Locator("#map-table tbody tr th").First.TextContentAsync()).ShouldBe(byState[0].State);
        (await page.Locator("#map-table tbody tr td").First.TextContentAsync())!.Replace(",", "").ShouldBe(byState[0].Count.ToString());
        await Axe.ShouldHaveNoViolationsAsync(page);
    }

    [Fact]
    public async Task TheSummary_ShowsCountsByModelAsATableAndAChart()
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync("/registry/summary");
        var tfmRow = page.Locator("table tr:has(th:text-is('Task Force Model')) td");
        (await tfmRow.TextContentAsync())!.Replace(",", "").ShouldBe(registry.Bundled.CountModel("TFM").ToString());
        (await page.Locator("svg[role=img] rect").CountAsync()).ShouldBeGreaterThan(3);
        (await page.TextContentAsync("main"))!.ShouldContain("2026-05-18");
    }

    [Theory]
    [InlineData("/registry")]
    [InlineData("/registry?lang=es")]
    [InlineData("/registry/summary")]
    [InlineData("/registry/summary?lang=es")]
    [InlineData("/registry/lists")]
    [InlineData("/registry/lists?lang=es")]
    [InlineData("/figures?state=NC")]
    [InlineData("/registry/map")]
    [InlineData("/registry/map?lang=es")]
    [InlineData("/registry/map/TX")]
    [InlineData("/registry/map/AK?lang=es")]
    [InlineData("/account/sign-in")]
    [InlineData("/account/sign-out")]
    public async Task PublicPages_HaveNoAccessibilityViolations(string url)
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync(url);
        await Axe.ShouldHaveNoViolationsAsync(page);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public async Task AgencyPages_HaveNoAccessibilityViolations(string lang)
    {
        var page = await chromium.PageAsync(registry.App);
        await page.GotoAsync($"/registry?state=TX&q=smith&lang={lang}");
        await page.Locator("table tbody tr th a").First.ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("/registry/agencies/"));
        await Axe.ShouldHaveNoViolationsAsync(page);
    }
}
