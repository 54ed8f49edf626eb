using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Common;

/// <summary>
/// Issue 14, item 8: with the limits a newcomer gets (the test app's raised limits removed), sign-in and token requests and
/// anonymous writes from one address are cut off with 429 and Retry-After; bodies larger than allowed are refused with 413 before
/// anything parses them.
/// </summary>
public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["RateLimits:SignInPerMinute"] = null,
        ["RateLimits:AnonymousWritesPerMinute"] = null,
    };

    [Fact]
    public async Task TheEleventhTokenRequestInAMinute_Gets429WithRetryAfter_AndSigningInOnThePageIsLimitedToo()
    {
        await using var app = await TestApp.StartAsync(settings: Defaults);
        var agency = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var http = app.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            statuses.Add((await http.PostAsJsonAsync("/api/v1/auth/token", new { email = $"nobody{i}@example.test", password = "wrong password" }, Ct)).StatusCode);
        statuses.ShouldAllBe(s => s == HttpStatusCode.Unauthorized || s == HttpStatusCode.BadRequest);

        // Even the right password waits: the limit is on the address, not on whether the guess is good.
        var eleventh = await http.PostAsJsonAsync("/api/v1/auth/token",
            new { email = user.Email, password = user.Password, twoFactorCode = user.AuthenticatorKey is null ? null : await Totp.NextAsync(user.AuthenticatorKey) }, Ct);
        eleventh.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(eleventh.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        (await eleventh.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("request.too_many");

        // The sign-in page shares the budget: reading it is free, sending it is refused with a page in both languages.
        var page = await http.GetAsync("/account/sign-in", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = user.Password }),
        };
        post.Headers.Accept.ParseAdd("text/html");
        var refused = await http.SendAsync(post, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").ShouldBeTrue();
        var html = await refused.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Too many requests");
        html.ShouldContain("demasiados formularios");
    }

    [Fact]
    public async Task TheSixthAnonymousCommentInAMinute_Gets429_WhileReadingStaysOpen()
    {
        await using var app = await TestApp.StartAsync(settings: Defaults);
        var http = app.Client();
        var url = $"/api/v1/public/applications/{Guid.NewGuid()}/comments";
        for (var i = 0; i < 5; i++)
            (await http.PostAsJsonAsync(url, new { language = "en", body = "A comment." }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var sixth = await http.PostAsJsonAsync(url, new { language = "en", body = "A comment." }, Ct);
        sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        sixth.Headers.Contains("Retry-After").ShouldBeTrue();
        for (var i = 0; i < 10; i++)
            (await http.GetAsync("/api/v1/public/applications", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSixthComplaintFromOneAddressInAMinute_Gets429_OnTheApiAndTheForm_WhileTheStatusPageStaysOpen()
    {
        await using var app = await TestApp.StartAsync(settings: Defaults);
        var agency = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office");
        await Given.AgreementAsync(app, agency, Section287.Features.Agreements.AgreementModel.Jail);
        var http = app.Client();
        for (var i = 0; i < 5; i++)
            (await http.PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency.Id, language = "en", narrative = $"Complaint {i}", anonymous = true }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await http.PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency.Id, language = "en", narrative = "Sixth", anonymous = true }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        var form = new HttpRequestMessage(HttpMethod.Post, "/complaints/new")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["AgencyId"] = agency.Id.ToString(), ["Narrative"] = "Seventh" }),
        };
        form.Headers.Accept.ParseAdd("text/html");
        (await http.SendAsync(form, Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await http.GetAsync("/complaints/status?number=AAAA-AAAA-AAAA", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "reading is never limited");
        (await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Complaints))).ShouldBe(5);
    }

    [Fact]
    public async Task AnOversizedBody_Gets413BeforeItIsRead_AnonymousAt64KbAndStaffAt1Mb()
    {
        await using var app = await TestApp.StartAsync(settings: Defaults);
        var anonymous = app.Client();
        var big = new string('a', 100 * 1024);
        var declared = new StringContent(JsonSerializer.Serialize(new { language = "en", body = big }), Encoding.UTF8, "application/json");
        var comment = await anonymous.PostAsync($"/api/v1/public/applications/{Guid.NewGuid()}/comments", declared, Ct);
        comment.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        var problem = await comment.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe("request.too_large");
        problem.GetProperty("limitBytes").GetInt64().ShouldBe(64 * 1024);
        // Sent in chunks with no declared length, the server stops reading at the limit and answers the same.
        var chunked = await anonymous.PostAsJsonAsync($"/api/v1/public/applications/{Guid.NewGuid()}/comments", new { language = "en", body = big }, Ct);
        chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await chunked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("request.too_large");

        // Under the limit the same request is read (and answered for what it is: no such application).
        (await anonymous.PostAsJsonAsync($"/api/v1/public/applications/{Guid.NewGuid()}/comments", new { language = "en", body = "short" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var agency = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office");
        var staff = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var twoMb = new StringContent(JsonSerializer.Serialize(new { currentPassword = "wrong", newPassword = new string('b', 2 * 1024 * 1024) }),
            Encoding.UTF8, "application/json");
        var large = await staff.PostAsync("/api/v1/me/password", twoMb, Ct);
        large.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await large.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("limitBytes").GetInt64().ShouldBe(1024 * 1024);
        // A signed-in user's 100 KB is within the limit: read, and refused only for what it says.
        var ordinary = await staff.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "wrong", newPassword = big }, Ct);
        ((int)ordinary.StatusCode).ShouldBeInRange(400, 422);
        ordinary.StatusCode.ShouldNotBe(HttpStatusCode.RequestEntityTooLarge);
        (await ordinary.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!.ShouldNotStartWith("request.");
    }
}
