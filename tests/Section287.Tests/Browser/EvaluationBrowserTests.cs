using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 19's evaluation walk, without script and with axe-core: oversight reads the evaluation on a simulated panel whose effect
/// is known, the program office asks to release it and both offices approve, and the public reads it from the figures page,
/// chooses property crime without the flagged counties through the form, and reads it in Spanish; at desktop and tablet widths.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EvaluationBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task OversightReadsIt_TheOfficesReleaseIt_AndThePublicChoosesWhatToSee()
    {
        await using var app = await TestApp.StartAsync();
        await GivenCrimePanel.SimulatedAsync(app);

        var oversight = await WithoutScriptAsync(app);
        await SignInAsync(oversight, await Given.UserAsync(app, Role.Oversight));
        await oversight.GotoAsync("/staff?lang=en");
        await Press(oversight, "a:has-text('Open the evaluation')");
        (await Text(oversight, "#eval-headline")).ShouldContain("In the 20 counties whose first agreement began between 2015 and 2015, violent crime");
        (await Text(oversight, "#eval-release")).ShouldContain("The public does not see this evaluation yet");
        (await oversight.Locator("svg.s287-estimates circle").CountAsync()).ShouldBe(15);
        await CheckAxeAsync(app, oversight);
        await oversight.SetViewportSizeAsync(768, 1024);
        await CheckAxeAsync(app, oversight);

        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, await Given.UserAsync(app, Role.ProgramOffice));
        await office.GotoAsync("/staff/releases?lang=en");
        await office.SelectOptionAsync("#kind", "crime-evaluation");
        await office.FillAsync("#reason", "The county board asked whether crime changed after the agreement.");
        await Press(office, "button:has-text('Ask for the release')");
        foreach (var role in new[] { Role.PublicAffairs, Role.PrivacyOffice })
        {
            var approver = await WithoutScriptAsync(app);
            await SignInAsync(approver, await Given.UserAsync(app, role));
            await approver.GotoAsync("/staff/releases?lang=en");
            await Press(approver, "button:has-text('Approve publishing Crime evaluation')");
            (await Text(approver, "main")).ShouldContain("Your office's approval is recorded.");
        }

        var reader = await WithoutScriptAsync(app);
        await reader.GotoAsync("/figures?lang=en");
        await Press(reader, "#figures-evaluation");
        (await Text(reader, "#eval-headline")).ShouldContain("lower after the agreement began");
        (await Text(reader, "#eval-limits")).ShouldContain("crimes known to police");
        await CheckAxeAsync(app, reader);

        await reader.SelectOptionAsync("#eval-outcome", "property");
        await reader.SelectOptionAsync("#eval-counties", "unflagged");
        await Press(reader, "button:has-text('Show')");
        reader.Url.ShouldContain("outcome=property");
        (await Text(reader, "#eval-headline")).ShouldContain("property crime");
        (await Text(reader, "#eval-design")).ShouldContain("Counties whose series look broken (flagged)");

        await reader.GotoAsync("/figures/evaluation?lang=es");
        (await Text(reader, "h1")).ShouldBe("¿Cambió la delincuencia donde comenzaron los acuerdos?");
        (await Text(reader, "#eval-headline")).ShouldContain("En los 20 condados");
        await CheckAxeAsync(app, reader);
        await reader.SetViewportSizeAsync(768, 1024);
        await CheckAxeAsync(app, reader);
    }
}
