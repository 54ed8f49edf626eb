using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Tests.Browser;

/// <summary>
/// An officer's way to authority and out of it, as the users find it in a real browser, with a clock the test moves:
/// the coordinator nominates (without script), ICE vets, schedules a class and records the exams, the field office
/// signs the authorization, and two years later the refresher lapses and authority is withdrawn with the reason,
/// without anyone acting. Every page on the way passes axe-core.
/// </summary>
[Trait("Category", "Browser")]
public sealed class OfficerBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    [Fact]
    public async Task NominateVetTrainCertifyAuthorize_ThenTheRefresherLapsesAndAuthorityIsWithdrawnWithTheReason()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var programOfficeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);

        // The coordinator nominates, without script; an ineligible nomination is refused beside its field.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync($"/staff/agencies/{agency.Id}/officers");
        await CheckAxeAsync(app, coordinator);
        await Press(coordinator, "a:has-text('Nominate officers under the JEM agreement')");
        await CheckAxeAsync(app, coordinator);
        await coordinator.FillAsync("#field-fullname", "Test Officer Omicron");
        await coordinator.FillAsync("#field-badgenumber", "C-4521");
        await coordinator.FillAsync("#field-rank", "Detention Deputy");
        await coordinator.FillAsync("#field-hiredon", "2017-08-14");
        await coordinator.FillAsync("#field-experienceyears", "9");
        await Choose(coordinator, "check-citizen");
        await Choose(coordinator, "record-no");
        await Press(coordinator, "button:has-text('Nominate')");
        (await Text(coordinator, "#field-detentiontrained-error")).ShouldContain("detention facility secure");
        (await coordinator.Locator("#error-summary").CountAsync()).ShouldBe(1);
        await CheckAxeAsync(app, coordinator);
        await Choose(coordinator, "check-detention");
        await Press(coordinator, "button:has-text('Nominate')");
        coordinator.Url.ShouldContain("done=nominated");
        var officerId = Guid.Parse(Regex.Match(coordinator.Url, "officers/([0-9a-f-]{36})").Groups[1].Value);
        (await Text(coordinator, "#stage-jem")).ShouldBe("nominated, not yet vetted");
        (await Text(coordinator, "#authority-jem")).ShouldContain("may not exercise");
        await CheckAxeAsync(app, coordinator);
        // A roster file with a bad row is refused whole, with a report naming the row, and nothing is imported.
        await coordinator.GotoAsync($"/staff/agreements/{agreement.Id}/nominate");
        await coordinator.SetInputFilesAsync("#field-file", new FilePayload
        {
            Name = "roster.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("full_name,badge_number,rank,hired_on,experience_years,us_citizen,detention_trained,disciplinary_record\n"
                + "Test Officer Pi,C-5001,Deputy,2019-02-01,7,yes,yes,no\nTest Officer Tau,C-5002,Deputy,2019-02-01,7,no,yes,no\n"),
        });
        await Press(coordinator, "button:has-text('Import the roster')");
        (await Text(coordinator, "#import-report")).ShouldContain("line 3");
        (await Text(coordinator, "#import-report")).ShouldContain("United States citizen");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/officers/{officerId}");
        await Open(coordinator, "Link the officer");
        await coordinator.FillAsync("#field-email", officerUser.Email);
        await Press(coordinator, "button:has-text('Link')");
        coordinator.Url.ShouldContain("done=linked");

        // ICE's field office vets the nominee.
        var supervisor = await Chromium.PageAsync(app);
        await SignInAsync(supervisor, supervisorUser);
        await supervisor.GotoAsync($"/staff/officers/{officerId}");
        await Open(supervisor, "Background investigation");
        await Choose(supervisor, "bg-JEM-requested");
        await Press(supervisor, "button:has-text('Record')");
        (await Text(supervisor, "#stage-jem")).ShouldBe("background investigation under way");
        await Open(supervisor, "Background investigation");
        await Choose(supervisor, "bg-JEM-favorable");
        await Press(supervisor, "button:has-text('Record')");
        (await Text(supervisor, "#stage-jem")).ShouldBe("cleared for training");
        await CheckAxeAsync(app, supervisor);

        // The program office schedules the jail model's basic course.
        var programOffice = await Chromium.PageAsync(app);
        await SignInAsync(programOffice, programOfficeUser);
        await programOffice.GotoAsync("/staff/training");
        await CheckAxeAsync(app, programOffice);
        await programOffice.SelectOptionAsync("#field-courseid", new SelectOptionValue { Label = "Jail Enforcement Model basic training" });
        await programOffice.FillAsync("#field-startson", "2026-12-01");
        await programOffice.FillAsync("#field-endson", "2026-12-28");
        await Choose(programOffice, "delivery-in-person");
        await programOffice.FillAsync("#field-location", "ICE Academy, Charleston");
        await programOffice.FillAsync("#field-capacity", "24");
        await programOffice.FillAsync("#field-instructor", "Test Instructor Rho");
        await Press(programOffice, "button:has-text('Schedule')");
        var classUrl = programOffice.Url;
        classUrl.ShouldContain("/staff/training/classes/");
        await CheckAxeAsync(app, programOffice);
        await programOffice.GotoAsync("/staff/training");
        await Press(programOffice, "a:has-text('Jail Enforcement Model refresher')");
        (await programOffice.InputValueAsync("#field-refreshermonths")).ShouldBe("24");
        await CheckAxeAsync(app, programOffice);

        // The coordinator enrolls the cleared officer.
        await coordinator.GotoAsync(classUrl);
        await coordinator.SelectOptionAsync("#field-officerid", new SelectOptionValue { Label = $"Test Officer Omicron, badge C-4521 — {agency.Name}" });
        await Press(coordinator, "button:has-text('Enroll')");
        (await Text(coordinator, "#seats")).ShouldBe("1 of 24 seats taken");
        await CheckAxeAsync(app, coordinator);

        // The field office records the hours and the exams: one failure, made up, as the jail model allows.
        await supervisor.GotoAsync(classUrl);
        async Task Exam(string title, string score)
        {
            await Open(supervisor, "Record an exam score");
            await supervisor.Locator("select[name='Exam']").SelectOptionAsync(new SelectOptionValue { Label = title });
            await supervisor.Locator("input[name='Score']").FillAsync(score);
            await Press(supervisor, "button:has-text('Record score')");
        }
        await Exam("Immigration law", "64");
        (await supervisor.InnerTextAsync("main")).ShouldContain("failed");
        await Exam("Immigration law", "81");
        await Exam("Removal processing", "90");
        await Exam("Civil rights, use of force and liability", "85");
        await Press(supervisor, "button:has-text('Complete and issue the certificate')");
        (await Text(supervisor, "#error-summary")).ShouldContain("Final examination not passed");
        await CheckAxeAsync(app, supervisor);
        await Exam("Final examination", "88");
        await Open(supervisor, "Record attendance");
        await supervisor.Locator("input[name='Hours']").FillAsync("160");
        await Press(supervisor, "button:has-text('Record hours')");
        await Press(supervisor, "button:has-text('Complete and issue the certificate')");
        supervisor.Url.ShouldContain("done=completed");
        await CheckAxeAsync(app, supervisor);

        // The field office director signs the authorization: authority starts.
        await supervisor.GotoAsync($"/staff/officers/{officerId}");
        (await Text(supervisor, "#stage-jem")).ShouldBe("certified, not yet authorized");
        await supervisor.FillAsync("#field-credentialnumber", "ICE-287G-4521");
        await supervisor.FillAsync("#field-signatoryname", "Test Director Sigma");
        await Press(supervisor, "button:has-text('Sign and issue credentials')");
        (await Text(supervisor, "#authority-jem")).ShouldContain("JEM: may exercise 287(g) authority");
        (await Text(supervisor, "#authority-jem")).ShouldContain("ICE-287G-4521");
        await CheckAxeAsync(app, supervisor);
        var letterHref = await supervisor.GetAttributeAsync("a:has-text('Authorization letter (PDF)')", "href");
        var letter = await supervisor.Context.APIRequest.GetAsync(letterHref!);
        letter.Headers["content-type"].ShouldBe("application/pdf");
        var letterText = await Pdf.TextAsync(await letter.BodyAsync());
        letterText.ShouldContain("Test Officer Omicron");
        letterText.ShouldContain("detainer");

        // The officer sees it too.
        var officer = await Chromium.PageAsync(app);
        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/me");
        (await Text(officer, "#my-authority-jem")).ShouldContain("you may exercise 287(g) authority");
        await CheckAxeAsync(app, officer);

        // ICE requires the refresher by a date; the jail text allows none sooner than two years after the last completion (2026-12-01).
        await supervisor.GotoAsync($"/staff/officers/{officerId}");
        await supervisor.Locator("summary:has-text('Require training by a date')").ClickAsync();
        await supervisor.SelectOptionAsync("#field-courseid", new SelectOptionValue { Label = "JEM — Jail Enforcement Model refresher" });
        await supervisor.FillAsync("#field-dueon", "2028-11-30");
        await supervisor.FillAsync("#field-requirereason", "The 2028 detainer policy changed.");
        await Press(supervisor, "button:has-text('Require the training')");
        (await Text(supervisor, "#error-summary")).ShouldContain("On or after 2028-12-01");
        await CheckAxeAsync(app, supervisor);
        await supervisor.FillAsync("#field-dueon", "2028-12-31");
        await Press(supervisor, "button:has-text('Require the training')");
        (await Text(supervisor, "main")).ShouldContain("The training ICE requires is recorded");

        // Two years on, the course's months have passed (a reminder only); past ICE's date, nobody took the refresher.
        clock.Advance(new DateTimeOffset(2028, 12, 2, 15, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        (await app.WithDbAsync((_, services) => services.GetRequiredService<AuthorityWatch>().RunAsync(CancellationToken.None))).Lost.ShouldBe(0);
        clock.Advance(new DateTimeOffset(2029, 1, 1, 15, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        // The app's timer runs the watch every few minutes; the test runs it once, as the timer would.
        (await app.WithDbAsync((_, services) => services.GetRequiredService<AuthorityWatch>().RunAsync(CancellationToken.None))).Lost.ShouldBe(1);

        await SignInAsync(supervisor, supervisorUser);
        await supervisor.GotoAsync($"/staff/officers/{officerId}");
        var withdrawn = await Text(supervisor, "#authority-jem");
        withdrawn.ShouldContain("JEM: may not exercise 287(g) authority");
        (await supervisor.Locator("#authority-jem [data-rule='authority.refresher_overdue']").CountAsync()).ShouldBe(1, "the reason is listed in plain words");
        withdrawn.ShouldNotMatch(@"authority\.[a-z_]+");
        withdrawn.ShouldContain("by 2028-12-31");
        (await supervisor.InnerTextAsync("main")).ShouldContain("Authority under the Jail Enforcement Model agreement ended");
        await CheckAxeAsync(app, supervisor);

        await SignInAsync(officer, officerUser);
        await officer.GotoAsync("/staff/me");
        (await Text(officer, "#my-authority-jem")).ShouldContain("ICE required Jail Enforcement Model refresher by 2028-12-31");

        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync($"/staff/agencies/{agency.Id}/officers");
        var row = await Text(coordinator, "#roster tbody tr");
        row.ShouldContain("no authority");
        row.ShouldContain("by 2028-12-31");
        await CheckAxeAsync(app, coordinator);

        await SignInAsync(programOffice, programOfficeUser);
        await programOffice.GotoAsync("/staff/compliance?model=JEM");
        var byAgency = await Text(programOffice, "#by-agency tbody tr");
        byAgency.ShouldContain(agency.Name);
        byAgency.ShouldContain("0.0%");
        await CheckAxeAsync(app, programOffice);
    }
}
