using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Issue 14, item 1: access can be revoked, and a revoked session gets 401 (or the sign-in page) on its very next request, through
/// a real socket, for bearer tokens and cookies alike: a password change, a sign-out, a disabled or locked account, ended sessions.
/// </summary>
public sealed partial class RevocationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();

    private static async Task<HttpClient> CookieClientAsync(TestApp app, TestUser user, CookieContainer? cookies = null)
    {
        return await FormSignIn.SignInAsync(app, user, cookies);
    }

    private static async Task<HttpStatusCode> StaffHome(HttpClient http)
    {
        var response = await http.GetAsync("/staff", Ct);
        if (response.StatusCode == HttpStatusCode.Redirect) response.Headers.Location!.ToString().ShouldContain("/account/sign-in");
        return response.StatusCode;
    }

    private static async Task<(TestApp App, Guid AgencyId)> StartAsync()
    {
        var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        return (app, agency.Id);
    }

    [Fact]
    public async Task ChangingThePassword_EndsEveryTokenAndOtherCookie_AtTheNextRequest()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agencyId);
        var token = await Given.ApiClientAsync(app, user);
        var asking = await Given.ApiClientAsync(app, user);
        var browser = await CookieClientAsync(app, user);

        var wrong = await asking.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "not the password", newPassword = "a new and long password" }, Ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodeOf(wrong)).ShouldBe("auth.password_mismatch");
        (await token.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = await asking.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "a new and long password" }, Ct);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await token.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await asking.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StaffHome(browser)).ShouldBe(HttpStatusCode.Redirect);
        var renewed = await Given.ApiClientAsync(app, user with { Password = "a new and long password" });
        (await renewed.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.Action == "user.password_change"));
        audit.ShouldBe(1);
    }

    [Fact]
    public async Task ThePasswordPage_ChangesIt_KeepsThisSession_AndEndsTheOthers()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agencyId);
        var other = await CookieClientAsync(app, user);
        var browser = await CookieClientAsync(app, user);

        var form = await browser.GetStringAsync("/account/password", Ct);
        var response = await browser.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = user.Password, ["NewPassword"] = "another long password", ["__RequestVerificationToken"] = Antiforgery(form),
        }), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/account/password?changed=true");
        (await StaffHome(browser)).ShouldBe(HttpStatusCode.OK);
        (await StaffHome(other)).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task SigningOut_EndsACopyOfTheCookieToo()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agencyId);
        var cookies = new CookieContainer();
        var browser = await CookieClientAsync(app, user, cookies);
        var stolen = new CookieContainer();
        foreach (Cookie c in cookies.GetAllCookies()) stolen.Add(new Cookie(c.Name, c.Value, c.Path, c.Domain));
        var thief = app.Client(cookies: stolen);
        (await StaffHome(thief)).ShouldBe(HttpStatusCode.OK);

        var page = await browser.GetStringAsync("/staff", Ct);
        var signOut = await browser.PostAsync("/account/sign-out",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Antiforgery(page) }), Ct);
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await StaffHome(thief)).ShouldBe(HttpStatusCode.Redirect);
        (await StaffHome(browser)).ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ADisabledAccount_Gets401AtTheNextRequest_CannotSignIn_AndIsEnabledAgain()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agencyId);
        var token = await Given.ApiClientAsync(app, officer);
        var browser = await CookieClientAsync(app, officer);

        var noReason = await office.PostAsJsonAsync($"/api/v1/accounts/{officer.Id}/disable", new { reason = " " }, Ct);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodeOf(noReason)).ShouldBe("account.reason_required");
        var disabled = await office.PostAsJsonAsync($"/api/v1/accounts/{officer.Id}/disable", new { reason = "Left the sheriff's office" }, Ct);
        disabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("disabledReason").GetString().ShouldBe("Left the sheriff's office");

        (await token.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StaffHome(browser)).ShouldBe(HttpStatusCode.Redirect);
        var signIn = await app.Client().PostAsJsonAsync("/api/v1/auth/token", new { email = officer.Email, password = officer.Password }, Ct);
        (await CodeOf(signIn)).ShouldBe("auth.sign_in_failed");
        var again = await office.PostAsJsonAsync($"/api/v1/accounts/{officer.Id}/disable", new { reason = "Twice" }, Ct);
        (await CodeOf(again)).ShouldBe(AccountErrors.AlreadyDisabled.Code);

        (await office.PostAsync($"/api/v1/accounts/{officer.Id}/enable", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var back = await Given.ApiClientAsync(app, officer);
        (await back.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var enableAgain = await office.PostAsync($"/api/v1/accounts/{officer.Id}/enable", null, Ct);
        (await CodeOf(enableAgain)).ShouldBe(AccountErrors.NotDisabled.Code);
        var actions = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action.StartsWith("user.")).Select(e => e.Action).Distinct().ToListAsync());
        actions.ShouldContain("user.disable");
        actions.ShouldContain("user.enable");
    }

    [Fact]
    public async Task EndingSessions_AndALockout_EndTheToken_AtTheNextRequest()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agencyId));
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agencyId);
        var token = await Given.ApiClientAsync(app, officer);

        (await coordinator.PostAsync($"/api/v1/accounts/{officer.Id}/end-sessions", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await token.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var fresh = await Given.ApiClientAsync(app, officer);
        for (var i = 0; i < 5; i++)
            await app.Client().PostAsJsonAsync("/api/v1/auth/token", new { email = officer.Email, password = $"wrong password {i}" }, Ct);
        (await fresh.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WhoManagesWhich_TheProgramOfficeEveryone_ACoordinatorTheAgencysOwn_NobodyThemselves()
    {
        var (app, agencyId) = await StartAsync();
        await using var _ = app;
        var other = await Given.AgencyAsync(app, "Test Omega Police Department");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agencyId);
        var coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        var ownOfficer = await Given.UserAsync(app, Role.DesignatedOfficer, agencyId);
        var otherOfficer = await Given.UserAsync(app, Role.DesignatedOfficer, other.Id);
        var officeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor));

        var mine = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/accounts?pageSize=200", Ct);
        var ids = mine.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ToList();
        ids.ShouldBe([coordinatorUser.Id, ownOfficer.Id], ignoreOrder: true);
        (await coordinator.PostAsJsonAsync($"/api/v1/accounts/{otherOfficer.Id}/disable", new { reason = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await coordinator.PostAsJsonAsync($"/api/v1/accounts/{officeUser.Id}/disable", new { reason = "x" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var self = await coordinator.PostAsJsonAsync($"/api/v1/accounts/{coordinatorUser.Id}/disable", new { reason = "x" }, Ct);
        self.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await CodeOf(self)).ShouldBe(AccountErrors.NotYourself.Code);
        var refused = await supervisor.GetAsync("/api/v1/accounts", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(refused)).ShouldBe(AccountErrors.ManageRole.Code);

        var office = await Given.ApiClientAsync(app, officeUser);
        var all = await office.GetFromJsonAsync<JsonElement>("/api/v1/accounts?role=designated-officer&pageSize=200", Ct);
        all.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([ownOfficer.Id, otherOfficer.Id], ignoreOrder: true);
        (await office.PostAsJsonAsync($"/api/v1/accounts/{otherOfficer.Id}/disable", new { reason = "Badge reported stolen" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string Antiforgery(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
