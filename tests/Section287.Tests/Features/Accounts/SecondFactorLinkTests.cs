using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Issue 14, item 7: a second factor is linked only through a one-time link an administrator issues (and the app e-mails), never with
/// the password alone; an authenticator code is accepted once; every role, coordinators and officers included, needs a second factor
/// outside Development.
/// </summary>
public sealed class SecondFactorLinkTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();

    private static Task<HttpResponseMessage> RequestToken(TestApp app, TestUser user, string? code) =>
        app.Client().PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = user.Password, twoFactorCode = code }, Ct);

    private static Task<AppUser> AccountAsync(TestApp app, Guid id) => app.WithDbAsync((db, _) => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    /// <summary>Signs in through the form, the way a link's visitor is sent to it, and lands where the sign-in page sends them.</summary>
    private static async Task<(HttpClient Http, string Landing)> SignInFromAsync(TestApp app, TestUser user, string returnUrl)
    {
        var http = app.Client(cookies: new CookieContainer());
        var opened = await http.GetAsync(returnUrl, Ct);
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var signInPage = opened.Headers.Location!.ToString();
        signInPage.ShouldContain("/account/sign-in");
        var form = await http.GetStringAsync(signInPage, Ct);
        var posted = await http.PostAsync(signInPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = user.Email, ["Password"] = user.Password, ["ReturnUrl"] = returnUrl, ["__RequestVerificationToken"] = FormSignIn.Antiforgery(form),
        }), Ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return (http, posted.Headers.Location!.ToString());
    }

    private static Task<HttpResponseMessage> PostSetUpAsync(HttpClient http, string page, string code, string link) =>
        http.PostAsync("/account/two-factor/set-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["Link"] = link, ["__RequestVerificationToken"] = FormSignIn.Antiforgery(page),
        }), Ct);

    [Fact]
    public async Task ThePasswordAlone_ShowsNoKey_AndLinksNothing()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice, linkAuthenticator: false);
        var http = app.Client(cookies: new CookieContainer());
        var signedIn = await FormSignIn.PostAsync(http, user.Email, user.Password);
        signedIn.Headers.Location!.ToString().ShouldBe("/account/two-factor/set-up");

        var page = await http.GetStringAsync("/account/two-factor/set-up", Ct);
        TwoFactorSetUpTests.KeyOf(page).ShouldBeNull();
        page.ShouldContain("one-time set-up link");
        // Someone else's link, a made-up one, or none: refused in the rule's words, and the account stays without a factor.
        var other = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);
        var othersLink = TwoFactorSetUpTests.LinkToken(await Given.SecondFactorLinkAsync(app, other.Id));
        TwoFactorSetUpTests.KeyOf(await http.GetStringAsync($"/account/two-factor/set-up?link={othersLink}", Ct)).ShouldBeNull();
        foreach (var token in new[] { "", "made-up-token", othersLink })
        {
            var refused = await PostSetUpAsync(http, page, "123456", token);
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain(AccountErrors.SetUpLinkRequired.Sentence[..60]);
        }
        (await AccountAsync(app, user.Id)).TwoFactorEnabled.ShouldBeFalse();
        (await http.GetAsync("/staff", Ct)).Headers.Location!.ToString().ShouldContain("/account/");
        (await CodeOf(await RequestToken(app, user, null))).ShouldBe(AccountErrors.EnrollmentRequired.Code);
    }

    [Fact]
    public async Task AnAdminIssuedLink_LinksTheApp_Once()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var user = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);

        var issued = await admin.PostAsync($"/api/v1/accounts/{user.Id}/second-factor-link", null, Ct);
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        answer.GetProperty("emailed").GetBoolean().ShouldBeFalse();
        var url = new Uri(answer.GetProperty("url").GetString()!);
        var link = url.PathAndQuery;
        link.ShouldStartWith("/account/two-factor/set-up?link=");
        // Only the hash is kept: the token is nowhere in the database.
        var stored = await app.WithDbAsync((db, _) => db.AccountLinks.AsNoTracking().SingleAsync(l => l.UserId == user.Id));
        stored.TokenHash.ShouldBe(AccountLink.HashOf(TwoFactorSetUpTests.LinkToken(link)));
        stored.TokenHash.ShouldNotContain(TwoFactorSetUpTests.LinkToken(link));

        var (http, landing) = await SignInFromAsync(app, user, link);
        landing.ShouldBe(link);
        var page = await http.GetStringAsync(link, Ct);
        var key = TwoFactorSetUpTests.KeyOf(page).ShouldNotBeNull();
        var linked = await PostSetUpAsync(http, page, await Totp.NextAsync(key), TwoFactorSetUpTests.LinkToken(link));
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await http.GetAsync("/staff", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await AccountAsync(app, user.Id)).TwoFactorEnabled.ShouldBeTrue();
        (await app.WithDbAsync((db, _) => db.AccountLinks.AsNoTracking().SingleAsync(l => l.UserId == user.Id))).UsedAt.ShouldNotBeNull();
        var enrolled = user with { AuthenticatorKey = key };
        (await RequestToken(app, enrolled, await Totp.NextAsync(key))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The used link shows nothing to anyone, its owner included.
        var again = await FormSignIn.SignInAsync(app, enrolled);
        TwoFactorSetUpTests.KeyOf(await again.GetStringAsync(link, Ct)).ShouldBeNull();
        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(e => e.Action == "user.second_factor_link").ToListAsync());
        audit.ShouldNotBeEmpty();
        audit.ShouldAllBe(e => !e.Summary.Contains(stored.TokenHash));
    }

    [Fact]
    public async Task ALinkExpiresAfterThreeDays_AndANewerOneReplacesIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var user = await Given.UserAsync(app, Role.FieldSupervisor, linkAuthenticator: false);
        var older = await Given.SecondFactorLinkAsync(app, user.Id);
        var newer = await Given.SecondFactorLinkAsync(app, user.Id);

        var (http, _) = await SignInFromAsync(app, user, newer);
        TwoFactorSetUpTests.KeyOf(await http.GetStringAsync(older, Ct)).ShouldBeNull();
        TwoFactorSetUpTests.KeyOf(await http.GetStringAsync(newer, Ct)).ShouldNotBeNull();

        clock.Advance(AccountLink.Lifetime + TimeSpan.FromMinutes(1));
        var (later, _) = await SignInFromAsync(app, user, newer);
        var page = await later.GetStringAsync(newer, Ct);
        TwoFactorSetUpTests.KeyOf(page).ShouldBeNull();
        page.ShouldContain("one-time set-up link");
    }

    [Fact]
    public async Task ReplacingALostFactor_EndsTheSessions_AndTheOldAppsCodesStopWorking()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var user = await Given.UserAsync(app, Role.Oversight);
        var session = await Given.ApiClientAsync(app, user);
        (await session.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await admin.PostAsync($"/api/v1/accounts/{user.Id}/second-factor-link", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await session.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountAsync(app, user.Id)).TwoFactorEnabled.ShouldBeFalse();
        (await CodeOf(await RequestToken(app, user, await Totp.NextAsync(user.AuthenticatorKey!)))).ShouldBe(AccountErrors.EnrollmentRequired.Code);
    }

    [Fact]
    public async Task AnAuthenticatorCode_IsAcceptedOnce_AndNeverAnEarlierOne()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice);
        var now = DateTimeOffset.UtcNow;
        var current = Totp.Code(user.AuthenticatorKey!, now);
        var next = Totp.Code(user.AuthenticatorKey!, now.AddSeconds(30));

        (await RequestToken(app, user, current)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CodeOf(await RequestToken(app, user, current))).ShouldBe(AccountErrors.SignInFailed.Code);
        (await RequestToken(app, user, next)).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The step before the one last used, though inside the window, is refused too.
        (await CodeOf(await RequestToken(app, user, Totp.Code(user.AuthenticatorKey!, now.AddSeconds(-30))))).ShouldBe(AccountErrors.SignInFailed.Code);

        // Through the form as well.
        var http = app.Client(cookies: new CookieContainer());
        var signedIn = await FormSignIn.PostAsync(http, user.Email, user.Password);
        var form = await http.GetStringAsync(signedIn.Headers.Location, Ct);
        var reused = await http.PostAsync(signedIn.Headers.Location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = next, ["__RequestVerificationToken"] = FormSignIn.Antiforgery(form),
        }), Ct);
        reused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reused.Content.ReadAsStringAsync(Ct)).ShouldContain("That code is not right");
    }

    [Fact]
    public async Task OneCodeSentEightTimesAtOnce_GetsOneToken()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice);
        var code = Totp.Code(user.AuthenticatorKey!);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RequestToken(app, user, code)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
    }

    [Fact]
    public async Task Coordinators_IssueLinksForTheirAgencysAccounts_AndNoOneElses()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var other = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id, linkAuthenticator: false);
        var elsewhere = await Given.UserAsync(app, Role.DesignatedOfficer, other.Id, linkAuthenticator: false);
        var ice = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);
        var disabled = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        (await programOffice.PostAsJsonAsync($"/api/v1/accounts/{disabled.Id}/disable", new { reason = "Left the agency" }, Ct)).EnsureSuccessStatusCode();
        var link = (Guid id) => coordinator.PostAsync($"/api/v1/accounts/{id}/second-factor-link", null, Ct);

        (await link(officer.Id)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await link(elsewhere.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await link(ice.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CodeOf(await link(coordinatorUser.Id))).ShouldBe(AccountErrors.NotYourself.Code);
        (await CodeOf(await link(disabled.Id))).ShouldBe(AccountErrors.LinkForDisabled.Code);
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));
        (await CodeOf(await oversight.PostAsync($"/api/v1/accounts/{officer.Id}/second-factor-link", null, Ct))).ShouldBe(AccountErrors.ManageRole.Code);
        (await app.WithDbAsync((db, _) => db.AccountLinks.CountAsync(l => l.UserId != officer.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsOpenLink()
    {
        await using var app = await TestApp.StartAsync();
        var admin = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var user = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);
        var link = await Given.SecondFactorLinkAsync(app, user.Id);

        (await admin.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/disable", new { reason = "Reassigned" }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/v1/accounts/{user.Id}/enable", null, Ct)).EnsureSuccessStatusCode();

        var (http, _) = await SignInFromAsync(app, user, link);
        TwoFactorSetUpTests.KeyOf(await http.GetStringAsync(link, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task WithAMailServer_TheLinkIsEmailedToTheAccount()
    {
        using var smtp = new FakeSmtpServer();
        await using var app = await TestApp.StartAsync(settings: smtp.Settings);
        var admin = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var user = await Given.UserAsync(app, Role.FieldSupervisor, linkAuthenticator: false);

        var answer = await (await admin.PostAsync($"/api/v1/accounts/{user.Id}/second-factor-link", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

        answer.GetProperty("emailed").GetBoolean().ShouldBeTrue();
        var message = smtp.Messages.ShouldHaveSingleItem();
        message.ShouldContain($"RCPT TO:<{user.Email}>");
        var path = new Uri(answer.GetProperty("url").GetString()!).PathAndQuery;
        FakeSmtpServer.BodyOf(message).ShouldContain($"Open: https://section287.example.test{path}");
    }

    [Theory]
    [InlineData(Role.AgencyCoordinator)]
    [InlineData(Role.DesignatedOfficer)]
    [InlineData(Role.FieldSupervisor)]
    public async Task EveryRole_NeedsASecondFactor_OutsideDevelopment(Role role)
    {
        await using var app = await TestApp.StartAsync();
        var agency = role.IsAgencyScoped() ? (await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office")).Id : (Guid?)null;
        var unenrolled = await Given.UserAsync(app, role, agency, linkAuthenticator: false);
        var enrolled = await Given.UserAsync(app, role, agency);

        (await CodeOf(await RequestToken(app, unenrolled, null))).ShouldBe(AccountErrors.EnrollmentRequired.Code);
        (await CodeOf(await RequestToken(app, enrolled, null))).ShouldBe(AccountErrors.TwoFactorRequired.Code);
        (await RequestToken(app, enrolled, await Totp.NextAsync(enrolled.AuthenticatorKey!))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InDevelopment_APasswordIsEnough()
    {
        await using var app = await TestApp.StartAsync(environment: "Development");
        var agency = await Given.AgencyAsync(app, "Test Tau County Sheriff's Office");
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id, linkAuthenticator: false);

        (await RequestToken(app, officer, null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheCommandLine_IssuesTheFirstAccountsLink()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        var created = await Cli.RunWithInputAsync(app.Database, dataDir, "a long enough password", "create-user", "--email", "first@example.test",
            "--name", "First Admin", "--role", "program-office");
        created.ExitCode.ShouldBe(0, created.Stderr);
        var first = created.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("/account/two-factor/set-up?link=", StringComparison.Ordinal));
        var path = first.Split(' ')[0];
        var again = await Cli.RunAsync(app.Database, dataDir, "second-factor-link", "--email", "first@example.test");
        again.ExitCode.ShouldBe(0, again.Stderr);
        var second = again.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("/account/two-factor/set-up?link=", StringComparison.Ordinal)).Split(' ')[0];
        second.ShouldNotBe(path);
        var id = (await app.WithDbAsync((db, _) => db.Users.SingleAsync(u => u.Email == "first@example.test"))).Id;
        var user = new TestUser(id, "first@example.test", "a long enough password", Role.ProgramOffice, null);

        var (http, landing) = await SignInFromAsync(app, user, second);
        landing.ShouldBe(second);
        TwoFactorSetUpTests.KeyOf(await http.GetStringAsync(path, Ct)).ShouldBeNull();
        var page = await http.GetStringAsync(second, Ct);
        var key = TwoFactorSetUpTests.KeyOf(page).ShouldNotBeNull();
        (await PostSetUpAsync(http, page, await Totp.NextAsync(key), TwoFactorSetUpTests.LinkToken(second))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RequestToken(app, user, await Totp.NextAsync(key))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
