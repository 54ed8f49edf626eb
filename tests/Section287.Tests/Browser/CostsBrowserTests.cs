using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Costs;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 19's costs walk, without script and with axe-core: a task force agency's coordinator opens a quarter from the agreement's
/// page, enters three officers' hours and pay and sends it; ICE's program office approves it, is stopped from paying what it approved,
/// and a second person pays; the agency page shows the costs; once released, the public reads them in Spanish. Desktop and tablet.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CostsBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheAgencyEntersAndSendsAQuarter_IceApprovesAndASecondPersonPays_AndThePublicReadsIt()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        for (var i = 0; i < 3; i++) await GivenOfficers.AuthorizedAsync(app, agency, DateTime.UtcNow.AddDays(-400), agreement);
        var quarter = CostQuarter.Of(DateOnly.FromDateTime(DateTime.UtcNow)).Previous;

        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        await coordinator.GotoAsync($"/staff/agreements/{agreement.Id}?lang=en");
        (await Text(coordinator, "#no-costs")).ShouldContain("Open the first one below");
        await coordinator.FillAsync("#field-quarter", quarter.Code);
        await Press(coordinator, "button:has-text('Open the quarter')");
        (await Text(coordinator, "h1")).ShouldContain($"Costs of {quarter.Code}");
        (await Text(coordinator, "#claim-rules")).ShouldContain("reimbursement claim");
        for (var i = 0; i < 3; i++)
        {
            await coordinator.FillAsync($"#hours-{i}", "260");
            await coordinator.FillAsync($"#salary-{i}", "52000");
            await coordinator.FillAsync($"#benefits-{i}", "13000");
            await coordinator.FillAsync($"#overtime-{i}", "1000");
        }
        await coordinator.FillAsync("#field-trainingcost", "1200");
        await coordinator.FillAsync("#field-leadsprovided", "10");
        await coordinator.FillAsync("#field-leadslocated", "12");
        await Press(coordinator, "button:has-text('Save the quarter')");
        (await Text(coordinator, "#error-summary")).ShouldContain("cannot be more than those ICE asked");
        (await coordinator.InputValueAsync("#hours-0")).ShouldBe("260", "a refused form keeps what was typed");
        await CheckAxeAsync(app, coordinator);
        await coordinator.FillAsync("#field-leadslocated", "9");
        await Press(coordinator, "button:has-text('Save the quarter')");
        (await Text(coordinator, "#done")).ShouldContain("saved");
        // Half a year's hours of a 2,080-hour year on 65,000 of pay, three officers, plus overtime and training.
        (await Text(coordinator, "#gross-cost")).ShouldStartWith("$28,575.00");
        // Claimed: a quarter of each one's pay, the overtime, and $1,000 each for locating 9 of 10 (90%).
        (await Text(coordinator, "#claim-total")).ShouldStartWith("$54,750.00");
        await CheckAxeAsync(app, coordinator);
        await coordinator.SetViewportSizeAsync(768, 1024);
        await CheckAxeAsync(app, coordinator);
        await Press(coordinator, "#submit-quarter");
        (await Text(coordinator, "#quarter-status")).ShouldContain("Sent to ICE");
        var costsUrl = coordinator.Url.Split('?')[0];

        var reviewer = await WithoutScriptAsync(app);
        await SignInAsync(reviewer, await Given.UserAsync(app, Role.ProgramOffice));
        await reviewer.GotoAsync($"{costsUrl}?lang=en");
        await Press(reviewer, "button:has-text('Approve the claim')");
        (await Text(reviewer, "#quarter-status")).ShouldContain("Approved by ICE");
        (await Text(reviewer, "#four-eyes")).ShouldContain("a second person");
        await reviewer.FillAsync("#field-payreference", "TRS-2026-1");
        await Press(reviewer, "button:has-text('Record the payment')");
        (await Text(reviewer, "#error-summary")).ShouldContain("The person who approved a claim does not record its payment");
        await CheckAxeAsync(app, reviewer);

        var payer = await WithoutScriptAsync(app);
        await SignInAsync(payer, await Given.UserAsync(app, Role.ProgramOffice));
        await payer.GotoAsync($"{costsUrl}?lang=en");
        await payer.FillAsync("#field-payreference", "TRS-2026-1");
        await Press(payer, "button:has-text('Record the payment')");
        (await Text(payer, "#paid-amount")).ShouldContain("$54,750.00");
        await payer.GotoAsync($"/staff/agencies/{agency.Id}?lang=en");
        (await Text(payer, "#costs-net")).ShouldContain("26,175.00", Case.Sensitive, "ICE paid more than the hours in 287(g) duties cost");

        await GivenReleases.ApprovedAsync(app, CostMeasures.ReleaseKind);
        var reader = await WithoutScriptAsync(app);
        await reader.GotoAsync("/figures?lang=es");
        await Press(reader, "#figures-costs");
        (await Text(reader, "h1")).ShouldBe("Costos de los acuerdos");
        (await Text(reader, "#costs-table")).ShouldContain("Test Phi County Sheriff's Office");
        await CheckAxeAsync(app, reader);
        await reader.SetViewportSizeAsync(768, 1024);
        await CheckAxeAsync(app, reader);
        await reader.GotoAsync($"/registry/agencies/{agency.Id}?lang=es");
        (await Text(reader, "#agency-costs")).ShouldContain("ICE pagó $54,750");
        await CheckAxeAsync(app, reader);
    }
}
