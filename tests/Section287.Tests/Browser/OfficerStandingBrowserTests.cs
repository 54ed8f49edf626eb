using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// The officer page's standing forms, without script and with axe-core after each refusal: each form binds the API's own input
/// record under its prefix, so a refused form shows what was typed back with the message beside its field, and an accepted one
/// changes the officer's authority. ICE suspends, lifts and revokes, and records its notice of the revocation; the officer leaves the program.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OfficerStandingBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheStandingForms_BindTheirRecords_RefuseWithTheTextKept_AndChangeAuthority()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Upsilon County Sheriff's Office");
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, clock.GetUtcNow().UtcDateTime.AddDays(-30), taskForce);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var page = $"/staff/officers/{officerId}";

        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync(page);
        (await Text(coordinator, "#authority-tfm")).ShouldContain("may exercise");

        // ICE: a suspension needs a reason; given one, authority stops until it is lifted; then the authorization is revoked.
        var ice = await WithoutScriptAsync(app);
        await SignInAsync(ice, supervisorUser);
        await ice.GotoAsync(page);
        await Open(ice, "Suspend");
        await ice.Locator("textarea[id^='field-suspendreason-']").FillAsync("Under review after a use-of-force report");
        await Press(ice, "button:has-text('Suspend now')");
        (await ice.Locator("#authority-tfm [data-rule='authority.authorization_suspended']").CountAsync()).ShouldBe(1, "the reason is listed in plain words");
        (await Text(ice, "#authority-tfm")).ShouldNotMatch(@"authority\.[a-z_]+");
        await Press(ice, "button:has-text('Lift the suspension')");
        (await Text(ice, "#authority-tfm")).ShouldContain("may exercise");
        await Open(ice, "Revoke");
        await ice.Locator("textarea[id^='field-revokereason-']").FillAsync("Conduct inconsistent with the agreement");
        await Press(ice, "button:has-text('Revoke the authorization')");
        (await ice.Locator("#authority-tfm [data-rule='authority.authorization_revoked']").CountAsync()).ShouldBe(1, "the reason is listed in plain words");
        (await Text(ice, "#authority-tfm")).ShouldNotMatch(@"authority\.[a-z_]+");
        await CheckAxeAsync(app, ice);

        // ICE records its notice of the revocation to the agency; then the officer leaves: kind is required, the details are kept.
        await ice.FillAsync("#field-note", "Letter handed to the sheriff on 2026-12-01");
        await Press(ice, "button:has-text('Notice given')");
        (await Text(ice, "main")).ShouldContain("The notice was recorded.");
        await coordinator.GotoAsync(page);
        await Open(coordinator, "The officer leaves the program");
        await coordinator.FillAsync("#field-separationreason", "Retired from the sheriff's office");
        await Press(coordinator, "button:has-text('Record the separation')");
        (await Text(coordinator, "#field-kind-error")).ShouldContain("left or reassigned");
        (await coordinator.InputValueAsync("#field-separationreason")).ShouldBe("Retired from the sheriff's office");
        await CheckAxeAsync(app, coordinator);
        await Choose(coordinator, "kind-left");
        await Press(coordinator, "button:has-text('Record the separation')");
        (await Text(coordinator, "main")).ShouldContain("The officer has left the program");
    }
}
