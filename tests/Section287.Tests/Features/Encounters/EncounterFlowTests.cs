using System.Text.Json.Nodes;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;

namespace Section287.Tests.Features.Encounters;

/// <summary>
/// The use of authority through the API on the suite's database (SQLite, then PostgreSQL), with a clock the test moves:
/// encounters, detainers and their review, the custody clock, citizenship claims, deadlines, incidents, person data.
/// </summary>
public sealed class EncounterFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    private sealed class World(TestApp app, TestClock clock, Agency agency, Agreement jail, Agreement taskForce, Agreement warrantService,
        TestUser officer, TestUser supervisor, TestUser coordinator, TestUser programOffice)
    {
        public TestApp App => app;
        public TestClock Clock => clock;
        public Agency Agency => agency;
        public Agreement Jail => jail;
        public Agreement TaskForce => taskForce;
        public Agreement WarrantService => warrantService;
        public TestUser OfficerUser => officer;
        public TestUser SupervisorUser => supervisor;
        public TestUser CoordinatorUser => coordinator;
        public TestUser ProgramOfficeUser => programOffice;
        public HttpClient Officer { get; private set; } = null!;
        public HttpClient Supervisor { get; private set; } = null!;
        public HttpClient Coordinator { get; private set; } = null!;
        public HttpClient ProgramOffice { get; private set; } = null!;

        public async Task SignInAsync()
        {
            Officer = await Given.ApiClientAsync(app, officer);
            Supervisor = await Given.ApiClientAsync(app, supervisor);
            Coordinator = await Given.ApiClientAsync(app, coordinator);
            ProgramOffice = await Given.ApiClientAsync(app, programOffice);
        }

        /// <summary>Moves the clock; tokens last an hour, so every session is renewed with its refresh token.</summary>
        public async Task AdvanceAsync(TimeSpan by)
        {
            clock.Advance(by);
            foreach (var http in new[] { Officer, Supervisor, Coordinator, ProgramOffice }) await Given.RenewAsync(app, http);
        }

        public DateTime Now => clock.GetUtcNow().UtcDateTime;
    }

    private static async Task<World> StartAsync()
    {
        var clock = new TestClock(Start);
        var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Phi County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var taskForce = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var warrantService = await Given.AgreementAsync(app, agency, AgreementModel.WarrantService);
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officer, Start.UtcDateTime, jail, taskForce, warrantService);
        var world = new World(app, clock, agency, jail, taskForce, warrantService, officer, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"),
            await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id), await Given.UserAsync(app, Role.ProgramOffice));
        await world.SignInAsync();
        return world;
    }

    private static object Encounter(Guid agreementId, DateTime occurred, string basis = "booking", DateTime? release = null, bool interpreter = true) => new
    {
        agreementId,
        occurredAt = occurred,
        location = "County jail, booking",
        basis = basis == "booking"
            ? (object)new { kind = "booking", bookingNumber = "B-2026-4411", charges = "Aggravated assault", arrestedAt = occurred.AddHours(-6),
                bookedAt = occurred.AddHours(-5) }
            : new { kind = "stop_or_arrest", stopKind = "arrest", offense = "Driving while intoxicated, second offense", jurisdiction = "state" },
        stop = basis == "booking" ? null : new { type = "vehicular", searchConducted = true, searchBasis = "probable cause", contrabandFound = false, outcome = "arrest" },
        person = new { name = "Test Person Upsilon", dateOfBirth = "1988-04-12", fbiNumber = "FBI-7731-Q", aNumber = "A-201-555-019" },
        perception = new { races = new[] { "hispanic" }, gender = "cisgender_man", age = 37, limitedEnglish = interpreter,
            disabilities = new[] { "none" }, interpreterNeeded = interpreter, interpreterLanguage = "Spanish" },
        scheduledReleaseAt = release,
    };

    private static readonly object Detainer = new
    {
        probableCause = "Booked for aggravated assault; IDENT shows a final order of removal of 2019-03-04.",
        warrantForm = "I-205", warrantNumber = "W-205-88", warrantSignedBy = "Test SDDO Lambda", warrantSignedOn = "2026-11-30",
    };

    /// <summary>The custody watch, run once as the app's timer would.</summary>
    private static Task<CustodyWatch.Outcome> Watch(TestApp app) =>
        app.WithDbAsync((_, services) => services.GetRequiredService<CustodyWatch>().RunAsync(CancellationToken.None));

    private static Task<Deadline> DeadlineOf(TestApp app, Guid subject, string rule) =>
        app.WithDbAsync((db, _) => db.Deadlines.OrderByDescending(d => d.StartedAt).FirstAsync(d => d.SubjectId == subject && d.Rule == rule));

    [Fact]
    public async Task ChargingDocuments_WaitInTheSupervisionQueue_AnIceSupervisorSigns_AndTheDeadlineCloses()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/",
            Encounter(w.Jail.Id, w.Now.AddMinutes(-20), release: w.Now.AddHours(4)), Ct))).GetProperty("id").GetGuid();
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
        var prepared = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "nta_prepared", reference = "NTA-2026-0091" }, Ct));
        var document = prepared.GetProperty("documents")[0];
        document.GetProperty("status").GetString().ShouldBe("awaiting_signature");
        (await DeadlineOf(w.App, id, "document.review")).Status.ShouldBe(DeadlineStatus.Open);
        var queue = await Api.Ok(w.Supervisor.GetAsync("/api/v1/supervision", Ct));
        queue.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("reference").GetString()).ShouldContain("NTA-2026-0091");

        var documentId = document.GetProperty("id").GetGuid();
        await Api.Refused(w.Coordinator.PostAsJsonAsync($"/api/v1/documents/{documentId}/review", new { decision = "sign" }, Ct),
            HttpStatusCode.Forbidden, RuleBook.DocumentIceSignatureOnly.Code);
        await Api.Refused(w.Supervisor.PostAsJsonAsync($"/api/v1/documents/{documentId}/review", new { decision = "return" }, Ct),
            HttpStatusCode.UnprocessableEntity, RuleBook.DocumentReturnReason.Code);
        var signed = await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/documents/{documentId}/review", new { decision = "sign" }, Ct));
        signed.GetProperty("documents")[0].GetProperty("status").GetString().ShouldBe("signed");
        signed.GetProperty("documents")[0].GetProperty("reviewedByName").GetString().ShouldNotBeNullOrEmpty();
        (await DeadlineOf(w.App, id, "document.review")).Status.ShouldBe(DeadlineStatus.Met);
        (await Api.Ok(w.Supervisor.GetAsync("/api/v1/supervision", Ct))).GetProperty("documents").EnumerateArray().ShouldBeEmpty();
        await w.App.WithDbAsync(async (db, _) =>
            (await db.Notifications.CountAsync(n => n.UserId == w.OfficerUser.Id && n.Kind == "document.signed")).ShouldBe(1));
    }

    [Fact]
    public async Task TaskForceStatistics_IceAsksByADate_TheAgencyAnswersWithWhatWasCounted_AndTheExportListsEachRow()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var today = DateOnly.FromDateTime(w.Now);
        // Two task force arrests, one taken to ICE; a jail encounter that must not be counted.
        for (var i = 0; i < 2; i++)
        {
            var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/",
                Encounter(w.TaskForce.Id, w.Now.AddMinutes(-30 + i), basis: "stop", interpreter: false), Ct))).GetProperty("id").GetGuid();
            await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
                new { kind = "deconflicted", reference = $"DECON-{i}", checks = new[] { "wants_warrants", "criminal_history", "address", "vehicle" } }, Ct));
            await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
                new { kind = "arrest_without_warrant", reasonToBelieve = "Prior removal; said he would leave the state tonight" }, Ct));
            if (i == 0) await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
                new { kind = "custody_transferred", localCharges = "dismissed", details = "ERO Atlanta" }, Ct));
        }
        await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-10)), Ct));

        var ask = new { periodFrom = today.AddDays(-30), periodTo = today, dueOn = today.AddDays(14),
            measures = new[] { "encounters", "arrests_without_warrant", "custody_transfers" }, note = "Quarterly comparison" };
        await Api.Refused(w.Supervisor.PostAsJsonAsync($"/api/v1/agreements/{w.Jail.Id}/statistics-requests", ask, Ct),
            HttpStatusCode.UnprocessableEntity, StatisticsRequests.NotInModel.Code);
        await Api.Refused(w.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{w.TaskForce.Id}/statistics-requests", ask, Ct),
            HttpStatusCode.Forbidden, StatisticsRequests.IceRequests.Code);
        var request = await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/agreements/{w.TaskForce.Id}/statistics-requests", ask, Ct));
        var requestId = request.GetProperty("id").GetGuid();
        var due = await DeadlineOf(w.App, w.TaskForce.Id, "statistics.due");
        (due.Status, due.AssigneeId).ShouldBe((DeadlineStatus.Open, null));

        await Api.Refused(w.Supervisor.PostAsJsonAsync($"/api/v1/statistics-requests/{requestId}/answer", new { note = "x" }, Ct),
            HttpStatusCode.Forbidden, StatisticsRequests.AgencyAnswers.Code);
        var answered = await Api.Ok(w.Coordinator.PostAsJsonAsync($"/api/v1/statistics-requests/{requestId}/answer",
            new { note = "From the 287(g) records" }, Ct));
        var counts = answered.GetProperty("counts");
        (counts.GetProperty("encounters").GetInt32(), counts.GetProperty("arrests_without_warrant").GetInt32(),
            counts.GetProperty("custody_transfers").GetInt32()).ShouldBe((2, 2, 1));
        (await DeadlineOf(w.App, w.TaskForce.Id, "statistics.due")).Status.ShouldBe(DeadlineStatus.Met);
        await Api.Refused(w.Coordinator.PostAsJsonAsync($"/api/v1/statistics-requests/{requestId}/answer", new { note = "Again" }, Ct),
            HttpStatusCode.UnprocessableEntity, StatisticsRequests.AlreadyAnswered.Code);

        // The export lists exactly the rows counted, and the count equals a count made directly in the database.
        var csv = await w.Supervisor.GetStringAsync($"/api/v1/statistics-requests/{requestId}/export", Ct);
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
        rows.Count(r => r[0] == "encounters").ShouldBe(2);
        rows.Count(r => r[0] == "custody_transfers").ShouldBe(1);
        var direct = await w.App.WithDbAsync((db, _) => db.EncounterEvents.CountAsync(e => e.Kind == "arrest_without_warrant"
            && db.Encounters.Any(x => x.Id == e.EncounterId && x.AgreementId == w.TaskForce.Id)));
        rows.Count(r => r[0] == "arrests_without_warrant").ShouldBe(direct);
        csv.ShouldNotContain("Test Person");
    }

    [Fact]
    public async Task TheAgencysInterpreterList_IsKeptByItsCoordinator_AndARemovedOneStaysWithItsEnd()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var url = $"/api/v1/agencies/{w.Agency.Id}/interpreters";
        await Api.Refused(w.Officer.PostAsJsonAsync(url, new { name = "Test Interpreter Ana", languages = "Spanish",
            qualification = "State court certified" }, Ct),
            HttpStatusCode.Forbidden, AgencyInterpreter.AgencyKeepsTheList.Code);
        await Api.Refused(w.Coordinator.PostAsJsonAsync(url, new { name = "Test Interpreter Ana", languages = "Spanish" }, Ct),
            HttpStatusCode.BadRequest, "agency.interpreter_invalid");
        var added = await Api.Ok(w.Coordinator.PostAsJsonAsync(url, new { name = "Test Interpreter Ana", languages = "Spanish, K'iche'",
            qualification = "State court certified, 2024" }, Ct));
        var id = added.GetProperty("id").GetGuid();
        await Api.Ok(w.Coordinator.PostAsJsonAsync(url, new { name = "Test Language Line Co.", languages = "Over 200 languages by phone",
            company = true, qualification = "County contract 2026-118" }, Ct));
        await Api.Ok(w.Coordinator.PostAsync($"{url}/{id}/removal", null, Ct));
        await Api.Refused(w.Coordinator.PostAsync($"{url}/{id}/removal", null, Ct), HttpStatusCode.UnprocessableEntity, AgencyInterpreter.AlreadyRemoved.Code);
        var list = (await Api.Ok(w.Coordinator.GetAsync($"/api/v1/agencies/{w.Agency.Id}", Ct))).GetProperty("interpreters").EnumerateArray().ToList();
        list.Select(i => i.GetProperty("name").GetString()).ShouldBe(["Test Language Line Co.", "Test Interpreter Ana"]);
        list[1].GetProperty("removedAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task JailModel_QuestionWithInterpreter_DetainerReturnedAnsweredApproved_HoldWarnsAt36_Transferred()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var release = w.Now.AddHours(6);
        var opened = await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-20), release: release), Ct));
        var id = opened.GetProperty("id").GetGuid();
        opened.GetProperty("basis").GetProperty("kind").GetString().ShouldBe("booking");
        opened.GetRawText().ShouldNotContain("Upsilon");
        opened.GetRawText().ShouldNotContain("201-555");
        // Person data is ciphertext at rest, and never in the audit trail.
        await w.App.WithDbAsync(async (db, _) =>
        {
            var stored = await db.Encounters.SingleAsync(e => e.Id == id);
            stored.NameProtected!.ShouldStartWith("pd1:");
            stored.NameProtected.ShouldNotContain("Upsilon");
            (await db.AuditEntries.AnyAsync(a => a.Summary.Contains("Upsilon") || a.Summary.Contains("201-555"))).ShouldBeFalse();
        });

        // A coordinator reads the record but records no use of authority.
        await Api.Refused(w.Coordinator.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct),
            HttpStatusCode.Forbidden, "encounter.own_record_only");
        await Api.Refused(w.Coordinator.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now), Ct), HttpStatusCode.Forbidden,
            "encounter.own_record_only");
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = false }, Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.interpreter_required");
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct));
        // Record checks come before a detainer (Knox MOA, Appendix A).
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct), HttpStatusCode.UnprocessableEntity,
            "action.record_checks_first");
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "record_check", systems = "IDENT, NCIC", result = "Final order of removal, 2019" }, Ct));

        // The detainer goes to the area's ICE supervisors, who have 8 hours to review it.
        var requested = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct));
        var detainerId = requested.GetProperty("detainers")[0].GetProperty("id").GetGuid();
        var review = await DeadlineOf(w.App, id, "detainer.review");
        (review.WaitsOn, review.DueAt).ShouldBe((Role.FieldSupervisor, w.Now.AddHours(8)));
        (await w.App.WithDbAsync((db, _) => db.Notifications.CountAsync(n => n.UserId == w.SupervisorUser.Id && n.Kind == "detainer.requested"))).ShouldBe(1);
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/detainers/{detainerId}/review", new { decision = "approve" }, Ct),
            HttpStatusCode.Forbidden, "detainer.ice_supervisor_only");

        await w.AdvanceAsync(TimeSpan.FromHours(1));
        await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/detainers/{detainerId}/review",
            new { decision = "return", note = "Attach the removal order's date and court." }, Ct));
        (await DeadlineOf(w.App, id, "detainer.review")).Status.ShouldBe(DeadlineStatus.Met);
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/detainers/{detainerId}/answer",
            new { answer = "Order of 2019-03-04, Dallas immigration court." }, Ct));
        (await DeadlineOf(w.App, id, "detainer.review")).Status.ShouldBe(DeadlineStatus.Open);
        await w.AdvanceAsync(TimeSpan.FromHours(1));
        var approved = await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/detainers/{detainerId}/review", new { decision = "approve" }, Ct));
        approved.GetProperty("detainers")[0].GetProperty("status").GetString().ShouldBe("issued");
        var transmit = await DeadlineOf(w.App, id, "detainer.transmit");
        (transmit.AssigneeId, transmit.DueAt).ShouldBe((w.OfficerUser.Id, w.Now.AddHours(24)));
        // The hold starts only once the detainer is served on the person.
        (await w.App.WithDbAsync((db, _) => db.Deadlines.CountAsync(d => d.SubjectId == id && d.Rule == "custody.hold_limit"))).ShouldBe(0);
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "detainer_served" }, Ct));
        var hold = await DeadlineOf(w.App, id, "custody.hold_limit");
        (hold.DueAt, hold.WarnAt).ShouldBe((release.AddHours(48), release.AddHours(36)));
        await Api.Ok(w.Officer.PostAsync($"/api/v1/detainers/{detainerId}/transmission", null, Ct));
        (await DeadlineOf(w.App, id, "detainer.transmit")).Status.ShouldBe(DeadlineStatus.Met);

        // 36 hours past the scheduled release: the watch warns the area's supervisors, the coordinator and the officer, once.
        await w.AdvanceAsync(release.AddHours(36).AddMinutes(1) - w.Now);
        (await Watch(w.App)).Warned.ShouldBe(1);
        (await Watch(w.App)).Warned.ShouldBe(0);
        await w.App.WithDbAsync(async (db, _) =>
        {
            var warned = await db.Notifications.Where(n => n.Kind == "custody.warning").Select(n => n.UserId).ToListAsync();
            warned.ShouldContain(w.SupervisorUser.Id);
            warned.ShouldContain(w.CoordinatorUser.Id);
            warned.ShouldContain(w.OfficerUser.Id);
        });
        (await Api.Ok(w.Officer.GetAsync($"/api/v1/encounters/{id}", Ct))).GetProperty("custody").GetProperty("state").GetString().ShouldBe("past_36_hours");

        var transferred = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "custody_transferred", details = "ICE ERO Atlanta took custody" }, Ct));
        transferred.GetProperty("outcome").GetString().ShouldBe("transferred");
        (await DeadlineOf(w.App, id, "custody.hold_limit")).Status.ShouldBe(DeadlineStatus.Met);
        (await w.App.WithDbAsync((db, _) => db.Incidents.CountAsync())).ShouldBe(0);
        // The person waits in the jail for ICE: at most 48 hours, with no reimbursable detention agreement.
        transferred.GetProperty("custody").GetProperty("state").GetString().ShouldBe("with_ice_in_jail");
        var stay = await DeadlineOf(w.App, id, "custody.after_transfer_limit");
        stay.DueAt.ShouldBe(w.Now.AddHours(48));
        await w.AdvanceAsync(TimeSpan.FromHours(48).Add(TimeSpan.FromMinutes(1)));
        (await Watch(w.App)).Overdetained.ShouldBe(1);
        (await w.App.WithDbAsync((db, _) => db.Incidents.SingleAsync())).Kind.ShouldBe("stay_past_limit");
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "supervisor_contact", supervisorName = "Test SDDO" }, Ct),
            HttpStatusCode.UnprocessableEntity, "custody.after_transfer_limit");
        var left = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "picked_up_by_ice", details = "ERO Atlanta transport" }, Ct));
        left.GetProperty("closedAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
        (await DeadlineOf(w.App, id, "custody.after_transfer_limit")).Status.ShouldBe(DeadlineStatus.Missed);
        var events = left.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        events.ShouldBe(["opened", "questioning", "record_check", "detainer.requested", "detainer.returned", "detainer.answered", "detainer.issued",
            "detainer_served", "detainer.transmitted", "custody_transferred", "picked_up_by_ice"]);

        // Who reads the person reads it on purpose, and the read is logged; oversight does not.
        var oversight = await Given.ApiClientAsync(w.App, await Given.UserAsync(w.App, Role.Oversight));
        await Api.Refused(oversight.PostAsJsonAsync($"/api/v1/encounters/{id}/person/reads", new { purpose = "Audit" }, Ct), HttpStatusCode.Forbidden,
            "person_data.not_permitted");
        (await oversight.GetAsync($"/api/v1/encounters/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var person = await Api.Ok(w.Coordinator.PostAsJsonAsync($"/api/v1/encounters/{id}/person/reads",
            new { purpose = "Answering the inspector's records request" }, Ct));
        (person.GetProperty("name").GetString(), person.GetProperty("aNumber").GetString()).ShouldBe(("Test Person Upsilon", "A-201-555-019"));
        (await w.App.WithDbAsync((db, _) => db.PersonDataReads.SingleAsync(r => r.SubjectId == id))).Purpose.ShouldBe("Answering the inspector's records request");
        // An exact identifier finds the record without decrypting anyone, and the search is logged too.
        var found = await Api.Ok(w.Supervisor.PostAsJsonAsync("/api/v1/encounters/lookup",
            new { aNumber = "a201555019", purpose = "Prior encounters before a new detainer" }, Ct));
        found.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ShouldBe([id]);
        (await Api.Ok(w.Supervisor.PostAsJsonAsync("/api/v1/encounters/lookup",
            new { name = "test person upsilon", dateOfBirth = "1988-04-12", purpose = "Check" }, Ct)))
            .GetArrayLength().ShouldBe(1);
        // A search that finds no one is logged too, by an area supervisor as by anyone.
        (await Api.Ok(w.Supervisor.PostAsJsonAsync("/api/v1/encounters/lookup", new { aNumber = "A-999-999-999", purpose = "Check" },
            Ct))).GetArrayLength().ShouldBe(0);
        (await w.App.WithDbAsync((db, _) => db.PersonDataReads.CountAsync(r => r.SubjectType == "lookup"))).ShouldBe(3);
    }

    [Fact]
    public async Task WarrantService_TheInterpreterIsNamedOnTheWarrant_AndIceIsToldWithinTheHour()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var occurred = w.Now.AddMinutes(-10);
        var opened = await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = w.WarrantService.Id, occurredAt = occurred, location = "County jail, release desk",
            basis = new { kind = "warrant", warrantForm = "I-205", warrantNumber = "W-205-88", warrantSignedBy = "Test SDDO Omega",
                warrantSignedOn = Section287.Common.Clock.DayOf(occurred).AddDays(-2) },
            person = new { name = "Test Person Omicron", dateOfBirth = "1990-01-01" },
            perception = new { races = new[] { "asian" }, gender = "cisgender_woman", age = 33, limitedEnglish = true,
                disabilities = new[] { "none" }, interpreterNeeded = true, interpreterLanguage = "Vietnamese" },
            scheduledReleaseAt = w.Now.AddMinutes(5),
        }, Ct));
        var id = opened.GetProperty("id").GetGuid();
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "warrant_served", interpreterUsed = true }, Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.interpreter_named");
        var served = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "warrant_served", interpreterUsed = true, interpreterName = "Test Interpreter Lan" }, Ct));
        served.GetProperty("events").EnumerateArray().Last().GetProperty("details").GetString()!.ShouldContain("Interpreter: Test Interpreter Lan");
        var notice = await DeadlineOf(w.App, id, "encounter.warrant_service_notice");
        (notice.AssigneeId, notice.DueAt).ShouldBe((w.OfficerUser.Id, w.Now.AddHours(1)));
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "ice_notified", supervisorName = "Test Deportation Officer Pi" }, Ct));
        (await DeadlineOf(w.App, id, "encounter.warrant_service_notice")).Status.ShouldBe(DeadlineStatus.Met);
        // The task force and jail models have no such notice; warrant service officers do not question anyone.
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct),
            HttpStatusCode.UnprocessableEntity, "action.not_in_model");
    }

    [Fact]
    public async Task WarrantService_TheWarrantIsServedAtTheRelease_CustodyPassesAfterIt_TheStayIsWatched_AndALateEntryIsJudgedAtItsTime()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var occurred = w.Now.AddMinutes(-10);
        var release = w.Now.AddDays(3);
        var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = w.WarrantService.Id, occurredAt = occurred, location = "County jail, release desk",
            basis = new { kind = "warrant", warrantForm = "I-200", warrantNumber = "W-200-31", warrantSignedBy = "Test SDDO Omega",
                warrantSignedOn = Section287.Common.Clock.DayOf(occurred).AddDays(-1) },
            person = new { name = "Test Person Sigma", dateOfBirth = "1991-05-06" },
            perception = new { races = new[] { "white" }, gender = "cisgender_man", age = 35, limitedEnglish = false,
                disabilities = new[] { "none" }, interpreterNeeded = false },
            scheduledReleaseAt = release,
        }, Ct))).GetProperty("id").GetGuid();
        string Act(string kind) => $"/api/v1/encounters/{id}/actions";
        // Three days before the release: neither the warrant nor the transfer.
        await Api.Refused(w.Officer.PostAsJsonAsync(Act("warrant_served"), new { kind = "warrant_served" }, Ct), HttpStatusCode.UnprocessableEntity,
            "custody.warrant_at_release");
        await Api.Refused(w.Officer.PostAsJsonAsync(Act("custody_transferred"), new { kind = "custody_transferred" }, Ct),
            HttpStatusCode.UnprocessableEntity, "custody.transfer_needs_warrant_or_detainer");

        // The officer's page says when the warrant may be served.
        var page = await (await FormSignIn.SignInAsync(w.App, w.OfficerUser)).GetStringAsync($"/staff/encounters/{id}", Ct);
        page.ShouldContain("id=\"warrant-window\"");
        page.ShouldContain(Section287.Features.Shared.StaffFormat.Time(release - Section287.Features.Encounters.Encounter.ReleaseWindow));

        // An hour before it: the warrant is served; custody still waits for the release.
        await w.AdvanceAsync(release.AddHours(-1) - w.Now);
        await Api.Ok(w.Officer.PostAsJsonAsync(Act("warrant_served"), new { kind = "warrant_served" }, Ct));
        await Api.Refused(w.Officer.PostAsJsonAsync(Act("custody_transferred"), new { kind = "custody_transferred" }, Ct),
            HttpStatusCode.UnprocessableEntity, "custody.transfer_at_release");
        await w.AdvanceAsync(release - w.Now);
        var transferred = await Api.Ok(w.Officer.PostAsJsonAsync(Act("custody_transferred"), new { kind = "custody_transferred" }, Ct));
        transferred.GetProperty("custody").GetProperty("state").GetString().ShouldBe("with_ice_in_jail");
        (await DeadlineOf(w.App, id, "custody.after_transfer_limit")).DueAt.ShouldBe(release.AddHours(48));

        // Fifty hours on, with nobody having looked: ICE's pickup 47 hours after the transfer is entered now. Dated before the limit it
        // stands, as late and with its reason; dated after, it would have been a stay past the limit.
        await w.AdvanceAsync(TimeSpan.FromHours(50));
        await Api.Refused(w.Officer.PostAsJsonAsync(Act("picked_up_by_ice"), new { kind = "picked_up_by_ice", at = release.AddHours(47) }, Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.late_reason_required");
        await Api.Refused(w.Officer.PostAsJsonAsync(Act("supervisor_contact"),
            new { kind = "supervisor_contact", supervisorName = "Test SDDO", at = release.AddHours(49), lateReason = "Logged late." }, Ct),
            HttpStatusCode.UnprocessableEntity, "custody.after_transfer_limit");
        var left = await Api.Ok(w.Officer.PostAsJsonAsync(Act("picked_up_by_ice"),
            new { kind = "picked_up_by_ice", at = release.AddHours(47), lateReason = "ERO's pickup sheet reached the desk two days later." }, Ct));
        left.GetProperty("closedAt").GetDateTime().ShouldBe(release.AddHours(47));
        (await Watch(w.App)).Overdetained.ShouldBe(0);
        (await w.App.WithDbAsync((db, _) => db.Incidents.CountAsync())).ShouldBe(0);
        (await DeadlineOf(w.App, id, "custody.after_transfer_limit")).Status.ShouldBe(DeadlineStatus.Met);
    }

    [Fact]
    public async Task AHoldPast48Hours_IsACriticalIncidentOnEveryQueue_AndOnlyReleaseOrTransferFollows()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var release = w.Now.AddHours(2);
        var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-5), release: release),
            Ct))).GetProperty("id").GetGuid();
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
        var detainerId = (await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer,
            Ct))).GetProperty("detainers")[0].GetProperty("id").GetGuid();
        await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/detainers/{detainerId}/review", new { decision = "approve" }, Ct));
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "detainer_served" }, Ct));

        await w.AdvanceAsync(release.AddHours(48).AddMinutes(3) - w.Now);
        // Even before the watch runs, the record refuses anything but release or transfer.
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct),
            HttpStatusCode.UnprocessableEntity, "custody.hold_limit");
        (await Watch(w.App)).Overdetained.ShouldBe(1);
        (await Watch(w.App)).Overdetained.ShouldBe(0);
        await w.App.WithDbAsync(async (db, _) =>
        {
            var incident = await db.Incidents.SingleAsync();
            (incident.Kind, incident.OccurredAt).ShouldBe(("overdetention", release.AddHours(48)));
            var critical = await db.Notifications.Where(n => n.Kind == "incident.overdetention").Select(n => n.UserId).ToListAsync();
            critical.ShouldContain(w.ProgramOfficeUser.Id);
            critical.ShouldContain(w.CoordinatorUser.Id);
            critical.ShouldContain(w.SupervisorUser.Id);
        });
        var view = await Api.Ok(w.Officer.GetAsync($"/api/v1/encounters/{id}", Ct));
        view.GetProperty("custody").GetProperty("state").GetString().ShouldBe("past_48_hours");
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "released", details = "Released at once" }, Ct));
        (await DeadlineOf(w.App, id, "custody.hold_limit")).Status.ShouldBe(DeadlineStatus.Missed);
    }

    [Fact]
    public async Task TaskForce_SupervisorContactWithinTwoHours_ArrestWithoutWarrantToIceTheSameDay_PlannedActionsDeconflicted()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var occurred = w.Now.AddMinutes(-10);
        var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/",
            Encounter(w.TaskForce.Id, occurred, basis: "stop", interpreter: false), Ct))).GetProperty("id").GetGuid();
        var contact = await DeadlineOf(w.App, id, "encounter.supervisor_contact");
        (contact.AssigneeId, contact.DueAt).ShouldBe((w.OfficerUser.Id, occurred.AddHours(2)));
        // Task force detainers only for categories ICE supervisors set: none yet.
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct), HttpStatusCode.UnprocessableEntity,
            "action.outside_ice_categories");
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "supervisor_contact", supervisorName = "Test SDDO Mu" }, Ct));
        // Deconfliction before any enforcement action, planned or not.
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "arrest_without_warrant", reasonToBelieve = "Removed in 2021; no fixed address" }, Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.deconfliction_required");
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "deconflicted", reference = "DECON-2026-113", checks = new[] { "wants_warrants", "criminal_history", "address", "vehicle" } }, Ct));
        (await DeadlineOf(w.App, id, "encounter.supervisor_contact")).Status.ShouldBe(DeadlineStatus.Met);
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "arrest_without_warrant", reasonToBelieve = "Removed in 2021; no fixed address; said he would leave the state tonight" }, Ct));
        var sameDay = await DeadlineOf(w.App, id, "encounter.same_day_to_ice");
        sameDay.DueAt.ShouldBe(Section287.Common.Clock.EndOfDayUtc(Section287.Common.Clock.DayOf(w.Now)));
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions",
            new { kind = "custody_transferred", details = "ICE ERO took custody", localCharges = "none" }, Ct));
        (await DeadlineOf(w.App, id, "encounter.same_day_to_ice")).Status.ShouldBe(DeadlineStatus.Met);

        var planned = Encounter(w.TaskForce.Id, w.Now.AddMinutes(-1), basis: "stop", interpreter: false);
        var json = JsonSerializer.SerializeToNode(planned, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        json["planned"] = true;
        await Api.Refused(w.Officer.PostAsync("/api/v1/encounters/", JsonContent.Create(json), Ct), HttpStatusCode.UnprocessableEntity,
            "encounter.deconfliction_required");
        json["deconflictionReference"] = "DECON-2026-114";
        json["deconflictedAt"] = w.Now.AddHours(-3);
        json["deconflictionChecks"] = new JsonArray("wants_warrants", "criminal_history", "address", "vehicle");
        var plannedId = (await Api.Ok(w.Officer.PostAsync("/api/v1/encounters/", JsonContent.Create(json), Ct))).GetProperty("id").GetGuid();
        // An arrest on an ICE warrant is taken to ICE the same day too (section VI speaks of every arrest on behalf of ICE).
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{plannedId}/actions",
            new { kind = "warrant_served", warrantForm = "I-200", warrantNumber = "W-200-77" }, Ct));
        (await DeadlineOf(w.App, plannedId, "encounter.same_day_to_ice")).DueAt
            .ShouldBe(Section287.Common.Clock.EndOfDayUtc(Section287.Common.Clock.DayOf(w.Now)));
    }

    [Fact]
    public async Task ACitizenshipClaim_StopsEverything_IsReportedWithinTheHour_AndResolvedByIce()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var id = (await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-30)), Ct))).GetProperty("id").GetGuid();
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/citizenship-claims", new { statement = "Says he was born in Laredo, Texas." }, Ct));
        var report = await DeadlineOf(w.App, id, "citizenship.report");
        (report.AssigneeId, report.DueAt).ShouldBe((w.OfficerUser.Id, w.Now.AddHours(1)));
        (await DeadlineOf(w.App, id, "citizenship.resolution")).WaitsOn.ShouldBe(Role.FieldSupervisor);
        (await w.App.WithDbAsync((db, _) => db.Notifications.CountAsync(n => n.UserId == w.SupervisorUser.Id && n.Kind == "citizenship.claimed"))).ShouldBe(1);
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct),
            HttpStatusCode.UnprocessableEntity, "citizenship.claim_open");
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct), HttpStatusCode.UnprocessableEntity,
            "citizenship.claim_open");

        // Reported late: the deadline is kept as missed, so the measure counts it.
        await w.AdvanceAsync(TimeSpan.FromMinutes(75));
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/citizenship-claims/report", new { reportedTo = "Test SDDO Nu" }, Ct));
        (await DeadlineOf(w.App, id, "citizenship.report")).Status.ShouldBe(DeadlineStatus.Missed);
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/citizenship-claims/resolution",
            new { outcome = "us_citizen", explanation = "x" }, Ct),
            HttpStatusCode.Forbidden, "citizenship.ice_supervisor_only");
        await Api.Ok(w.Supervisor.PostAsJsonAsync($"/api/v1/encounters/{id}/citizenship-claims/resolution",
            new { outcome = "us_citizen", explanation = "Texas birth certificate verified with the state registrar." }, Ct));
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct),
            HttpStatusCode.UnprocessableEntity, "citizenship.us_citizen");
        var released = await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "released" }, Ct));
        released.GetProperty("claims")[0].GetProperty("outcome").GetString().ShouldBe("us_citizen");
        released.GetProperty("usCitizenConfirmed").GetBoolean().ShouldBeTrue();
    }

    /// <summary>Issue 14, item 10: two corrections sent at once from the same version: one is kept, the other is told it is stale.</summary>
    [Fact]
    public async Task SimultaneousCorrections_OneWins_TheOtherGets409_NeverA500()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var opened = await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-30)), Ct));
        var id = opened.GetProperty("id").GetGuid();
        await Api.Refused(w.Officer.PutAsJsonAsync($"/api/v1/encounters/{id}", new { location = "Annex", explanation = "No version." }, Ct),
            HttpStatusCode.BadRequest, "encounter.version_required");
        var version = opened.GetProperty("version").GetInt64();
        for (var round = 0; round < 10; round++)
        {
            var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => w.Officer.PutAsJsonAsync($"/api/v1/encounters/{id}",
                new { location = $"Annex {round}-{i}", explanation = $"Round {round}, writer {i}.", version }, Ct)));
            both.Select(r => (int)r.StatusCode).Order().ToList().ShouldBe([200, 409], $"round {round}");
            version = (await w.Officer.GetFromJsonAsync<JsonElement>($"/api/v1/encounters/{id}", Ct)).GetProperty("version").GetInt64();
        }
        var versions = (await w.Officer.GetFromJsonAsync<JsonElement>($"/api/v1/encounters/{id}", Ct)).GetProperty("versions").GetArrayLength();
        versions.ShouldBe(10);
    }

    [Fact]
    public async Task WithoutAuthority_NoEncounter_AndTheRefusalListsEveryReason_AndCorrectionsKeepEveryVersion()
    {
        var w = await StartAsync();
        await using var app = w.App;
        var opened = await Api.Ok(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now.AddMinutes(-30)), Ct));
        var id = opened.GetProperty("id").GetGuid();
        var version = opened.GetProperty("version").GetInt64();
        await Api.Refused(w.Officer.PutAsJsonAsync($"/api/v1/encounters/{id}", new { location = "Annex", version }, Ct), HttpStatusCode.UnprocessableEntity,
            "encounter.correction_explanation_required");
        var corrected = await Api.Ok(w.Officer.PutAsJsonAsync($"/api/v1/encounters/{id}",
            new { location = "Annex jail, booking", explanation = "Booked at the annex.", version }, Ct));
        corrected.GetProperty("versions")[0].GetProperty("changes").GetProperty("location")[0].GetString().ShouldBe("County jail, booking");
        corrected.GetProperty("location").GetString().ShouldBe("Annex jail, booking");

        await Api.Ok(w.ProgramOffice.PostAsJsonAsync($"/api/v1/agreements/{w.Jail.Id}/suspension",
            Notices.Suspension("Inspection found questioning without interpreters"), Ct));
        var refused = await Api.Refused(w.Officer.PostAsJsonAsync("/api/v1/encounters/", Encounter(w.Jail.Id, w.Now), Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.no_authority");
        refused.GetProperty("errors").GetProperty("authority")[0].GetString()!.ShouldStartWith("authority.agreement_suspended");
        await Api.Refused(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "questioning", interpreterUsed = true }, Ct),
            HttpStatusCode.UnprocessableEntity, "encounter.no_authority");
        // Release needs no 287(g) authority.
        await Api.Ok(w.Officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "released" }, Ct));
        // The rules are public, with the same codes and sentences as the refusals.
        var rules = await Api.Ok(w.App.Client().GetAsync("/api/v1/rules", Ct));
        rules.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "encounter.no_authority").GetProperty("sentence").GetString()
            .ShouldBe(RuleBook.NoAuthority.Sentence);
        refused.GetProperty("title").GetString()!.ShouldStartWith(RuleBook.NoAuthority.Sentence);
        var openApi = await w.App.Client().GetStringAsync("/openapi/v1.json", Ct);
        foreach (var rule in RuleBook.All) openApi.ShouldContain($"`{rule.Code}`");
    }
}
