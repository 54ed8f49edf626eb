using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.IceLists;

public sealed class IceListsApiTests
{
    [Fact]
    public async Task AnIncompleteUpload_Gets400NamingEachField_AndImportsNothing()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        using var form = new MultipartFormDataContent { { new StringContent("18/05/2026"), "asOf" } };
        var response = await http.PostAsync("/api/v1/ice-lists/", form, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        problem.GetProperty("code").GetString().ShouldBe("ice_list.upload_invalid");
        problem.GetProperty("errors").TryGetProperty("file", out _).ShouldBeTrue();
        problem.GetProperty("errors").TryGetProperty("asOf", out _).ShouldBeTrue();
        var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/ice-lists/", TestContext.Current.CancellationToken);
        list.GetProperty("total").GetInt32().ShouldBe(0);
    }
}
