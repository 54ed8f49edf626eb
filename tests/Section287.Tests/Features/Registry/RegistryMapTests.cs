using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Section287.Data.Reference;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Registry;

/// <summary>
/// Issue 18: a map of agreements by state and county, drawn on the server from the Census boundaries shipped with the app, with a
/// table that carries the same counts. Read on the real ICE list the first start loads.
/// </summary>
public sealed class RegistryMapTests(SeededRegistry registry) : IClassFixture<SeededRegistry>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IDocument> PageAsync(string url)
    {
        var response = await registry.App.Client().GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    private static int Number(string text) => int.Parse(text.Trim().Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheNationMap_LinksEachStateWithAgreements_ShadedByItsCount_AndTheTableSaysTheSame()
    {
        var doc = await PageAsync("/registry/map");
        // Counted from ICE's sheet itself: agreements per state name.
        var expected = registry.Bundled.Rows.GroupBy(r => IceListFile.Squash(r.GetValueOrDefault("STATE"))).ToDictionary(g => g.Key, g => g.Count());

        var rows = doc.QuerySelectorAll("#map-table tbody tr").Select(tr => (State: IceListFile.Squash(tr.QuerySelector("th")!.TextContent), Count: Number(tr.QuerySelector("td")!.TextContent))).ToList();
        rows.Sum(r => r.Count).ShouldBe(registry.Bundled.Rows.Count);
        foreach (var (state, count) in rows) count.ShouldBe(expected[state], state);

        var map = doc.QuerySelector("svg.s287-map")!;
        var texas = map.QuerySelector("a[href='/registry/map/TX']")!;
        texas.GetAttribute("aria-label").ShouldBe($"Texas: {expected["TEXAS"]:N0} agreements");
        texas.QuerySelector("path")!.GetAttribute("fill").ShouldBe("#011437"); // 100 or more: the darkest class
        // A state with no active agreement is drawn, unshaded and not a link.
        expected.ContainsKey("CALIFORNIA").ShouldBeFalse();
        map.QuerySelector("a[href='/registry/map/CA']").ShouldBeNull();
        var california = map.QuerySelectorAll("g path").Single(p => p.QuerySelector("title")!.TextContent.StartsWith("California:", StringComparison.Ordinal));
        california.GetAttribute("fill").ShouldBe("#f0f0f0");
        // Every state and the District of Columbia is drawn once.
        map.QuerySelectorAll("path").Length.ShouldBe(51);
        doc.QuerySelectorAll("figure.s287-mapfigure figcaption li").Select(li => li.TextContent.Trim()).ShouldBe(["0", "1–9", "10–24", "25–49", "50–99", "100 or more"]);
    }

    [Fact]
    public async Task AStateMap_PlacesEachAgencyInItsCounty_AndListsThoseWithNoCounty()
    {
        var doc = await PageAsync("/registry/map/tx");
        var agencies = await registry.App.WithDbAsync(async (db, _) => await db.Agreements.AsNoTracking()
            .Where(a => a.Status == AgreementStatus.Active && a.Agency.State == "TX" && !a.Agency.IsDemo)
            .Select(a => new { a.Agency.Name, a.Agency.CountyFips }).ToListAsync(Ct));
        var texasRows = registry.Bundled.Rows.Count(r => IceListFile.Squash(r.GetValueOrDefault("STATE")) == "TEXAS");
        agencies.Count.ShouldBe(texasRows);

        var rows = doc.QuerySelectorAll("#map-table tbody tr").ToList();
        foreach (var county in agencies.Where(a => a.CountyFips is not null).GroupBy(a => a.CountyFips!))
        {
            var row = rows.Single(r => r.Id == $"county-{county.Key}");
            Number(row.QuerySelector("td")!.TextContent).ShouldBe(county.Count(), county.Key);
            row.QuerySelectorAll("li a").Select(a => a.TextContent).ToHashSet().SetEquals(county.Select(a => a.Name)).ShouldBeTrue(county.Key);
            // On the map the county links to its row.
            doc.QuerySelector($"svg.s287-map a[href='#county-{county.Key}']").ShouldNotBeNull(county.Key);
        }
        rows.Count.ShouldBe(agencies.Where(a => a.CountyFips is not null).Select(a => a.CountyFips).Distinct().Count());
        var statewide = doc.QuerySelectorAll("#map-statewide li a").Select(a => a.TextContent).ToHashSet();
        statewide.SetEquals(agencies.Where(a => a.CountyFips is null).Select(a => a.Name)).ShouldBeTrue();
        statewide.ShouldContain("Texas Department of Public Safety - Texas Highway Patrol");

        // Every one of Texas's 254 counties (the Census list bundled with the app) is drawn, and the state's outline over them.
        var censusCounties = ReferenceData.Bundled.CountiesOf("TX").Count;
        censusCounties.ShouldBe(254);
        doc.QuerySelectorAll("svg.s287-map path:not(.s287-outline)").Length.ShouldBe(censusCounties);
        doc.QuerySelectorAll("svg.s287-map path.s287-outline").Length.ShouldBe(1);
    }

    [Fact]
    public async Task AnUnknownState_IsNotFound_AndSpanishReadersGetTheMapInSpanish()
    {
        var response = await registry.App.Client().GetAsync("/registry/map/ZZ", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("There is no such state or territory on the map.");

        var doc = await PageAsync("/registry/map?lang=es");
        doc.QuerySelector("h1")!.TextContent.ShouldBe("Los acuerdos 287(g) en el mapa");
        var texas = registry.Bundled.Rows.Count(r => IceListFile.Squash(r.GetValueOrDefault("STATE")) == "TEXAS");
        doc.QuerySelector("svg.s287-map a[href='/registry/map/TX']")!.GetAttribute("aria-label")
            .ShouldBe($"Texas: {texas} acuerdos"); // fewer than 1,000: no separator in either language
    }
}
