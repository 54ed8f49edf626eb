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
}
