using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Browser;

/// <summary>
/// The partnership path as its users find it, in a real browser on a real socket, with a clock the test moves:
/// a coordinator applies without script, the public comments in Spanish, a reviewer asks, the coordinator answers,
/// a second reviewer approves, both sides sign, and the agreement is suspended, reinstated and given notice.
/// Every page on the way passes axe-core.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PartnershipBrowserTests(Chromium chromium) : BrowserWalk(chromium), IClassFixture<Chromium>
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public async Task ApplicationToActiveAgreement_ThenSuspendedReinstatedAndGivenNotice()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var reviewerUser = await Given.UserAsync(app, Role.ProgramOffice);
        var approverUser = await Given.UserAsync(app, Role.ProgramOffice);

        // The coordinator applies, without script.
        var coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync("/staff/applications");
        await CheckAxeAsync(app, coordinator);
        await Press(coordinator, "button:has-text('Start an application')");
        coordinator.Url.ShouldEndWith("/edit");
        var id = Guid.Parse(Regex.Match(coordinator.Url, "applications/([0-9a-f-]{36})").Groups[1].Value);
        await CheckAxeAsync(app, coordinator);

        // A wrong answer is refused beside its field, and nothing is saved.
        await Choose(coordinator, "field-wants-jem");
        await coordinator.FillAsync("#field-officers-jem", "0");
        await Press(coordinator, "button:has-text('Save the application')");
        (await Text(coordinator, "#field-officers-jem-error")).ShouldContain("1 to 1,000");
        (await coordinator.Locator("#error-summary").CountAsync()).ShouldBe(1);
        await CheckAxeAsync(app, coordinator);

        await coordinator.FillAsync("#field-officers-jem", "3");
        await coordinator.FillAsync("#field-objectives", "Identify removable people booked on serious charges.");
        await coordinator.FillAsync("#field-staffavailable", "10");
        await coordinator.FillAsync("#field-jailbeds", "200");
        await coordinator.FillAsync("#field-dailybookings", "30");
        await Choose(coordinator, "field-it-yes");
        await coordinator.FillAsync("#field-equipmentsite", "Booking room B, secured");
        await coordinator.FillAsync("#field-budgetdollars", "120000");
        await Choose(coordinator, "field-legal-yes");
        await coordinator.FillAsync("#field-commentopenson", "2026-11-23");
        await coordinator.FillAsync("#field-commentcloseson", "2026-12-08");
        await coordinator.FillAsync("[id='field-meetings[0].heldon']", "2026-11-10");
        await coordinator.FillAsync("[id='field-meetings[0].audience']", "County commission, public session");
        await coordinator.FillAsync("[id='field-meetings[0].attendance']", "60");
        await coordinator.FillAsync("[id='field-meetings[0].summary']", "Residents asked about cost and about profiling.");
        await Press(coordinator, "button:has-text('Save the application')");
        coordinator.Url.ShouldContain($"/staff/applications/{id}?done=saved");
        (await coordinator.Locator("#missing").CountAsync()).ShouldBe(0);

        var pdf = Path.Combine(Path.GetTempPath(), $"resolution-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray(), TestContext.Current.CancellationToken);
        await coordinator.SetInputFilesAsync("#field-file", pdf);
        await coordinator.FillAsync("#field-description", "Council resolution");
        await Press(coordinator, "button:has-text('Attach')");
        (await Text(coordinator, "#attachments")).ShouldContain(Path.GetFileName(pdf));
        await CheckAxeAsync(app, coordinator);
        await Press(coordinator, "button:has-text('Submit to ICE')");
        (await Text(coordinator, "#application-status")).ShouldBe("submitted");

        // The public reads it in Spanish and comments without an account.
        var resident = await WithoutScriptAsync(app);
        await resident.GotoAsync("/applications?lang=es");
        (await Text(resident, "h1")).ShouldBe("Solicitudes abiertas a comentarios del público");
        await CheckAxeAsync(app, resident);
        await Press(resident, $"a[href='/applications/{id}']");
        (await Text(resident, "h1")).ShouldContain(agency.Name);
        await Press(resident, "button:has-text('Enviar el comentario')");
        (await Text(resident, "#field-body-error")).ShouldContain("Escriba su comentario");
        await CheckAxeAsync(app, resident);
        await resident.SelectOptionAsync("#field-language", "es");
        await resident.FillAsync("#field-name", "Vecina del condado");
        await resident.FillAsync("#field-body", "Me preocupa el costo para el condado.");
        await Press(resident, "button:has-text('Enviar el comentario')");
        (await Text(resident, "#comment-sent")).ShouldContain("Recibimos su comentario");
        (await resident.Locator("#published-comments").CountAsync()).ShouldBe(0);

        // A reviewer publishes the comment, takes the application and asks a question.
        var reviewer = await Chromium.PageAsync(app);
        await SignInAsync(reviewer, reviewerUser);
        await reviewer.GotoAsync("/staff/comments");
        await CheckAxeAsync(app, reviewer);
        await Press(reviewer, "button:has-text('Publish')");
        reviewer.Url.ShouldContain("done=published");
        await resident.GotoAsync($"/applications/{id}");
        (await Text(resident, "#published-comments")).ShouldContain("Me preocupa el costo");

        await reviewer.GotoAsync($"/staff/applications/{id}");
        await Press(reviewer, "button:has-text('Take for review')");
        (await Text(reviewer, "#application-status")).ShouldBe("under review");
        await CheckAxeAsync(app, reviewer);
        await reviewer.FillAsync("#field-questions", "Who pays the overtime of the nominated officers?");
        await Press(reviewer, "button:has-text('Send the questions')");
        (await Text(reviewer, "#application-status")).ShouldBe("information requested");

        // The coordinator sees it waiting on them, and answers.
        await coordinator.GotoAsync("/staff/work");
        (await Text(coordinator, "main")).ShouldContain("Answer ICE's request for more information");
        await CheckAxeAsync(app, coordinator);
        await coordinator.GotoAsync($"/staff/applications/{id}");
        await coordinator.FillAsync("#field-answer", "The county's general fund, as the budget notes say.");
        await Press(coordinator, "button:has-text('Send the answer')");
        (await Text(coordinator, "#application-status")).ShouldBe("under review");

        // The reviewer reads the application above the checklist, answers every item in one form and saves once; no decision
        // can be sent while the comment period is open, and the page says why.
        await reviewer.GotoAsync($"/staff/applications/{id}");
        (await reviewer.EvaluateAsync<bool>(
            "() => { const p = [...document.querySelectorAll('h2')].find(h => h.textContent === 'Proposal'); const c = document.getElementById('checklist');" +
            " return !!p && !!c && !!(p.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING); }")).ShouldBeTrue("the application comes before the checklist");
        var yes = await reviewer.Locator("#checklist input[type=radio][value=true]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.id)");
        yes.Length.ShouldBeGreaterThan(1);
        foreach (var radio in yes) await Choose(reviewer, radio);
        await Press(reviewer, "button:has-text('Save the checklist')");
        reviewer.Url.ShouldContain("done=checked");
        foreach (var radio in yes) (await reviewer.IsCheckedAsync($"[id='{radio}']")).ShouldBeTrue(radio);
        (await reviewer.IsDisabledAsync("button:has-text('Prepare the decision')")).ShouldBeTrue();
        (await Text(reviewer, "#prepare-blocked")).ShouldContain("comment period is open until");
        await CheckAxeAsync(app, reviewer);

        // Past the comment period: the sessions of yesterday have expired, so everyone signs in again.
        clock.Advance(TimeSpan.FromDays(16));
        reviewer = await Chromium.PageAsync(app);
        await SignInAsync(reviewer, reviewerUser);
        await reviewer.GotoAsync($"/staff/applications/{id}");
        await Choose(reviewer, "field-outcome-approve");
        await reviewer.FillAsync("#field-rationale", "Ready on every item; the comments were considered.");
        await Press(reviewer, "button:has-text('Prepare the decision')");
        (await Text(reviewer, "#prepared-heading")).ShouldContain("approve");
        await Press(reviewer, "button:has-text('Approve the decision')");
        (await Text(reviewer, "#error-summary")).ShouldContain("cannot approve it");

        var approver = await Chromium.PageAsync(app);
        await SignInAsync(approver, approverUser);
        await approver.GotoAsync($"/staff/applications/{id}");
        await Press(approver, "button:has-text('Approve the decision')");
        (await Text(approver, "#application-status")).ShouldBe("approved");
        await Press(approver, "a:has-text('Draft agreement')");
        var agreementUrl = approver.Url;
        var agreementId = Guid.Parse(Regex.Match(agreementUrl, "agreements/([0-9a-f-]{36})").Groups[1].Value);
        (await Text(approver, "#agreement-status")).ShouldBe("draft");
        await CheckAxeAsync(app, approver);

        // The draft reads as HTML with its model's functions, and ICE may change a section before sending it.
        await Press(approver, "a:has-text('Read and edit the draft')");
        await CheckAxeAsync(app, approver);
        (await Text(approver, "main")).ShouldContain("Designated functions");
        await approver.Locator("#section-points_of_contact summary").ClickAsync();
        await approver.FillAsync("#field-text-points_of_contact", "For the agency: the program coordinator. For ICE: the Atlanta field office.");
        await Press(approver, "#section-points_of_contact button:has-text('Save the section')");
        (await Text(approver, "#section-points_of_contact")).ShouldContain("the Atlanta field office");
        await approver.GotoAsync($"/staff/agreements/{agreementId}");
        await Press(approver, "button:has-text('Send for signature')");
        (await Text(approver, "#agreement-status")).ShouldBe("pending signature");
        await approver.FillAsync("#field-signatoryname", "Jordan Example");
        await approver.FillAsync("#field-signatorytitle", "Executive Associate Director, ERO");
        await Press(approver, "button:has-text('Record the signature')");
        (await Text(approver, "main")).ShouldContain("Waiting for the other party");

        coordinator = await WithoutScriptAsync(app);
        await SignInAsync(coordinator, coordinatorUser);
        await coordinator.GotoAsync($"/staff/agreements/{agreementId}");
        await coordinator.FillAsync("#field-signatoryname", "Casey Sample");
        await coordinator.FillAsync("#field-signatorytitle", "Sheriff");
        await Press(coordinator, "button:has-text('Record the signature')");
        (await Text(coordinator, "#agreement-status")).ShouldBe("active");
        (await Text(coordinator, "main")).ShouldContain("Hold the first operational review");
        await CheckAxeAsync(app, coordinator);

        // The signed version, as a PDF an independent reader opens, shows the model's functions.
        var download = await coordinator.APIRequest.GetAsync($"/staff/agreements/{agreementId}/versions/1?handler=Pdf");
        download.Headers["content-type"].ShouldBe("application/pdf");
        var text = await Pdf.TextAsync(await download.BodyAsync());
        text.ShouldContain("Casey Sample");
        foreach (var function in DesignatedFunctions.Of(AgreementModel.Jail).Take(2)) text.ShouldContain(function.Text[..40]);

        // An amendment is a new version: the old one stays in force until both sign, and the change reads before and after.
        await approver.GotoAsync($"/staff/notifications");
        (await Text(approver, "#notifications")).ShouldContain("waits for a second reviewer");
        await CheckAxeAsync(app, approver);
        await approver.GotoAsync($"/staff/agreements/{agreementId}/amend");
        await CheckAxeAsync(app, approver);
        await approver.FillAsync("#field-summary", "New points of contact");
        await approver.FillAsync("#field-section-points_of_contact", "For the agency: the undersheriff. For ICE: the Atlanta field office director.");
        await Press(approver, "button:has-text('Draft the amendment')");
        approver.Url.ShouldContain("done=amended");
        await approver.GotoAsync($"/staff/agreements/{agreementId}/versions/2");
        (await Text(approver, "#changed-points_of_contact")).ShouldContain("the Atlanta field office.");
        (await Text(approver, "#changed-points_of_contact")).ShouldContain("the undersheriff");
        await approver.GotoAsync($"/staff/agreements/{agreementId}/versions/1");
        (await Text(approver, "main")).ShouldContain("in force");

        // Nobody outside the agency and ICE sees its application or agreement.
        var otherAgency = await Given.AgencyAsync(app, "Test Tau Police Department");
        var outsider = await WithoutScriptAsync(app);
        await SignInAsync(outsider, await Given.UserAsync(app, Role.AgencyCoordinator, otherAgency.Id));
        (await outsider.GotoAsync($"/staff/applications/{id}"))!.Status.ShouldBe(404);
        (await outsider.GotoAsync($"/staff/agreements/{agreementId}"))!.Status.ShouldBe(404);
        (await outsider.GotoAsync($"/staff/agreements/{agreementId}/versions/1?handler=Pdf"))!.Status.ShouldBe(404);

        // Later, ICE suspends it (at once, on the public page too), reinstates it, and gives notice of termination.
        await approver.GotoAsync("/staff/work");
        await CheckAxeAsync(app, approver);
        await approver.GotoAsync($"/staff/agreements/{agreementId}");
        await approver.Locator("summary:has-text('Suspend the agreement')").ClickAsync();
        await Press(approver, "button:has-text('Suspend now')");
        (await Text(approver, "#field-suspendreason-error")).ShouldContain("reasons");
        await approver.FillAsync("#field-suspendreason", "Detainers issued without supervisory review.");
        // The notice states the length and who decided and recommended it (MOA section VIII).
        await Press(approver, "button:has-text('Suspend now')");
        (await Text(approver, "#error-summary")).ShouldContain("length");
        await approver.FillAsync("#field-suspenduntil", "2027-02-28");
        await approver.FillAsync("#field-decidedby", "Test ICE Director");
        await approver.FillAsync("#field-recommendedby", "Test EAD ERO");
        await Press(approver, "button:has-text('Suspend now')");
        (await Text(approver, "#agreement-status")).ShouldBe("suspended");
        (await Text(approver, "#suspension")).ShouldContain("respond in writing");
        await CheckAxeAsync(app, approver);
        await resident.GotoAsync($"/registry/agencies/{agency.Id}?lang=en");
        (await Text(resident, "main")).ShouldContain("Suspended by ICE from 2026-12-09 to 2027-02-28");

        await Press(approver, "button:has-text('Reinstate the agreement')");
        (await Text(approver, "#agreement-status")).ShouldBe("active");

        // ICE moves from a suspension to termination: suspended again, then the notice with its content.
        await approver.Locator("summary:has-text('Suspend the agreement')").ClickAsync();
        await approver.FillAsync("#field-suspendreason", "The failures continued after reinstatement.");
        await approver.FillAsync("#field-suspenduntil", "2027-03-31");
        await approver.FillAsync("#field-decidedby", "Test ICE Director");
        await approver.FillAsync("#field-recommendedby", "Test EAD ERO");
        await Press(approver, "button:has-text('Suspend now')");
        (await Text(approver, "#agreement-status")).ShouldBe("suspended");
        // An extension names a later end; a refused one keeps its reason in the form.
        await Open(approver, "Extend the suspension");
        await approver.FillAsync("#field-extendreason", "The agency asked for time to answer the findings.");
        await Press(approver, "button:has-text('Record the extension')");
        (await Text(approver, "#error-summary")).ShouldContain("later");
        (await approver.InputValueAsync("#field-extendreason")).ShouldBe("The agency asked for time to answer the findings.");
        await approver.FillAsync("#field-extenduntil", "2027-04-30");
        await Press(approver, "button:has-text('Record the extension')");
        (await Text(approver, "#suspension")).ShouldContain("2027-04-30");
        // The review timers: ICE records the day operations started, from which the first review is counted.
        await Open(approver, "Record a review, meeting or installation");
        await approver.SelectOptionAsync("#field-kind", "operations_started");
        await approver.FillAsync("#field-milestonesummary", "Operations began at the county jail.");
        await Press(approver, "details:has(> summary:has-text('Record a review')) button");
        (await Text(approver, "#field-heldon-error")).ShouldContain("date");
        (await approver.InputValueAsync("#field-milestonesummary")).ShouldBe("Operations began at the county jail.");
        await approver.FillAsync("#field-heldon", "2026-12-01");
        await Press(approver, "details:has(> summary:has-text('Record a review')) button");
        approver.Url.ShouldContain("done=recorded");

        await approver.Locator("summary:has-text('Give notice of termination')").ClickAsync();
        await approver.FillAsync("#field-noticeeffectiveon", "2027-01-15");
        await approver.FillAsync("#field-noticereason", "Repeated failures to report detainers.");
        await approver.FillAsync("#field-aliensidentified", "37");
        await approver.FillAsync("#field-examples", "Test examples of people identified under the agreement.");
        await approver.FillAsync("#field-publishedon", "2026-12-09");
        await approver.FillAsync("#field-noticedecidedby", "Test ICE Director");
        await Press(approver, "button:has-text('Give notice')");
        (await Text(approver, "#error-summary")).ShouldContain("90 days");
        await approver.FillAsync("#field-noticeeffectiveon", "2027-03-09");
        await Press(approver, "button:has-text('Give notice')");
        (await Text(approver, "#termination-notice")).ShouldContain("2027-03-09");
        await resident.GotoAsync($"/registry/agencies/{agency.Id}");
        (await Text(resident, ".s287-termination-notice")).ShouldContain("2027-03-09");
        (await Text(resident, "main")).ShouldNotContain(agreementId.ToString());
        await CheckAxeAsync(app, resident);
    }
}
