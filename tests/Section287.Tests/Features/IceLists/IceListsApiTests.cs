using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.IceLists;

public sealed class IceListsApiTests
{
    [Fact]
    public async Task AnUpload_ReportsEveryAgreementAddedByName()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(await File.ReadAllBytesAsync(Repo.Participating("2021-01-13"), TestContext.Current.CancellationToken)), "file",
                "participatingAgencies-2021-01-13.xlsx" },
        };
        var report = await Api.Ok(http.PostAsync("/api/v1/ice-lists/", form, TestContext.Current.CancellationToken));

        var added = report.GetProperty("addedAgreements").EnumerateArray().ToList();
        added.Count.ShouldBe(report.GetProperty("added").GetInt32());
        added.Count.ShouldBeGreaterThan(0);
        added.ShouldAllBe(a => a.GetProperty("agencyName").GetString()!.Length > 0);
        report.GetProperty("removedAgreements").GetArrayLength().ShouldBe(0);
    }

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
