using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Common;

/// <summary>Issue 14, item 13: a page far past the end is empty, never the first page again; a page below 1 is refused.</summary>
public sealed class PagingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLastPossiblePage_IsEmpty_AndPageZeroIsRefused()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true);
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        foreach (var (http, list) in new[] { (app.Client(), "/api/v1/registry/agreements"), (office, "/api/v1/agencies"), (office, "/api/v1/accounts") })
        {
            var first = await http.GetFromJsonAsync<JsonElement>($"{list}?page=1", Ct);
            first.GetProperty("total").GetInt32().ShouldBeGreaterThan(0, list);
            var far = await http.GetFromJsonAsync<JsonElement>($"{list}?page=2147483647", Ct);
            far.GetProperty("items").GetArrayLength().ShouldBe(0, list);
            far.GetProperty("pageNumber").GetInt32().ShouldBe(int.MaxValue, list);
            (await http.GetAsync($"{list}?page=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, list);
        }
    }
}
