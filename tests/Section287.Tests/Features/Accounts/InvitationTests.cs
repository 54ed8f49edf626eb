using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Officers;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Issue 21: accounts are made in the app. The program office invites and re-roles ICE and oversight users (and an agency's first
/// coordinator); a coordinator the agency's coordinators and officers, an officer's account linked to the officer's record. An
/// invitation is a one-time link that sets the password and then the second factor; a new role, like disabling, applies at the next
/// request. Everything through the real API and pages, audited.
/// </summary>
public sealed class InvitationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<AppUser> AccountAsync(TestApp app, string email) =>
        app.WithDbAsync((db, _) => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));

    private static string PathOf(JsonElement answer) => new Uri(answer.GetProperty("url").GetString()!).PathAndQuery;

    /// <summary>Posts the invitation page's form as a browser without script would, from the page it shows.</summary>
    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient http, string link, string password, string? confirm = null)
    {
        var page = await http.GetStringAsync(link, Ct);
        return await http.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Password"] = password, ["Confirm"] = confirm ?? password, ["Link"] = TwoFactorSetUpTests.LinkToken(link),
            ["__RequestVerificationToken"] = FormSignIn.Antiforgery(page),
        }), Ct);
    }

    [Fact]
    public async Task TheProgramOffice_InvitesAnOversightUser_TheEmailedLinkSetsThePassword_ThenTheSecondFactor_Once()
    {
        using var smtp = new FakeSmtpServer();
        await using var app = await TestApp.StartAsync(settings: smtp.Settings);
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        var invited = await Api.Ok(office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.inspector@oig.example.test", displayName = "Test Inspector Kappa", role = "oversight" }, Ct));
        invited.GetProperty("emailed").GetBoolean().ShouldBeTrue();
        invited.GetProperty("account").GetProperty("invited").GetBoolean().ShouldBeTrue();
        var link = PathOf(invited);
        link.ShouldStartWith("/account/invitation?link=");
        // The e-mail carries the same link on the site's address; the database only its hash.
        var mail = FakeSmtpServer.BodyOf(smtp.Messages.Single());
        mail.ShouldContain($"https://section287.example.test{link}");
        mail.ShouldContain("Oversight");
        var stored = await app.WithDbAsync((db, _) => db.AccountLinks.AsNoTracking().SingleAsync(l => l.Purpose == AccountLinkPurpose.Password));
        stored.TokenHash.ShouldBe(AccountLink.HashOf(TwoFactorSetUpTests.LinkToken(link)));
        var account = await AccountAsync(app, "test.inspector@oig.example.test");
        (account.Role, account.PasswordHash, account.EmailConfirmed).ShouldBe((Role.Oversight, null, false));
        // No password, so no sign-in: the invitation is the only way in.
        (await app.Client().PostAsJsonAsync("/api/v1/auth/token", new { email = account.Email, password = "" }, Ct)).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);

        var http = app.Client(cookies: new CookieContainer());
        var page = await http.GetStringAsync(link, Ct);
        page.ShouldContain("test.inspector@oig.example.test");
        page.ShouldContain("Next you link an authenticator app");
        // Two different passwords, then a common one: refused beside the field, and nothing is set.
        (await (await SetPasswordAsync(http, link, "a long enough password 1", "another long password 2")).Content.ReadAsStringAsync(Ct))
            .ShouldContain("The two passwords differ");
        (await (await SetPasswordAsync(http, link, "password1234")).Content.ReadAsStringAsync(Ct)).ShouldContain("field-password-error");
        (await AccountAsync(app, account.Email!)).PasswordHash.ShouldBeNull();

        var set = await SetPasswordAsync(http, link, "inspectors walk the quiet wing 21");
        set.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setUp = set.Headers.Location!.ToString();
        setUp.ShouldStartWith("/account/two-factor/set-up?link=");
        // Signed in with the password only: the set-up page and nothing else.
        (await http.GetAsync("/staff", Ct)).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        var setUpPage = await http.GetStringAsync(setUp, Ct);
        var key = TwoFactorSetUpTests.KeyOf(setUpPage).ShouldNotBeNull();
        var linked = await http.PostAsync("/account/two-factor/set-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = await Totp.NextAsync(key), ["Link"] = TwoFactorSetUpTests.LinkToken(setUp), ["__RequestVerificationToken"] = FormSignIn.Antiforgery(setUpPage),
        }), Ct);
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await http.GetAsync("/staff", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        account = await AccountAsync(app, account.Email!);
        (account.EmailConfirmed, account.TwoFactorEnabled).ShouldBe((true, true));

        // The link worked once: it opens nothing now, for anyone.
        var again = await app.Client(cookies: new CookieContainer()).GetStringAsync(link, Ct);
        again.ShouldContain("id=\"link-invalid\"");
        again.ShouldNotContain("name=\"Password\"");
        (await app.Client().PostAsJsonAsync("/api/v1/account/password", new { link = TwoFactorSetUpTests.LinkToken(link), password = "another long password 9" },
            Ct)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        // The invitation, its acceptance and the second factor, each in the audit trail under who did it.
        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Select(e => new { e.Action, e.ActorName }).ToListAsync());
        audit.ShouldContain(e => e.Action == "user.invite");
        audit.ShouldContain(e => e.Action == "user.invitation_accept" && e.ActorName == "test.inspector@oig.example.test");
        audit.ShouldContain(e => e.Action == "account.two_factor_enable");
    }

    [Fact]
    public async Task ThroughTheApi_TheLinkSetsThePassword_AndSaysWhereTheSecondFactorIsLinked()
    {
        await using var app = await TestApp.StartAsync();
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var invited = await Api.Ok(office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.supervisor.mu@ice.example.test", displayName = "Test Supervisor Mu", role = "field-supervisor", aorCode = "atl" }, Ct));
        invited.GetProperty("account").GetProperty("aor").GetString().ShouldBe("ATL");
        var token = TwoFactorSetUpTests.LinkToken(PathOf(invited));
        await Api.Refused(app.Client().PostAsJsonAsync("/api/v1/account/password", new { link = "made-up", password = "a long enough password 3" }, Ct),
            HttpStatusCode.UnprocessableEntity, "account.password_link_invalid");
        var set = await Api.Ok(app.Client().PostAsJsonAsync("/api/v1/account/password", new { link = token, password = "a long enough password 3" }, Ct));
        set.GetProperty("invited").GetBoolean().ShouldBeTrue();
        set.GetProperty("secondFactorUrl").GetString()!.ShouldContain("/account/two-factor/set-up?link=");
        // The password works; the API still asks for the second factor the role needs.
        var token401 = await app.Client().PostAsJsonAsync("/api/v1/auth/token",
            new { email = "test.supervisor.mu@ice.example.test", password = "a long enough password 3" }, Ct);
        (await token401.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe(AccountErrors.EnrollmentRequired.Code);
    }

    [Fact]
    public async Task WhoMayInviteAndReRoleWhom_TheProgramOfficeAnyone_ACoordinatorTheAgencysTwoRoles_NobodyElse()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office");
        var other = await Given.AgencyAsync(app, "Test Xi County Sheriff's Office");
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"));

        // The program office: an agency's first coordinator; the scope each role needs, said beside its field.
        var first = await Api.Ok(office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.coordinator.xi@xi.example.test", displayName = "Test Coordinator Xi", role = "agency-coordinator", agencyId = other.Id }, Ct));
        first.GetProperty("account").GetProperty("agencyId").GetGuid().ShouldBe(other.Id);
        var noAgency = await office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.officer.none@example.test", displayName = "Test Officer None", role = "designated-officer" }, Ct);
        noAgency.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noAgency.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("agencyId", out _).ShouldBeTrue();
        (await office.PostAsJsonAsync("/api/v1/accounts/", new { email = "test.sup@example.test", displayName = "Test Sup", role = "field-supervisor",
            aorCode = "ZZZ" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Api.Refused(office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "TEST.COORDINATOR.XI@xi.example.test", displayName = "Again", role = "oversight" }, Ct), HttpStatusCode.Conflict,
            "account.email_taken");

        // A coordinator: the agency's two roles, in the agency only, whatever agency is asked for.
        var officer = await Api.Ok(coordinator.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.deputy.nu@nu.example.test", displayName = "Test Deputy Nu", role = "designated-officer" }, Ct));
        officer.GetProperty("account").GetProperty("agencyId").GetGuid().ShouldBe(agency.Id);
        await Api.Refused(coordinator.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.deputy.xi@xi.example.test", displayName = "Test Deputy", role = "designated-officer", agencyId = other.Id }, Ct),
            HttpStatusCode.Forbidden, "account.role_beyond_yours");
        foreach (var role in new[] { "program-office", "oversight", "field-supervisor", "public-affairs" })
            await Api.Refused(coordinator.PostAsJsonAsync("/api/v1/accounts/", new { email = $"test.{role}@example.test", displayName = "Test X", role }, Ct),
                HttpStatusCode.Forbidden, "account.role_beyond_yours");
        await Api.Refused(supervisor.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.any@example.test", displayName = "Test Any", role = "designated-officer", agencyId = agency.Id }, Ct),
            HttpStatusCode.Forbidden, "account.manage_role");

        // Re-roling: the deputy becomes a coordinator of the agency; the change ends the account's sessions, so it applies at once.
        var deputyId = officer.GetProperty("account").GetProperty("id").GetGuid();
        var deputy = await Given.ApiClientAsync(app, await SetUpAsync(app, deputyId, officer));
        (await deputy.GetAsync("/api/v1/accounts/", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var promoted = await Api.Ok(coordinator.PutAsJsonAsync($"/api/v1/accounts/{deputyId}/role", new { role = "agency-coordinator" }, Ct));
        promoted.GetProperty("role").GetString().ShouldBe("agency-coordinator");
        (await deputy.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Api.Refused(coordinator.PutAsJsonAsync($"/api/v1/accounts/{deputyId}/role", new { role = "oversight" }, Ct), HttpStatusCode.Forbidden,
            "account.role_beyond_yours");
        (await coordinator.PutAsJsonAsync($"/api/v1/accounts/{deputyId}/role", new { role = "agency-coordinator" }, Ct)).StatusCode
            .ShouldBe(HttpStatusCode.BadRequest);
        // ICE accounts and other agencies' are not the coordinator's to see.
        var xi = first.GetProperty("account").GetProperty("id").GetGuid();
        (await coordinator.PutAsJsonAsync($"/api/v1/accounts/{xi}/role", new { role = "designated-officer" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The program office moves anyone, anywhere: the Xi coordinator becomes an ICE field supervisor of Dallas.
        var moved = await Api.Ok(office.PutAsJsonAsync($"/api/v1/accounts/{xi}/role", new { role = "field-supervisor", aorCode = "DAL" }, Ct));
        (moved.GetProperty("role").GetString(), moved.GetProperty("aor").GetString(), moved.GetProperty("agencyId").ValueKind)
            .ShouldBe(("field-supervisor", "DAL", JsonValueKind.Null));
        var audit = await app.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().Where(e => e.Action == "user.role_change" && e.EntityType == "AppUser")
            .Select(e => e.EntityId).ToListAsync());
        audit.ShouldBe([deputyId.ToString(), xi.ToString()], ignoreOrder: true);
    }

    /// <summary>Sets the invited account's password and authenticator directly through its link, as its owner would on the pages.</summary>
    private static async Task<TestUser> SetUpAsync(TestApp app, Guid id, JsonElement invitation)
    {
        const string password = "a long enough password 7";
        var set = await Api.Ok(app.Client().PostAsJsonAsync("/api/v1/account/password",
            new { link = TwoFactorSetUpTests.LinkToken(PathOf(invitation)), password }, Ct));
        var http = app.Client(cookies: new CookieContainer());
        var signedIn = await FormSignIn.PostAsync(http, invitation.GetProperty("account").GetProperty("email").GetString()!, password);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var setUp = new Uri(set.GetProperty("secondFactorUrl").GetString()!).PathAndQuery;
        var page = await http.GetStringAsync(setUp, Ct);
        var key = TwoFactorSetUpTests.KeyOf(page)!;
        (await http.PostAsync("/account/two-factor/set-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = await Totp.NextAsync(key), ["Link"] = TwoFactorSetUpTests.LinkToken(setUp), ["__RequestVerificationToken"] = FormSignIn.Antiforgery(page),
        }), Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var account = await app.WithDbAsync((db, _) => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        return new TestUser(id, account.Email!, password, account.Role, key);
    }

    [Fact]
    public async Task InvitingTheOfficerFromTheRecord_LinksTheNewAccount_OrDoesNothingAtAll()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Pi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, Section287.Features.Agreements.AgreementModel.Jail);
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, DateTime.UtcNow.AddDays(-30), agreement);
        var taken = await Given.UserAsync(app, Role.Oversight);

        // An address already in use: refused, and neither an account nor a link is left behind.
        await Api.Refused(coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/account/invitation", new { email = taken.Email }, Ct),
            HttpStatusCode.Conflict, "account.email_taken");
        (await app.WithDbAsync((db, _) => db.Officers.IgnoreQueryFilters().SingleAsync(o => o.Id == officerId))).UserId.ShouldBeNull();

        var invited = await Api.Ok(coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/account/invitation",
            new { email = "test.officer.pi@pi.example.test" }, Ct));
        var account = await AccountAsync(app, "test.officer.pi@pi.example.test");
        var officer = await app.WithDbAsync((db, _) => db.Officers.IgnoreQueryFilters().SingleAsync(o => o.Id == officerId));
        (account.Role, account.AgencyId, account.DisplayName, officer.UserId).ShouldBe((Role.DesignatedOfficer, agency.Id, officer.FullName, account.Id));
        invited.GetProperty("officer").GetProperty("hasAccount").GetBoolean().ShouldBeTrue();
        PathOf(invited).ShouldStartWith("/account/invitation?link=");
        await Api.Refused(coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/account/invitation", new { email = "test.other@pi.example.test" }, Ct),
            HttpStatusCode.UnprocessableEntity, "officer.account_linked_already");
        // The linked account keeps its role until the record is unlinked.
        await Api.Refused(coordinator.PutAsJsonAsync($"/api/v1/accounts/{account.Id}/role", new { role = "agency-coordinator" }, Ct),
            HttpStatusCode.UnprocessableEntity, "account.linked_to_officer");
        await Api.Ok(coordinator.PutAsJsonAsync($"/api/v1/officers/{officerId}/account", new { email = "" }, Ct));
        await Api.Ok(coordinator.PutAsJsonAsync($"/api/v1/accounts/{account.Id}/role", new { role = "agency-coordinator" }, Ct));
        // The program office does not invite from an officer's record: that is the agency's.
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        (await office.PostAsJsonAsync($"/api/v1/officers/{officerId}/account/invitation", new { email = "test.x@pi.example.test" }, Ct)).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task APasswordLink_ExpiresAfterThreeDays_ANewerOneReplacesIt_DisablingEndsIt_AndAForgottenPasswordIsReplaced()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var first = await Api.Ok(office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.affairs@ice.example.test", displayName = "Test Affairs Rho", role = "public-affairs" }, Ct));
        var id = first.GetProperty("account").GetProperty("id").GetGuid();
        var again = await Api.Ok(office.PostAsync($"/api/v1/accounts/{id}/password-link", null, Ct));
        var http = app.Client(cookies: new CookieContainer());
        (await http.GetStringAsync(PathOf(first), Ct)).ShouldContain("id=\"link-invalid\"");
        (await http.GetStringAsync(PathOf(again), Ct)).ShouldContain("name=\"Password\"");
        clock.Advance(AccountLink.Lifetime + TimeSpan.FromMinutes(1));
        (await http.GetStringAsync(PathOf(again), Ct)).ShouldContain("id=\"link-invalid\"");

        await Given.RenewAsync(app, office);
        var fresh = await Api.Ok(office.PostAsync($"/api/v1/accounts/{id}/password-link", null, Ct));
        await Api.Ok(office.PostAsJsonAsync($"/api/v1/accounts/{id}/disable", new { reason = "Left public affairs" }, Ct));
        (await http.GetStringAsync(PathOf(fresh), Ct)).ShouldContain("id=\"link-invalid\"");
        await Api.Refused(office.PostAsync($"/api/v1/accounts/{id}/password-link", null, Ct), HttpStatusCode.UnprocessableEntity, "account.link_disabled");

        // A forgotten password: an existing account with its second factor gets a link; the new password ends every session, and the
        // person signs in with it and the authenticator (the link never signs them in past the second factor).
        var user = await Given.UserAsync(app, Role.Oversight);
        var session = await Given.ApiClientAsync(app, user);
        var forgot = await Api.Ok(office.PostAsync($"/api/v1/accounts/{user.Id}/password-link", null, Ct));
        forgot.GetProperty("account").GetProperty("invited").GetBoolean().ShouldBeFalse();
        (await session.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var set = await SetPasswordAsync(app.Client(cookies: new CookieContainer()), PathOf(forgot), "a brand new long password 5");
        set.Headers.Location!.ToString().ShouldBe("/account/sign-in?set=true");
        (await session.GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Given.ApiClientAsync(app, user with { Password = "a brand new long password 5" });
        (await app.WithDbAsync((db, _) => db.AuditEntries.AsNoTracking().AnyAsync(e => e.Action == "user.password_set" && e.ActorName == user.Email)))
            .ShouldBeTrue();
    }

    [Fact]
    public async Task TheSameAddressInvitedEightTimesAtOnce_MakesOneAccount_AndTheOthersGet409_NeverA500()
    {
        await using var app = await TestApp.StartAsync();
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => office.PostAsJsonAsync("/api/v1/accounts/",
            new { email = "test.race@oig.example.test", displayName = $"Test Race {i}", role = "oversight" }, Ct)));
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Conflict);
        (await app.WithDbAsync((db, _) => db.Users.CountAsync(u => u.Email == "test.race@oig.example.test"))).ShouldBe(1);
        (await app.WithDbAsync((db, _) => db.AccountLinks.CountAsync(l => l.Purpose == AccountLinkPurpose.Password))).ShouldBe(1);
    }
}
