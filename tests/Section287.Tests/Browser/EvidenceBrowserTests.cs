using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>
/// Issue 16's evidence walk, without script and with axe-core: the program office imports a stop file through the page (a
/// refused file first, then the real one), reads the three tests with their caveats, the charts' tables and the decision log; an
/// officer is refused the page.
/// </summary>
[Trait("Category", "Browser")]
public sealed class EvidenceBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task TheProgramOfficeImportsStops_AndReadsTheTestsWithWhatEachCannotShow()
    {
        await using var app = await TestApp.StartAsync();
        var officeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var agency = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office");
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(broken, "date,subject_race,type\n2014-01-01,white,vehicular\n2014-01-02,black\n", TestContext.Current.CancellationToken);

        var office = await WithoutScriptAsync(app);
        await SignInAsync(office, officeUser);
        await office.GotoAsync("/staff");
        await Press(office, "a:has-text('Open evidence')");
        (await Text(office, "main")).ShouldContain("No stop data yet");
        await CheckAxeAsync(app, office);

        async Task Fill()
        {
            await office.FillAsync("#field-name", "Owensboro, KY (OPP release 2020-04-01)");
            await office.FillAsync("#field-city", "Owensboro");
            await office.FillAsync("#field-state", "KY");
            await office.FillAsync("#field-lat", "37.7719074");
            await office.FillAsync("#field-lng", "-87.1111676");
            await office.FillAsync("#field-zone", "America/Chicago");
            await office.FillAsync("#field-benchmark", "Daviess County, Kentucky");
        }
        await Fill();
        await office.SetInputFilesAsync("#field-file", broken);
        await Press(office, "button:has-text('Import')");
        (await Text(office, "#error-summary")).ShouldContain("nothing was written");
        (await Text(office, "#error-summary")).ShouldContain("line 3");
        await CheckAxeAsync(app, office);

        await Fill();
        await office.SetInputFilesAsync("#field-file", Path.Combine(Repo.SharedData, "stops", "ky_owensboro_opp_2020_04_01.csv"));
        await Press(office, "button:has-text('Import')");
        (await Text(office, "h1")).ShouldBe("Owensboro, KY (OPP release 2020-04-01)");
        (await Text(office, "#benchmark-table")).ShouldContain("2.7167");
        (await Text(office, "main")).ShouldContain("What it cannot show");
        (await Text(office, "#outcome + p + p")).ShouldContain("The data record no searches or no contraband");
        (await Text(office, "main")).ShouldContain("OPP would not run this test");
        (await Text(office, "#vod-models-before")).ShouldContain("0.6642");
        (await Text(office, "#decision-log")).ShouldContain("remove geography-years with fewer than 100 stops per race");
        (await office.Locator("svg[role='img'] title").First.TextContentAsync())!.ShouldContain("Stop share over residential share");
        await CheckAxeAsync(app, office);
        await office.SetViewportSizeAsync(768, 1024);
        await CheckAxeAsync(app, office);

        // The tests on the product's own encounters: a level picked with a plain GET form.
        await office.GotoAsync("/staff/evidence");
        await Press(office, "a:has-text('tests on our own encounters')");
        await office.SelectOptionAsync("#field-level", "model");
        await office.FillAsync("#field-subject", "JEM");
        await Press(office, "button:has-text('Show')");
        (await Text(office, "#jail-questioning + p")).ShouldContain("questioned about their immigration status");
        (await Text(office, "main")).ShouldContain("No people booked and encountered under a jail agreement in this period.");
        (await Text(office, "#stop-tests + p")).ShouldContain("computed at each agency's centre");
        (await Text(office, "#no-stops")).ShouldContain("No task force stops in this scope and period.");
        await CheckAxeAsync(app, office);

        var officer = await WithoutScriptAsync(app);
        await SignInAsync(officer, officerUser);
        var response = await officer.GotoAsync("/staff/evidence");
        response!.Status.ShouldBe(403);
        (await Text(officer, "main")).ShouldContain("designated officers do not read them");
    }
}
