using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 14, item 1, as people do it without script: the program office finds an officer's account and disables it with a reason
/// (refused first without one); the officer's open page sends them to sign in at their next click; the officer, enabled again,
/// changes their own password, and their other browser is signed out. axe-core on every page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AccountsBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheProgramOffice_DisablesAnAccount_ItsSessionEnds_AndTheOfficerChangesTheirPassword()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office");
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        var officer = await WithoutScriptAsync(app);
        await SignInAsync(officer, officerUser);

        await Press(office, "a:has-text('Open accounts')");
        await CheckAxeAsync(app, office);
        await office.SelectOptionAsync("#field-role", "designated-officer");
        await Press(office, "button:has-text('Show')");
        (await Text(office, "#accounts")).ShouldContain(officerUser.Email);
        await Press(office, $"#accounts tr:has-text('{officerUser.Email}') a");
        await Press(office, "button:has-text('Disable the account')");
        (await Text(office, "#field-reason-error")).ShouldContain("Say why");
        await CheckAxeAsync(app, office);
        await office.FillAsync("#field-reason", "Left the sheriff's office on 2026-11-30");
        await Press(office, "button:has-text('Disable the account')");
        (await Text(office, "#account-state")).ShouldContain("disabled");
        (await Text(office, "#account-state")).ShouldContain("Left the sheriff's office");

        await officer.GotoAsync("/staff/encounters");
        officer.Url.ShouldContain("/account/sign-in");

        await Press(office, "button:has-text('Enable the account')");
        (await Text(office, "#account-state")).ShouldBe("active");
        await SignInAsync(officer, officerUser);
        var other = await WithoutScriptAsync(app);
        await SignInAsync(other, officerUser);
        await officer.GotoAsync("/account/password");
        await CheckAxeAsync(app, officer);
        await officer.FillAsync("#field-currentpassword", "not my password at all");
        await officer.FillAsync("#field-newpassword", "a brand new long password");
        await Press(officer, "button:has-text('Change the password')");
        (await Text(officer, "#field-currentpassword-error")).ShouldContain("current password");
        await officer.FillAsync("#field-currentpassword", officerUser.Password);
        await officer.FillAsync("#field-newpassword", "a brand new long password");
        await Press(officer, "button:has-text('Change the password')");
        (await Text(officer, "main")).ShouldContain("Your password is changed");
        await officer.GotoAsync("/staff");
        officer.Url.ShouldEndWith("/staff");
        await other.GotoAsync("/staff");
        other.Url.ShouldContain("/account/sign-in");
    }

    /// <summary>
    /// Issue 14, item 7, without script: an officer whose phone is new gets a one-time link from the program office, shown once on the
    /// account's page, and links the app with it; the password alone showed no key.
    /// </summary>
    [Fact]
    public async Task TheProgramOffice_SendsASetUpLink_AndTheOfficerLinksTheirAppWithIt()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Upsilon County Sheriff's Office");
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id, linkAuthenticator: false);
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        var officer = await WithoutScriptAsync(app);
        await officer.GotoAsync("/account/sign-in");
        await officer.FillAsync("#field-email", officerUser.Email);
        await officer.FillAsync("#field-password", officerUser.Password);
        await Press(officer, "button:has-text('Sign in')");
        officer.Url.ShouldContain("/account/two-factor/set-up");
        (await officer.Locator("#authenticator-key").CountAsync()).ShouldBe(0);
        await CheckAxeAsync(app, officer);

        await office.GotoAsync($"/staff/accounts/{officerUser.Id}");
        await Press(office, "button:has-text('Send a set-up link for two-factor sign-in')");
        var link = new Uri(await Text(office, "#set-up-link-url")).PathAndQuery;
        (await Text(office, "#set-up-link")).ShouldContain("hand it to its owner yourself");
        // The page that shows the link still offers the account's agency for a change of role.
        (await office.Locator("#field-agencyid option").AllInnerTextsAsync()).ShouldContain("ZZ: Test Upsilon County Sheriff's Office");
        await CheckAxeAsync(app, office);

        // Issuing the link ended the password-only session: the officer signs in from the link and lands on it.
        await officer.GotoAsync(link);
        officer.Url.ShouldContain("/account/sign-in");
        await officer.FillAsync("#field-email", officerUser.Email);
        await officer.FillAsync("#field-password", officerUser.Password);
        await Press(officer, "button:has-text('Sign in')");
        // No axe run here: it reopens the page, and every visit makes a new key (StaffBrowserTests checks this page with axe).
        var key = (await Text(officer, "#authenticator-key")).Replace(" ", "");
        await officer.FillAsync("#field-code", await Totp.NextAsync(key));
        await Press(officer, "button:has-text('Turn on two-factor sign-in')");
        officer.Url.ShouldEndWith("/staff");
        await office.GotoAsync($"/staff/accounts/{officerUser.Id}");
        (await Text(office, "#account")).ShouldContain("set up");
        (await office.Locator("button:has-text('Replace the second factor')").CountAsync()).ShouldBe(1);
    }

    /// <summary>
    /// Issue 21, without script: the program office invites an ICE field supervisor from the accounts list; the invitee opens the link in
    /// their own browser, sets a password (refused first with two that differ), links the authenticator and is at work. A coordinator
    /// invites an officer from the officer's record, then makes a deputy a coordinator from the account's page. axe-core on every page.
    /// </summary>
    [Fact]
    public async Task AnInvitation_FromTheListToWork_AndACoordinatorInvitesFromTheRecordAndReRoles()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, Section287.Features.Agreements.AgreementModel.Jail);
        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync("/staff/accounts");
        await Press(office, "#invite");
        await CheckAxeAsync(app, office);
        await office.FillAsync("#field-email", "test.supervisor.psi@ice.example.test");
        await office.FillAsync("#field-displayname", "Test Supervisor Psi");
        await office.SelectOptionAsync("#field-role", "field-supervisor");
        await Press(office, "button:has-text('Send the invitation')");
        (await Text(office, "#field-aorcode-error")).ShouldContain("area of responsibility");
        await CheckAxeAsync(app, office);
        await office.SelectOptionAsync("#field-aorcode", "ATL");
        await Press(office, "button:has-text('Send the invitation')");
        (await Text(office, "#invitation-link")).ShouldContain("hand it to its owner yourself");
        var link = new Uri(await Text(office, "#invitation-link-url")).PathAndQuery;
        await CheckAxeAsync(app, office);

        var invitee = await WithoutScriptAsync(app);
        await invitee.GotoAsync(link);
        (await Text(invitee, "#invited-email")).ShouldBe("test.supervisor.psi@ice.example.test");
        await CheckAxeAsync(app, invitee);
        await invitee.FillAsync("#field-password", "the field office at dawn 2026");
        await invitee.FillAsync("#field-confirm", "the field office at dusk 2026");
        await Press(invitee, "button:has-text('Set the password and continue')");
        (await Text(invitee, "#field-confirm-error")).ShouldContain("The two passwords differ");
        await CheckAxeAsync(app, invitee);
        await invitee.FillAsync("#field-password", "the field office at dawn 2026");
        await invitee.FillAsync("#field-confirm", "the field office at dawn 2026");
        await Press(invitee, "button:has-text('Set the password and continue')");
        invitee.Url.ShouldContain("/account/two-factor/set-up?link=");
        var key = (await Text(invitee, "#authenticator-key")).Replace(" ", "");
        await invitee.FillAsync("#field-code", await Totp.NextAsync(key));
        await Press(invitee, "button:has-text('Turn on two-factor sign-in')");
        invitee.Url.ShouldEndWith("/staff");
        await office.GotoAsync("/staff/accounts?q=psi");
        (await Text(office, "#accounts")).ShouldContain("Test Supervisor Psi");
        (await Text(office, "#accounts")).ShouldNotContain("invited");

        // The coordinator: the officer's record invites the officer; a deputy's account is made a coordinator from its page.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, DateTime.UtcNow.AddDays(-30), agreement);
        await coordinator.GotoAsync($"/staff/officers/{officerId}");
        await coordinator.ClickAsync("summary:has-text('Invite the officer to Section287')");
        await coordinator.FillAsync("#field-inviteemail", "test.officer.psi@psi.example.test");
        await Press(coordinator, "button:has-text('Send the invitation')");
        (await Text(coordinator, "#invitation-link")).ShouldContain("test.officer.psi@psi.example.test");
        (await Text(coordinator, "main")).ShouldContain("linked: the officer sees this status");
        await CheckAxeAsync(app, coordinator);
        var deputy = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await coordinator.GotoAsync($"/staff/accounts/{deputy.Id}");
        await CheckAxeAsync(app, coordinator);
        await coordinator.SelectOptionAsync("#field-role", "agency-coordinator");
        await Press(coordinator, "button:has-text('Give the account this role')");
        (await Text(coordinator, "main")).ShouldContain("The account has its new role");
        (await Text(coordinator, "#account")).ShouldContain("Agency coordinator");
        // Only the agency's two roles are offered to a coordinator.
        (await coordinator.Locator("#field-role option").AllInnerTextsAsync()).ShouldBe(["Agency coordinator", "Designated officer"]);
    }
}
