using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Section287.Tests.Common;

/// <summary>A page that fails shows a person the site's error page; a machine asking the API still gets a problem.</summary>
public sealed class ErrorPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage BrowserGet(string url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return request;
    }

    [Fact]
    public async Task APageThatFails_ShowsTheSitesErrorPage_WithTheCorrelationId_InTheReadersLanguage_AndTheApiAProblem()
    {
        // The registry's table goes missing under the running app, as a database fault would break its queries.
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Agreements\" RENAME TO \"AgreementsGone\""));
        var http = app.Client();

        var page = await http.SendAsync(BrowserGet("/registry"), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("id=\"error-page\"");
        html.ShouldContain("Something went wrong on our side");
        html.ShouldContain("class=\"usa-header");
        html.ShouldNotContain("AgreementsGone");
        System.Text.RegularExpressions.Regex.Match(html, "id=\"correlation-id\">([^<]+)<").Groups[1].Value.ShouldNotBeNullOrWhiteSpace();

        var spanish = WebUtility.HtmlDecode(await (await http.SendAsync(BrowserGet("/registry?lang=es"), Ct)).Content.ReadAsStringAsync(Ct));
        spanish.ShouldContain("Algo salió mal de nuestro lado");
        spanish.ShouldContain("<html lang=\"es\"");

        var api = await http.GetAsync("/api/v1/registry/summary", Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync(Ct)).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("server.error");
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AMissingPage_IsA404PageForABrowser_AndA404ProblemForTheApi()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();

        var page = await http.SendAsync(BrowserGet("/no-such-page"), Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Page not found");
        html.ShouldContain("id=\"correlation-id\"");

        var api = await http.SendAsync(BrowserGet("/api/v1/no-such-thing"), Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
