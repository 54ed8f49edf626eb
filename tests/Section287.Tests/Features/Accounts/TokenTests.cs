using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

public sealed class TokenTests
{
    private static async Task<HttpResponseMessage> RequestToken(TestApp app, string email, string password, string? code = null) =>
        await app.Client().PostAsJsonAsync("/api/v1/auth/token", new { email, password, twoFactorCode = code }, TestContext.Current.CancellationToken);

    private static async Task<string?> CodeOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString();

    [Fact]
    public async Task IceRole_NeedsTheAuthenticatorCode_AndGetsATokenWithIt()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice);

        var withoutCode = await RequestToken(app, user.Email, user.Password);
        withoutCode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await CodeOf(withoutCode)).ShouldBe("auth.two_factor_required");

        var wrongCode = await RequestToken(app, user.Email, user.Password, "000000" == Totp.Code(user.AuthenticatorKey!) ? "111111" : "000000");
        (await CodeOf(wrongCode)).ShouldBe("auth.sign_in_failed");

        var http = await Given.ApiClientAsync(app, user);
        var me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);
        me.GetProperty("role").GetString().ShouldBe("ProgramOffice");
    }

    [Fact]
    public async Task IceRole_WithoutALinkedAuthenticator_IsToldToEnrollOutsideDevelopment()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);

        var response = await RequestToken(app, user.Email, user.Password);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(response)).ShouldBe("auth.two_factor_enrollment_required");
    }

    [Fact]
    public async Task AgencyRole_GetsATokenScopedToItsAgency()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Alpha County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);

        var http = await Given.ApiClientAsync(app, user);

        var me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me", TestContext.Current.CancellationToken);
        me.GetProperty("agencyId").GetString().ShouldBe(agency.Id.ToString());
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Beta County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);

        for (var i = 0; i < 4; i++) (await CodeOf(await RequestToken(app, user.Email, "wrong password " + i))).ShouldBe("auth.sign_in_failed");
        (await CodeOf(await RequestToken(app, user.Email, "the fifth wrong password"))).ShouldBe("auth.locked_out");
        var locked = await RequestToken(app, user.Email, user.Password);

        locked.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CodeOf(locked)).ShouldBe("auth.locked_out");
    }

    /// <summary>
    /// Issue 14, item 9: an address with no account gets the answers a real account gets (locked after five), and an account that must
    /// still enroll its second factor says so only to whoever knows its password.
    /// </summary>
    [Fact]
    public async Task NoAnswer_TellsWhoHasAnAccount()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Delta County Sheriff's Office");
        var real = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var answersFor = async (string email) =>
        {
            var codes = new List<string?>();
            for (var i = 0; i < 6; i++) codes.Add(await CodeOf(await RequestToken(app, email, $"wrong password {i}")));
            return codes;
        };

        var realAnswers = await answersFor(real.Email);
        var unknownAnswers = await answersFor("nobody-at-all@example.test");

        unknownAnswers.ShouldBe(realAnswers);
        realAnswers[^1].ShouldBe("auth.locked_out");
        var unenrolled = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);
        (await CodeOf(await RequestToken(app, unenrolled.Email, "not the password at all"))).ShouldBe("auth.sign_in_failed");
        (await CodeOf(await RequestToken(app, unenrolled.Email, unenrolled.Password))).ShouldBe("auth.two_factor_enrollment_required");
    }

    /// <summary>Issue 14, item 13: twenty guesses sent at once get no more than the lockout's five tries.</summary>
    [Fact]
    public async Task ConcurrentWrongPasswords_GetFiveTriesAtMost()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Gamma County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i => await CodeOf(await RequestToken(app, user.Email, $"guess number {i:00}"))));

        answers.Count(a => a == "auth.sign_in_failed").ShouldBeLessThanOrEqualTo(4);
        answers.Count(a => a == "auth.locked_out").ShouldBeGreaterThanOrEqualTo(16);
        (await CodeOf(await RequestToken(app, user.Email, user.Password))).ShouldBe("auth.locked_out");
    }

    [Fact]
    public async Task Passwords_ShorterThan12Characters_AreRefused()
    {
        await using var app = await TestApp.StartAsync();
        var result = await app.WithDbAsync((_, services) => services.GetRequiredService<CreateUser>().HandleAsync(
            new CreateUserInput("short@example.test", "Short", Role.ProgramOffice, null, null, "elevenchars"), CancellationToken.None));
        result.Error!.Code.ShouldBe("auth.password_too_short");
    }

    [Fact]
    public async Task AgencyUsers_MustBelongToAnExistingAgency_AndSupervisorsToAnArea()
    {
        await using var app = await TestApp.StartAsync();
        var noAgency = await app.WithDbAsync((_, s) => s.GetRequiredService<CreateUser>().HandleAsync(
            new CreateUserInput("a@example.test", "A", Role.AgencyCoordinator, Guid.NewGuid(), null, Given.Password), CancellationToken.None));
        noAgency.Error!.Code.ShouldBe("user.scope_invalid");
        var noArea = await app.WithDbAsync((_, s) => s.GetRequiredService<CreateUser>().HandleAsync(
            new CreateUserInput("b@example.test", "B", Role.FieldSupervisor, null, "XYZ", Given.Password), CancellationToken.None));
        noArea.Error!.Code.ShouldBe("user.scope_invalid");
    }

    [Fact]
    public async Task CreateUserCommand_BootstrapsARealDeployment()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-cli-").FullName;
        var outcome = await Cli.RunAsync(app.Database, dataDir, "create-user", "--email", "first@example.test", "--name", "First Admin", "--role",
            "program-office");
        // No password on standard input: refused, nothing created.
        outcome.ExitCode.ShouldBe(1);
        outcome.Stderr.ShouldContain("auth.password_too_short");

        var created = await Cli.RunWithInputAsync(app.Database, dataDir, "a long enough password", "create-user", "--email", "first@example.test",
            "--name", "First Admin", "--role", "program-office");
        created.ExitCode.ShouldBe(0, created.Stderr);
        var user = await app.WithDbAsync((db, _) => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users,
            u => u.Email == "first@example.test"));
        user.Role.ShouldBe(Role.ProgramOffice);
        user.IsDemo.ShouldBeFalse();
        var signIn = await RequestToken(app, "first@example.test", "a long enough password");
        (await CodeOf(signIn)).ShouldBe("auth.two_factor_enrollment_required");
    }

    /// <summary>
    /// A code is good once, so a client keeps its session with the refresh token: a new access token, the second factor still counted,
    /// until the account's sessions are ended (or 14 days pass).
    /// </summary>
    [Fact]
    public async Task ARefreshToken_RenewsTheSession_WithoutANewCode_UntilTheSessionsEnd()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(clock: clock);
        var user = await Given.UserAsync(app, Role.Oversight);
        var issued = await RequestToken(app, user.Email, user.Password, await Totp.NextAsync(user.AuthenticatorKey!));
        var refreshToken = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("refreshToken").GetString();
        var refresh = async (string? token) => await app.Client().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token }, TestContext.Current.CancellationToken);

        clock.Advance(TimeSpan.FromHours(2));
        var renewed = await refresh(refreshToken);
        renewed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = await renewed.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var http = app.Client();
        http.DefaultRequestHeaders.Authorization = new("Bearer", tokens.GetProperty("accessToken").GetString());
        // An oversight page that needs the second factor opens: the refreshed session still carries it.
        (await http.GetAsync("/api/v1/audit/entries", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await CodeOf(await refresh("not a refresh token"))).ShouldBe("auth.refresh_invalid");

        var admin = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        (await admin.PostAsync($"/api/v1/accounts/{user.Id}/end-sessions", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var ended = await refresh(tokens.GetProperty("refreshToken").GetString());
        ended.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CodeOf(ended)).ShouldBe("auth.refresh_invalid");
    }

    [Fact]
    public async Task ARefreshToken_EndsAfterFourteenDays()
    {
        var clock = new TestClock(DateTimeOffset.UtcNow);
        await using var app = await TestApp.StartAsync(clock: clock);
        var user = await Given.UserAsync(app, Role.FieldSupervisor);
        var issued = await RequestToken(app, user.Email, user.Password, await Totp.NextAsync(user.AuthenticatorKey!));
        var refreshToken = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("refreshToken").GetString();

        clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));

        (await CodeOf(await app.Client().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, TestContext.Current.CancellationToken)))
            .ShouldBe("auth.refresh_invalid");
    }

    [Fact]
    public async Task ALockedAccount_RenewsNoSession()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var issued = await RequestToken(app, user.Email, user.Password, await Totp.NextAsync(user.AuthenticatorKey!));
        var refreshToken = (await issued.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("refreshToken").GetString();

        for (var i = 0; i < 5; i++) await RequestToken(app, user.Email, $"wrong password {i}");

        var refused = await app.Client().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken }, TestContext.Current.CancellationToken);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CodeOf(refused)).ShouldBe("auth.refresh_invalid");
    }
}
