using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Common;

/// <summary>
/// Issue 14, item 12: every answer carries a content security policy without inline script and without framing, no sniffing, a
/// same-origin referrer and (outside Development) HSTS; in Production cookies are Secure by default, and the API description and
/// health details are for signed-in staff only.
/// </summary>
public sealed class HeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagesTheApiAndStaticFiles_CarryTheSecurityHeaders()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();
        foreach (var url in new[] { "/", "/registry", "/api/v1/registry/summary", "/lib/uswds/js/uswds.min.js", "/no-such-page" })
        {
            var response = await http.GetAsync(url, Ct);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            csp.ShouldContain("frame-ancestors 'none'", customMessage: url);
            csp.ShouldContain("script-src 'self'", customMessage: url);
            csp.ShouldNotContain("unsafe-inline", customMessage: url);
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], url);
            response.Headers.GetValues("Referrer-Policy").ShouldBe(["same-origin"], url);
            response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000", customMessage: url);
        }
    }

    [Fact]
    public async Task InProduction_CookiesAreSecure_AndTheApiDescriptionAndHealthDetailsAreForStaff()
    {
        await using var app = await TestApp.StartAsync(environment: "Production", settings: new Dictionary<string, string?> { ["Security:SecureCookies"] = null });
        // A plain request is sent to HTTPS; through the TLS-ending proxy (X-Forwarded-Proto from loopback) everything works.
        var plain = await app.Client().GetAsync("/registry?lang=es", Ct);
        plain.StatusCode.ShouldBe(HttpStatusCode.PermanentRedirect);
        plain.Headers.Location!.ToString().ShouldStartWith("https://");
        plain.Headers.Location!.ToString().ShouldEndWith("/registry?lang=es");
        var anonymous = app.Client();
        anonymous.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        (await anonymous.GetAsync("/openapi/v1.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var health = await anonymous.GetFromJsonAsync<JsonElement>("/health", Ct);
        health.GetProperty("status").GetString().ShouldBe("healthy");
        health.TryGetProperty("parts", out _).ShouldBeFalse();
        health.TryGetProperty("database", out _).ShouldBeFalse();
        var signIn = await anonymous.GetAsync("/account/sign-in", Ct);
        signIn.Headers.Contains("Set-Cookie").ShouldBeTrue($"{signIn.StatusCode} {signIn.Headers} {await signIn.Content.ReadAsStringAsync(Ct)}");
        signIn.Headers.GetValues("Set-Cookie").ShouldAllBe(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));

        var agency = await Given.AgencyAsync(app, "Test Kappa County Sheriff's Office");
        var staff = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id), https: true);
        (await staff.GetAsync("/openapi/v1.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetFromJsonAsync<JsonElement>("/health", Ct)).TryGetProperty("parts", out _).ShouldBeTrue();
    }
}
