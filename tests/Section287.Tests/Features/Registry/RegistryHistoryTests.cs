using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Registry;

/// <summary>
/// Issue 18: agreements over time, from the history of imported lists. At each list's date the summary counts what that list carried,
/// which must equal what its import reported (added, updated and unchanged), and what joined and left.
/// </summary>
public sealed class RegistryHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ImportReport> ImportAsync(TestApp app, string path) =>
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(path);
            var result = await services.GetRequiredService<ImportIceList>().HandleAsync(stream, path, null, null, Ct);
            result.IsSuccess.ShouldBeTrue(result.Error?.Message);
            return result.Value;
        });

    [Fact]
    public async Task TheSummary_CountsTheAgreementsOnEachImportedList()
    {
        await using var app = await TestApp.StartAsync();
        var first = await ImportAsync(app, Repo.Participating("2025-02-21"));
        var second = await ImportAsync(app, Repo.Participating("2025-07-18"));
        var keysFirst = IceListFile.Read(Repo.Participating("2025-02-21")).AgreementKeys();
        var keysSecond = IceListFile.Read(Repo.Participating("2025-07-18")).AgreementKeys();

        var summary = await app.Client().GetFromJsonAsync<JsonElement>("/api/v1/registry/summary", Ct);
        var history = summary.GetProperty("history").EnumerateArray().ToList();
        history.Select(p => p.GetProperty("asOf").GetString()).ShouldBe(["2025-02-21", "2025-07-18"]);
        history[0].GetProperty("total").GetInt32().ShouldBe(first.Added + first.Updated + first.Unchanged);
        history[0].GetProperty("total").GetInt32().ShouldBe(keysFirst.Count);
        history[1].GetProperty("total").GetInt32().ShouldBe(keysSecond.Count);
        history[1].GetProperty("joined").GetInt32().ShouldBe(second.Added);
        history[1].GetProperty("left").GetInt32().ShouldBe(second.Removed);
        history[1].GetProperty("byModel").EnumerateObject().Sum(m => m.Value.GetInt32()).ShouldBe(keysSecond.Count);
        // The newest point is today's registry.
        history[1].GetProperty("total").GetInt32().ShouldBe(summary.GetProperty("agreements").GetProperty("total").GetInt32());

        var page = await app.Client().GetStringAsync("/registry/summary", Ct);
        page.ShouldContain("id=\"summary-history\"");
        page.ShouldContain(keysSecond.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        (await app.Client().GetStringAsync("/registry/summary?lang=es", Ct)).ShouldContain("Acuerdos en cada lista de ICE");

        // Each state's own history, on its map page: the agreements of that state each list carried.
        var texas = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await app.Client().GetStringAsync("/registry/map/TX", Ct));
        texas.QuerySelectorAll("#map-history tbody tr").Select(tr => (tr.QuerySelector("th")!.TextContent, int.Parse(tr.QuerySelector("td")!.TextContent.Replace(",", ""))))
            .ShouldBe([("2025-02-21", keysFirst.Count(k => k.StartsWith("TEXAS|", StringComparison.Ordinal))),
                ("2025-07-18", keysSecond.Count(k => k.StartsWith("TEXAS|", StringComparison.Ordinal)))]);
    }
}
