using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Section287.Tests.Features.Registry;

/// <summary>One app seeded with the bundled ICE list, shared by read-only registry tests.</summary>
public sealed class SeededRegistry : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public IceListFile Bundled { get; } = IceListFile.Read(Path.Combine(Repo.AppContentRoot, "Data", "Reference", "participatingAgencies-2026-05-18.xlsx"));

    public async ValueTask InitializeAsync() => App = await TestApp.StartAsync(seedBundledList: true);

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

public sealed class RegistryApiTests(SeededRegistry registry) : IClassFixture<SeededRegistry>
{
    private readonly HttpClient _http = registry.App.Client();

    private async Task<JsonElement> GetJson(string url)
    {
        var response = await _http.GetAsync(url, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Summary_CountsActiveAgreementsByModelAndState_AsOnIcesNewestList()
    {
        var summary = await GetJson("/api/v1/registry/summary");

        summary.GetProperty("asOf").GetString().ShouldBe("2026-05-18");
        var agreements = summary.GetProperty("agreements");
        agreements.GetProperty("total").GetInt32().ShouldBe(registry.Bundled.Rows.Count);
        var byModel = agreements.GetProperty("byModel");
        byModel.GetProperty("JEM").GetInt32().ShouldBe(registry.Bundled.CountModel("JEM"));
        byModel.GetProperty("TFM").GetInt32().ShouldBe(registry.Bundled.CountModel("TFM"));
        byModel.GetProperty("WSO").GetInt32().ShouldBe(registry.Bundled.CountModel("WSO"));

        var texasRows = registry.Bundled.Rows.Count(r => IceListFile.Squash(r.GetValueOrDefault("STATE")) == "TEXAS");
        var byState = agreements.GetProperty("byState");
        byState.GetProperty("TX").GetInt32().ShouldBe(texasRows);
        byState.EnumerateObject().ShouldAllBe(p => p.Name.Length == 2);
        byState.EnumerateObject().Sum(p => p.Value.GetInt32()).ShouldBe(registry.Bundled.Rows.Count);
        var distinctAgencies = registry.Bundled.Rows
            .Select(r => $"{IceListFile.Squash(r.GetValueOrDefault("STATE"))}|{IceListFile.Squash(r.GetValueOrDefault("LAW ENFORCEMENT AGENCY"))}").Distinct().Count();
        summary.GetProperty("agencies").GetInt32().ShouldBe(distinctAgencies);
    }

    [Fact]
    public async Task Agreements_FilterByStateModelAndStatus_InTheDatabase()
    {
        var page = await GetJson("/api/v1/registry/agreements?state=TX&model=TFM&status=active&pageSize=200");
        var expected = registry.Bundled.Rows.Count(r => IceListFile.Squash(r.GetValueOrDefault("STATE")) == "TEXAS"
            && IceListFile.ModelCode(r.GetValueOrDefault("SUPPORT TYPE")) == "TFM");

        page.GetProperty("total").GetInt32().ShouldBe(expected);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(Math.Min(200, expected));
        items.ShouldAllBe(i => i.GetProperty("state").GetString() == "TX" && i.GetProperty("model").GetString() == "TFM"
            && i.GetProperty("status").GetString() == "active");
    }

    [Fact]
    public async Task Agreements_PageThroughEveryRowExactlyOnce()
    {
        var seen = new HashSet<string>();
        var total = 0;
        for (var page = 1; ; page++)
        {
            var json = await GetJson($"/api/v1/registry/agreements?state=FL&pageSize=100&page={page}");
            total = json.GetProperty("total").GetInt32();
            var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            if (items.Count == 0) break;
            foreach (var id in items) seen.Add(id).ShouldBeTrue($"{id} came twice");
        }
        seen.Count.ShouldBe(total);
        total.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Search_FindsAgenciesByPartOfTheirName_IgnoringCase()
    {
        var json = await GetJson("/api/v1/registry/agreements?q=smith%20county&state=TX");
        var names = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("agency").GetString()!).ToList();
        names.ShouldNotBeEmpty();
        names.ShouldAllBe(n => n.Contains("Smith County", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("state=XX", "state")]
    [InlineData("model=ABC", "model")]
    [InlineData("status=sleeping", "status")]
    [InlineData("agencyType=army", "agencyType")]
    [InlineData("pageSize=5000", "page")]
    [InlineData("page=0", "page")]
    public async Task BadFilters_Get400WithTheFieldNamed(string query, string field)
    {
        var response = await _http.GetAsync($"/api/v1/registry/agreements?{query}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("code").GetString().ShouldBe("registry.filter_invalid");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task NonNumericPage_Gets400NotA500()
    {
        var response = await _http.GetAsync("/api/v1/registry/agreements?page=abc", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Agency_ShowsItsAgreementsHistoryAndMatchedCodes()
    {
        var list = await GetJson("/api/v1/registry/agreements?q=Smith%20County%20Sheriff&state=TX");
        var agencyId = list.GetProperty("items").EnumerateArray()
            .First(i => i.GetProperty("agency").GetString() == "Smith County Sheriff's Office").GetProperty("agencyId").GetString();

        var agency = await GetJson($"/api/v1/registry/agencies/{agencyId}");
        agency.GetProperty("name").GetString().ShouldBe("Smith County Sheriff's Office");
        agency.GetProperty("countyFips").GetString().ShouldBe("48423");
        var agreements = agency.GetProperty("agreements").EnumerateArray().ToList();
        agreements.ShouldNotBeEmpty();
        agreements.ShouldAllBe(a => a.GetProperty("history").GetArrayLength() >= 1);
        agreements.ShouldContain(a => a.GetProperty("moaUrl").GetString()!.StartsWith("https://"));
    }

    [Fact]
    public async Task UnknownAgency_Gets404WithACode()
    {
        var response = await _http.GetAsync($"/api/v1/registry/agencies/{Guid.NewGuid()}", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString().ShouldBe("agency.not_found");
    }

    [Fact]
    public async Task OpenApi_DescribesTheRegistry_AndHealthAsksTheDatabase()
    {
        var openapi = await GetJson("/openapi/v1.json");
        openapi.GetProperty("paths").TryGetProperty("/api/v1/registry/agreements", out _).ShouldBeTrue();
        var health = await GetJson("/health");
        health.GetProperty("status").GetString().ShouldBe("healthy");
        health.GetProperty("agreements").GetInt32().ShouldBe(registry.Bundled.Rows.Count);
    }
}
