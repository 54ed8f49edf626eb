using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Oversight;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Oversight;

/// <summary>
/// Issue 15: early intervention. The program office's policies count an indicator per officer against thresholds and peers of the same
/// agency and model; alerts go to the supervisors, are never duplicated, rise in level, never change authority, and close through a
/// reviewed intervention.
/// </summary>
public sealed class EarlyInterventionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComplaintAllegations_RaiseAlertsByThresholdAndPeers_WhichSupervisorsReviewAndClose_WithoutTouchingAuthority()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officers = new List<Guid>();
        var officerUsers = new List<TestUser>();
        for (var n = 0; n < 5; n++)
        {
            officerUsers.Add(await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id));
            officers.Add(await GivenOfficers.AuthorizedAsync(app, agency, officerUsers[n], DateTime.UtcNow.AddDays(-10), agreement));
        }
        var officerClient = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id));
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"));
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));
        const string policies = "/api/v1/early-intervention/policies";

        await Refused(coordinator.PostAsJsonAsync(policies, new { name = "x", indicator = "complaint_allegations", warningAt = 1, criticalAt = 2 }, Ct),
            HttpStatusCode.Forbidden, EarlyInterventionRules.ProgramOfficeSets.Code);
        await Refused(po.PostAsJsonAsync(policies, new { name = "x", indicator = "complaint_allegations", warningAt = 3, criticalAt = 2 }, Ct),
            HttpStatusCode.UnprocessableEntity, EarlyInterventionRules.ThresholdsInOrder.Code);
        var byCount = await Ok(po.PostAsJsonAsync(policies, new { name = "Complaints in 12 months", indicator = "complaint_allegations", periodMonths = 12,
            warningAt = 2, criticalAt = 3 }, Ct));
        var byPeers = await Ok(po.PostAsJsonAsync(policies, new { name = "Complaints against peers", indicator = "complaint_allegations", model = "TFM",
            warningAt = 10, criticalAt = 20, peerPercentile = 90 }, Ct));

        // Two allegations name the first officer, one the second; none could lead to discipline, so authority stays.
        var taken = await Ok(coordinator.PostAsJsonAsync("/api/v1/complaints/", new { channel = "phone", language = "en", narrative = "x", anonymous = true }, Ct));
        var c = $"/api/v1/complaints/{taken.GetProperty("id").GetGuid()}";
        async Task Allege(Guid officer) => await Ok(coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "discourtesy", officerId = officer,
            mayLeadToDiscipline = false, mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct));
        await Allege(officers[0]);
        await Allege(officers[0]);
        await Allege(officers[1]);

        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(2);
        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(0, "an open alert is not raised twice");
        async Task<List<JsonElement>> Alerts(HttpClient http, bool open = true) =>
            (await Ok(http.GetAsync($"/api/v1/early-intervention/alerts?open={open}", Ct))).GetProperty("items").EnumerateArray().ToList();
        var alerts = await Alerts(supervisor);
        alerts.Select(a => (a.GetProperty("officerId").GetGuid(), a.GetProperty("policyId").GetGuid(), a.GetProperty("level").GetString()))
            .OrderBy(x => x.Item2 == byCount.GetProperty("id").GetGuid() ? 0 : 1)
            .ShouldBe([(officers[0], byCount.GetProperty("id").GetGuid(), "warning"), (officers[0], byPeers.GetProperty("id").GetGuid(), "warning")]);
        alerts.Single(a => a.GetProperty("policyId").GetGuid() == byPeers.GetProperty("id").GetGuid()).GetProperty("percentile").GetInt32().ShouldBe(100);
        (await app.WithDbAsync((db, _) => db.Notifications.CountAsync(n => n.Kind == "early_intervention.alert"))).ShouldBe(4,
            "each alert to the area's supervisor and the agency's coordinator");

        // A third allegation raises the count alert to critical; the officer's authority is untouched.
        await Allege(officers[0]);
        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(1);
        var critical = (await Alerts(coordinator)).Single(a => a.GetProperty("level").GetString() == "critical");
        critical.GetProperty("value").GetInt32().ShouldBe(3);
        (await Ok(coordinator.GetAsync($"/api/v1/officers/{officers[0]}/authority?agreementId={agreement.Id}", Ct))).GetProperty("granted").GetBoolean()
            .ShouldBeTrue("an alert never changes authority by itself");

        // Officers do not see alerts; oversight reads but does not intervene; the review comes before the outcome; no action needs a reason.
        await Refused(officerClient.GetAsync("/api/v1/early-intervention/alerts", Ct), HttpStatusCode.Forbidden, EarlyInterventionRules.OfficersDoNotSee.Code);
        (await Alerts(oversight)).Count.ShouldBe(2);
        var a = $"/api/v1/early-intervention/alerts/{critical.GetProperty("id").GetGuid()}";
        await Refused(oversight.PostAsync($"{a}/review", null, Ct), HttpStatusCode.Forbidden, EarlyInterventionRules.SupervisorsIntervene.Code);
        await Refused(coordinator.PostAsJsonAsync($"{a}/outcome", new { outcome = "training" }, Ct), HttpStatusCode.UnprocessableEntity,
            EarlyInterventionRules.ReviewFirst.Code);
        await Ok(coordinator.PostAsync($"{a}/review", null, Ct));
        await Refused(supervisor.PostAsync($"{a}/review", null, Ct), HttpStatusCode.UnprocessableEntity, EarlyInterventionRules.NotOpen.Code);
        await Refused(coordinator.PostAsJsonAsync($"{a}/outcome", new { outcome = "no_action" }, Ct), HttpStatusCode.UnprocessableEntity,
            EarlyInterventionRules.NoActionNeedsReason.Code);
        var closed = await Ok(coordinator.PostAsJsonAsync($"{a}/outcome", new { outcome = "training", note = "De-escalation course booked" }, Ct));
        closed.GetProperty("status").GetString().ShouldBe("closed");

        // Closed on a count of 3: the same count raises nothing; a fourth allegation raises a new alert.
        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(0);
        await Allege(officers[0]);
        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(1);
        (await Alerts(po)).Count(x => x.GetProperty("policyId").GetGuid() == byCount.GetProperty("id").GetGuid()).ShouldBe(1);
        (await Alerts(po, open: false)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task TheRuleBooksRefusalsOfAnOfficer_AreCountedByTheirPolicy_FromTheApiAndFromPages()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var user = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(app, agency, user, DateTime.UtcNow.AddDays(-10), agreement);
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        await Ok(po.PostAsJsonAsync("/api/v1/early-intervention/policies", new { name = "Refusals", indicator = "rule_refusals", warningAt = 2, criticalAt = 5 }, Ct));

        // The officer asks twice for what the rule book refuses: a booking under the task force model, by the API and by the page.
        var officer = await Given.ApiClientAsync(app, user);
        var booking = new
        {
            agreementId = agreement.Id, occurredAt = DateTime.UtcNow.AddMinutes(-5), location = "Jail",
            basis = new { kind = "booking", bookingNumber = "B-1", charges = "Theft", arrestedAt = DateTime.UtcNow.AddHours(-3), bookedAt = DateTime.UtcNow.AddHours(-2) },
            person = new { name = "Test Person Refused" },
            perception = new { races = new[] { "white" }, gender = "cisgender_man", age = 30, limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
        };
        var refused = await officer.PostAsJsonAsync("/api/v1/encounters/", booking, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await refused.Content.ReadAsStringAsync(Ct));
        var code = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!;
        var page = await FormSignIn.SignInAsync(app, user);
        var form = await page.GetStringAsync($"/staff/encounters/new?agreementId={agreement.Id}", Ct);
        var at = DateTime.UtcNow.AddMinutes(-5);
        var post = await page.PostAsync($"/staff/encounters/new?agreementId={agreement.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormSignIn.Antiforgery(form), ["AgreementId"] = agreement.Id.ToString(),
            ["OccurredAt"] = Section287.Features.Shared.StaffFormat.Input(at)!, ["Location"] = "Jail", ["Basis.Kind"] = "booking",
            ["Basis.BookingNumber"] = "B-2", ["Basis.Charges"] = "Theft", ["Basis.ArrestedAt"] = Section287.Features.Shared.StaffFormat.Input(at.AddHours(-3))!,
            ["Basis.BookedAt"] = Section287.Features.Shared.StaffFormat.Input(at.AddHours(-2))!, ["Person.Name"] = "Test Person Refused",
            ["Perception.Races"] = "white", ["Perception.Gender"] = "cisgender_man", ["Perception.Age"] = "30", ["Perception.LimitedEnglish"] = "false",
            ["Perception.Disabilities"] = "none", ["Perception.InterpreterNeeded"] = "false",
        }), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await post.Content.ReadAsStringAsync(Ct));
        var recorded = await app.WithDbAsync((db, _) => db.RuleRefusals.Where(r => r.OfficerId == officerId).Select(r => r.Code).ToListAsync());
        recorded.Count.ShouldBe(2, "one refusal by the API and one by the page");
        recorded[0].ShouldBe(code);
        Section287.Features.Encounters.RuleBook.Find(recorded[1]).ShouldNotBeNull("the page's refusal is recorded with its rule's code");

        (await Ok(po.PostAsync("/api/v1/early-intervention/evaluation", null, Ct))).GetInt32().ShouldBe(1);
        var alert = (await Ok(po.GetAsync("/api/v1/early-intervention/alerts", Ct))).GetProperty("items").EnumerateArray().Single();
        (alert.GetProperty("officerId").GetGuid(), alert.GetProperty("value").GetInt32(), alert.GetProperty("indicator").GetString())
            .ShouldBe((officerId, 2, "rule_refusals"));
    }
}
