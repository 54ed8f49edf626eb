using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Applications;
using Section287.Features.Deadlines;

namespace Section287.Tests.Features.Applications;

/// <summary>The whole partnership path through the API, on the suite's database, with a clock the test moves.</summary>
public sealed class ApplicationFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe(code);
    }

    [Fact]
    public async Task FromApplicationToActiveAgreement_WithComment_Questions_FourEyes_Signatures_AndAnAmendment()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office");
        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        var reviewerUser = await Given.UserAsync(app, Role.ProgramOffice);
        var reviewer = await Given.ApiClientAsync(app, reviewerUser);
        var approverUser = await Given.UserAsync(app, Role.ProgramOffice);
        var approver = await Given.ApiClientAsync(app, approverUser);
        var publicHttp = app.Client();

        var started = await Ok(coordinator.PostAsync("/api/v1/applications/", null, Ct));
        var id = started.GetProperty("id").GetGuid();
        started.GetProperty("status").GetString().ShouldBe("draft");

        // An incomplete application cannot be submitted, and the refusal lists what is missing.
        var incomplete = await coordinator.PostAsync($"/api/v1/applications/{id}/submission", null, Ct);
        incomplete.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await Json(incomplete);
        problem.GetProperty("code").GetString().ShouldBe("application.incomplete");
        problem.GetProperty("errors").TryGetProperty("legalReviewDone", out _).ShouldBeTrue();

        var edited = await Ok(coordinator.PutAsJsonAsync($"/api/v1/applications/{id}",
            new { version = started.GetProperty("version").GetInt64(), content = Given.CompleteApplication(new DateOnly(2026, 11, 23)) }, Ct));
        edited.GetProperty("models").GetArrayLength().ShouldBe(2);
        edited.GetProperty("meetings").GetArrayLength().ShouldBe(1);
        edited.GetProperty("missingForSubmission").EnumerateObject().ShouldBeEmpty();
        // A stale version is refused, not merged.
        await Refused(coordinator.PutAsJsonAsync($"/api/v1/applications/{id}",
            new { version = started.GetProperty("version").GetInt64(), content = Given.CompleteApplication(new DateOnly(2026, 11, 23)) }, Ct),
            HttpStatusCode.Conflict, "record.stale");

        await Ok(coordinator.PostAsync($"/api/v1/applications/{id}/submission", null, Ct));
        // Submitted: the program office's intake clock runs, and the application is public and open for comment.
        var intake = await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id));
        intake.Rule.ShouldBe("application.intake");
        intake.WaitsOn.ShouldBe(Role.ProgramOffice);
        var open = await Ok(publicHttp.GetAsync("/api/v1/public/applications/", Ct));
        open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ShouldContain(id);

        var comment = await publicHttp.PostAsJsonAsync($"/api/v1/public/applications/{id}/comments",
            new { language = "es", name = "Vecina", body = "Me preocupa el costo para el condado." }, Ct);
        comment.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var commentId = (await Json(comment)).GetProperty("id").GetGuid();
        await Refused(publicHttp.PostAsJsonAsync($"/api/v1/public/applications/{id}/comments", new { language = "fr", body = "" }, Ct),
            HttpStatusCode.BadRequest, "comment.invalid");
        // Not shown until moderated.
        (await Ok(publicHttp.GetAsync($"/api/v1/public/applications/{id}", Ct))).GetProperty("comments").GetArrayLength().ShouldBe(0);
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/comments/{commentId}/moderation", new { decision = "publish" }, Ct),
            HttpStatusCode.Forbidden, "application.ice_only");
        await Ok(reviewer.PostAsJsonAsync($"/api/v1/comments/{commentId}/moderation", new { decision = "publish" }, Ct));
        var shown = await Ok(publicHttp.GetAsync($"/api/v1/public/applications/{id}", Ct));
        shown.GetProperty("comments")[0].GetProperty("body").GetString().ShouldBe("Me preocupa el costo para el condado.");
        shown.GetProperty("comments")[0].GetProperty("language").GetString().ShouldBe("es");

        // Review: the coordinator cannot review; the reviewer takes it and the checklist comes from the readiness assessment.
        await Refused(coordinator.PostAsync($"/api/v1/applications/{id}/review", null, Ct), HttpStatusCode.Forbidden, "application.ice_only");
        var review = await Ok(reviewer.PostAsync($"/api/v1/applications/{id}/review", null, Ct));
        review.GetProperty("status").GetString().ShouldBe("under_review");
        review.GetProperty("checklist").EnumerateArray().Select(c => c.GetProperty("item").GetString()).ShouldContain("jail_capacity");
        review.GetProperty("comments").GetProperty("received").GetInt32().ShouldBe(1);

        await Ok(reviewer.PostAsJsonAsync($"/api/v1/applications/{id}/information-requests",
            new { questions = "Who pays for transport to the ICE facility?" }, Ct));
        var mine = await Ok(coordinator.GetAsync("/api/v1/my-work", Ct));
        mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rule").GetString()).ShouldContain("application.agency_answer");
        var told = await Ok(coordinator.GetAsync("/api/v1/notifications?unread=true", Ct));
        told.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ShouldContain("application.information_requested");

        var answered = await Ok(coordinator.PostAsJsonAsync($"/api/v1/applications/{id}/answers",
            new { answer = "The county pays; the budget line is attached." }, Ct));
        answered.GetProperty("status").GetString().ShouldBe("under_review");
        answered.GetProperty("informationRequests")[0].GetProperty("answer").GetString().ShouldBe("The county pays; the budget line is attached.");

        foreach (var item in review.GetProperty("checklist").EnumerateArray().Select(c => c.GetProperty("item").GetString()))
            await Ok(reviewer.PostAsJsonAsync($"/api/v1/applications/{id}/checklist", new { item, satisfied = true, note = "Seen" }, Ct));

        // No decision while the public comment period is open.
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/applications/{id}/decision", new { outcome = "approve", rationale = "Ready" }, Ct),
            HttpStatusCode.UnprocessableEntity, "application.comment_period_open");
        clock.Advance(TimeSpan.FromDays(31));
        // A month later everyone signs in again: bearer tokens last an hour.
        coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        reviewer = await Given.ApiClientAsync(app, reviewerUser);
        approver = await Given.ApiClientAsync(app, approverUser);
        await Ok(reviewer.PostAsJsonAsync($"/api/v1/applications/{id}/decision",
            new { outcome = "approve", rationale = "Readiness shown; comments on cost answered." }, Ct));
        await Refused(reviewer.PostAsync($"/api/v1/applications/{id}/decision/approval", null, Ct), HttpStatusCode.UnprocessableEntity,
            "application.four_eyes");
        var decided = await Ok(approver.PostAsync($"/api/v1/applications/{id}/decision/approval", null, Ct));
        decided.GetProperty("status").GetString().ShouldBe("approved");
        decided.GetProperty("agreementIds").GetArrayLength().ShouldBe(2);
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/applications/{id}/withdrawal", new { reason = "Changed our mind" }, Ct),
            HttpStatusCode.UnprocessableEntity, "application.already_decided");

        // One draft agreement per model, with our template's sections and the model's functions.
        var agreementId = decided.GetProperty("agreementIds").EnumerateArray().Select(e => e.GetGuid())
            .First(g => app.WithDbAsync((db, _) => db.Agreements.AnyAsync(a => a.Id == g && a.Model == AgreementModel.Jail)).Result);
        var draft = await Ok(reviewer.GetAsync($"/api/v1/agreements/{agreementId}/versions/1", Ct));
        draft.GetProperty("sections").GetArrayLength().ShouldBe(AgreementTemplate.Sections.Count);
        draft.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "designated_functions")
            .GetProperty("text").GetString()!.ShouldContain("Form I-247A");

        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "A. Sheriff", signatoryTitle = "Sheriff" }, Ct),
            HttpStatusCode.UnprocessableEntity, "agreement.not_pending_signature");
        await Ok(reviewer.PutAsJsonAsync($"/api/v1/agreements/{agreementId}/draft/sections/points_of_contact",
            new { text = "ICE: the Atlanta field office. Agency: the jail administrator." }, Ct));
        await Ok(reviewer.PostAsync($"/api/v1/agreements/{agreementId}/signature-request", null, Ct));
        await Refused(reviewer.PutAsJsonAsync($"/api/v1/agreements/{agreementId}/draft/sections/purpose", new { text = "Changed after sending" }, Ct),
            HttpStatusCode.UnprocessableEntity, "agreement.not_draft");

        var half = await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "A. Sheriff", signatoryTitle = "Sheriff" }, Ct));
        half.GetProperty("status").GetString().ShouldBe("pending_signature");
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "A. Sheriff", signatoryTitle = "Sheriff" }, Ct),
            HttpStatusCode.UnprocessableEntity, "agreement.already_signed");
        var active = await Ok(approver.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "B. Director", signatoryTitle = "Executive Associate Director, ERO" }, Ct));
        active.GetProperty("status").GetString().ShouldBe("active");
        active.GetProperty("currentVersion").GetInt32().ShouldBe(1);
        active.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("status").GetString() == "open").Select(d => d.GetProperty("rule").GetString()).Order()
            .ShouldBe(new[] { "agreement.equipment", "agreement.first_review", "agreement.ice_review" });
        var activatedAt = clock.GetUtcNow().UtcDateTime;
        var equipment = active.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "agreement.equipment");
        Section287.Common.Clock.DayOf(equipment.GetProperty("dueAt").GetDateTime()).ShouldBe(Section287.Common.Clock.DayOf(activatedAt).AddDays(180));

        // The jail MOA's first review is counted from the operational date (section V.B): recording it moves the timer.
        var operational = Section287.Common.Clock.DayOf(activatedAt);
        var operationsStarted = await Ok(approver.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/milestones",
            new { kind = "operations_started", heldOn = operational.ToString("yyyy-MM-dd"), summary = "First booking screened under the agreement." }, Ct));
        var firstReview = operationsStarted.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == "agreement.first_review" && d.GetProperty("status").GetString() == "open");
        Section287.Common.Clock.DayOf(firstReview.GetProperty("dueAt").GetDateTime()).ShouldBe(operational.AddMonths(12));
        var reviewed = await Ok(approver.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/milestones",
            new { kind = "first_review", heldOn = operational.ToString("yyyy-MM-dd"), summary = "Reviewed the first detainers with the sheriff." }, Ct));
        reviewed.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("status").GetString() == "open").Select(d => d.GetProperty("rule").GetString()).Order()
            .ShouldBe(new[] { "agreement.equipment", "agreement.ice_review", "agreement.yearly_meeting" });

        // The PDF opens and shows the model's functions.
        var pdf = await reviewer.GetAsync($"/api/v1/agreements/{agreementId}/versions/1/pdf", Ct);
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await Pdf.TextAsync(await pdf.Content.ReadAsByteArrayAsync(Ct));
        text.ShouldContain("Memorandum of Agreement");
        text.ShouldContain("Designated functions");
        text.ShouldContain("immigration detainers (Form I-247A)");
        text.ShouldContain("A. Sheriff, Sheriff");

        // An amendment is a new version; the first stays readable, and the change is recorded.
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/amendments",
            new { summary = "Nothing", sections = new Dictionary<string, string>() }, Ct),
            HttpStatusCode.BadRequest, "agreement.amendment_empty");
        await Ok(reviewer.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/amendments",
            new { summary = "New points of contact",
                sections = new Dictionary<string, string> { ["points_of_contact"] = "ICE: the Atlanta field office, 287(g) unit. Agency: the chief deputy." } }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "A. Sheriff", signatoryTitle = "Sheriff" }, Ct));
        var amended = await Ok(reviewer.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/signatures",
            new { signatoryName = "B. Director", signatoryTitle = "EAD" }, Ct));
        amended.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        amended.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("status").GetString()).ShouldBe(new[] { "superseded", "in_force" });
        var v2 = await Ok(reviewer.GetAsync($"/api/v1/agreements/{agreementId}/versions/2", Ct));
        v2.GetProperty("changes")[0].GetProperty("from").GetString().ShouldBe("ICE: the Atlanta field office. Agency: the jail administrator.");
        v2.GetProperty("changes")[0].GetProperty("to").GetString().ShouldBe("ICE: the Atlanta field office, 287(g) unit. Agency: the chief deputy.");
        (await Ok(reviewer.GetAsync($"/api/v1/agreements/{agreementId}/versions/1", Ct))).GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "points_of_contact").GetProperty("text").GetString().ShouldBe("ICE: the Atlanta field office. Agency: the jail administrator.");

        // Suspended and reinstated like any agreement.
        await Ok(reviewer.PostAsJsonAsync($"/api/v1/agreements/{agreementId}/suspension", Notices.Suspension("Detainers issued without review"), Ct));
        (await Ok(reviewer.PostAsync($"/api/v1/agreements/{agreementId}/reinstatement", null, Ct))).GetProperty("status").GetString().ShouldBe("active");

        // Every change is on the audit chain, and the chain verifies.
        (await Ok(reviewer.GetAsync("/api/v1/audit/verification", Ct))).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task AnImportedAgreement_IsAmendedLikeAnyOther_ItsOriginalBeingIcesMoa()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Sigma County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.WarrantService);
        var ice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));

        await Ok(ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/amendments",
            new { summary = "Language access",
                sections = new Dictionary<string, string> { ["civil_rights"] = "Interpreters are provided in every language spoken at booking." } }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/signatures",
            new { signatoryName = "C. Sheriff", signatoryTitle = "Sheriff" }, Ct));
        var signed = await Ok(ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/signatures",
            new { signatoryName = "D. Official", signatoryTitle = "Director" }, Ct));
        signed.GetProperty("status").GetString().ShouldBe("active");
        signed.GetProperty("source").GetString().ShouldBe("ice_list");
        signed.GetProperty("currentVersion").GetInt32().ShouldBe(2);
        var version = await Ok(ice.GetAsync($"/api/v1/agreements/{agreement.Id}/versions/2", Ct));
        version.GetProperty("baseDocumentUrl").GetString().ShouldNotBeNullOrEmpty();
        version.GetProperty("changes")[0].GetProperty("from").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task ACoordinator_CannotApplyForAModelTheAgencyAlreadyHolds()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Tau County Sheriff's Office");
        await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var started = await Ok(coordinator.PostAsync("/api/v1/applications/", null, Ct));
        await Refused(coordinator.PutAsJsonAsync($"/api/v1/applications/{started.GetProperty("id").GetGuid()}",
            new { version = started.GetProperty("version").GetInt64(), content = Given.CompleteApplication(DateOnly.FromDateTime(DateTime.UtcNow)) }, Ct),
            HttpStatusCode.UnprocessableEntity, "application.model_already_held");
    }
}
