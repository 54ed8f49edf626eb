using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Agencies;

public sealed class ContactEditTests
{
    [Fact]
    public async Task AStaleEdit_Gets409_AndTheFirstEditStands()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Theta County Sheriff's Office");
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var contact = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/{agency.Id}",
            TestContext.Current.CancellationToken)).GetProperty("contacts")[0];
        var id = contact.GetProperty("id").GetString();
        var version = contact.GetProperty("version").GetInt64();

        var first = await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts/{id}",
            new { name = "First Editor", title = "Sheriff", email = "first@example.test", version }, TestContext.Current.CancellationToken);
        var second = await http.PutAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts/{id}",
            new { name = "Second Editor", title = "Sheriff", email = "second@example.test", version }, TestContext.Current.CancellationToken);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("version").GetInt64().ShouldBe(version + 1);
        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString().ShouldBe("record.stale");
        var stored = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/{agency.Id}",
            TestContext.Current.CancellationToken)).GetProperty("contacts")[0];
        stored.GetProperty("name").GetString().ShouldBe("First Editor");
    }

    [Fact]
    public async Task InvalidInput_Gets400WithFieldErrors_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Iota County Sheriff's Office");
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));

        var response = await http.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts", new { name = "", title = "x", email = "not an address" },
            TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("code").GetString().ShouldBe("agency.contact_invalid");
        problem.GetProperty("errors").GetProperty("name").GetArrayLength().ShouldBe(1);
        problem.GetProperty("errors").GetProperty("email").GetArrayLength().ShouldBe(1);
        var contacts = (await http.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/{agency.Id}",
            TestContext.Current.CancellationToken)).GetProperty("contacts");
        contacts.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task MalformedJson_Gets400NotA500()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Kappa County Sheriff's Office");
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));

        var response = await http.PostAsync($"/api/v1/agencies/{agency.Id}/contacts",
            new StringContent("{\"name\": ", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldNotContain("   at ");
    }
}
