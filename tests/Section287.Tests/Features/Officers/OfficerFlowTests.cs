using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Tests.Features.Officers;

/// <summary>
/// Officers through the API on the suite's database (SQLite and PostgreSQL), with a clock the test moves: nomination,
/// vetting, training, certification, authorization, authority at any instant, and authority that lapses on its own.
/// </summary>
public sealed class OfficerFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<JsonElement> Ok(Task<HttpResponseMessage> call) => Api.Ok(call);

    private static Task<JsonElement> Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code) => Api.Refused(call, status, code);

    private static object Nominee(string name, string badge, bool detention = true, decimal years = 6m, string? details = null) => new
    {
        fullName = name, badgeNumber = badge, rank = "Deputy", hiredOn = "2018-03-01", experienceYears = years,
        citizenshipAttested = true, detentionTrained = detention, hasDisciplinaryRecord = details is not null, forceAllegation = false,
        discriminationAllegation = false, disciplinaryDetails = details,
    };

    private sealed class Setup(TestApp app, TestClock clock, Guid agencyId, Guid agreementId, TestUser coordinator, TestUser supervisor,
        TestUser programOffice, Guid courseId)
    {
        public TestApp App => app;
        public TestClock Clock => clock;
        public Guid AgencyId => agencyId;
        public Guid AgreementId => agreementId;
        public TestUser SupervisorUser => supervisor;
        public TestUser CoordinatorUser => coordinator;
        public Guid JemCourseId => courseId;
        public HttpClient Coordinator { get; private set; } = null!;
        public HttpClient Supervisor { get; private set; } = null!;
        public HttpClient ProgramOffice { get; private set; } = null!;

        /// <summary>Bearer tokens last an hour on the app's clock: after the test moves it, every session is renewed.</summary>
        public async Task SignInAsync()
        {
            Coordinator = await Given.ApiClientAsync(app, coordinator);
            Supervisor = await Given.ApiClientAsync(app, supervisor);
            ProgramOffice = await Given.ApiClientAsync(app, programOffice);
        }

        public async Task AdvanceAsync(TimeSpan by)
        {
            clock.Advance(by);
            foreach (var http in new[] { Coordinator, Supervisor, ProgramOffice }) await Given.RenewAsync(app, http);
        }
    }

    private static async Task<Setup> StartAsync(TestClock clock, AgreementModel model = AgreementModel.Jail)
    {
        var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, model);
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var supervisor = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var programOffice = await Given.UserAsync(app, Role.ProgramOffice);
        var courses = await Ok((await Given.ApiClientAsync(app, programOffice)).GetAsync("/api/v1/courses/", Ct));
        var course = courses.EnumerateArray().Single(c => c.GetProperty("code").GetString() == $"{model.Code()}-BASIC").GetProperty("id").GetGuid();
        var setup = new Setup(app, clock, agency.Id, agreement.Id, coordinator, supervisor, programOffice, course);
        await setup.SignInAsync();
        return setup;
    }

    /// <summary>Nominates, vets, trains and certifies an officer; returns the officer's and the nomination's ids and the enrollment.</summary>
    private static async Task<(Guid Officer, Guid Nomination)> CertifiedOfficerAsync(Setup s, string name, string badge)
    {
        var officer = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee(name, badge), Ct));
        var officerId = officer.GetProperty("id").GetGuid();
        var nominationId = officer.GetProperty("nominations")[0].GetProperty("id").GetGuid();
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "requested" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct));
        var course = await Ok(s.ProgramOffice.GetAsync($"/api/v1/courses/{s.JemCourseId}", Ct));
        var today = DateOnly.FromDateTime(s.Clock.GetUtcNow().UtcDateTime);
        var scheduled = await Ok(s.ProgramOffice.PostAsJsonAsync("/api/v1/classes/", new
        {
            courseId = s.JemCourseId, startsOn = today.ToString("yyyy-MM-dd"), endsOn = today.AddDays(27).ToString("yyyy-MM-dd"),
            delivery = "in_person", location = "ICE Academy, Charleston", capacity = 24, instructor = "Test Instructor Psi",
        }, Ct));
        var classId = scheduled.GetProperty("class").GetProperty("id").GetGuid();
        var enrolled = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{classId}/enrollments", new { officerId }, Ct));
        var enrollmentId = enrolled.GetProperty("enrollments").EnumerateArray().Single(e => e.GetProperty("officerId").GetGuid() == officerId).GetProperty("id").GetGuid();
        await Ok(s.Supervisor.PutAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/attendance", new { hours = course.GetProperty("hours").GetDecimal() }, Ct));
        foreach (var exam in course.GetProperty("exams").EnumerateArray())
            await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams",
                new { exam = exam.GetProperty("key").GetString(), score = 85 }, Ct));
        await Ok(s.Supervisor.PostAsync($"/api/v1/enrollments/{enrollmentId}/completion", null, Ct));
        return (officerId, nominationId);
    }

    [Fact]
    public async Task NominateVetTrainCertifyAuthorize_ThenTheRefresherLapses_AndAuthorityIsWithdrawnWithTheReason_WithoutAnyoneActing()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;

        // Eligibility is checked on nomination, with the rule's code.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations",
            Nominee("Test Officer Alpha", "J-1", detention: false), Ct),
            HttpStatusCode.UnprocessableEntity, "officer.detention_training_required");
        // Only the coordinator nominates; only ICE vets.
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Alpha", "J-1"), Ct),
            HttpStatusCode.Forbidden, "officer.coordinator_only");

        var officer = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Alpha", "J-1"), Ct));
        var officerId = officer.GetProperty("id").GetGuid();
        var nominationId = officer.GetProperty("nominations")[0].GetProperty("id").GetGuid();
        officer.GetProperty("nominations")[0].GetProperty("stage").GetString().ShouldBe("nominated");
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct),
            HttpStatusCode.Forbidden, "officer.ice_only");
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct),
            HttpStatusCode.UnprocessableEntity, "background.transition_not_allowed");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "requested" }, Ct));
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == officerId
            && d.Status == DeadlineStatus.Open))).Rule.ShouldBe("officer.background");

        // Training waits for a favorable background.
        var today = new DateOnly(2026, 12, 1);
        var scheduled = await Ok(s.ProgramOffice.PostAsJsonAsync("/api/v1/classes/", new
        {
            courseId = s.JemCourseId, startsOn = "2026-12-01", endsOn = "2026-12-28", delivery = "in_person", location = "ICE Academy, Charleston",
                capacity = 1, instructor = "Test Instructor Psi",
        }, Ct));
        var classId = scheduled.GetProperty("class").GetProperty("id").GetGuid();
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{classId}/enrollments", new { officerId }, Ct),
            HttpStatusCode.UnprocessableEntity, "training.background_not_favorable");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct));
        var enrolled = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{classId}/enrollments", new { officerId }, Ct));
        var enrollmentId = enrolled.GetProperty("enrollments")[0].GetProperty("id").GetGuid();
        enrolled.GetProperty("class").GetProperty("enrolled").GetInt32().ShouldBe(1);

        // The class has one seat.
        var second = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Beta", "J-2"), Ct));
        var secondNomination = second.GetProperty("nominations")[0].GetProperty("id").GetGuid();
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{secondNomination}/background", new { status = "requested" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{secondNomination}/background", new { status = "favorable" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{classId}/enrollments", new { officerId = second.GetProperty("id").GetGuid() }, Ct),
            HttpStatusCode.UnprocessableEntity, "training.class_full");

        // Exams under the jail model's rules: one make-up in the whole course.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "law", score = 90 }, Ct),
            HttpStatusCode.Forbidden, "training.ice_only");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "law", score = 64 }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "law", score = 78 }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "processing", score = 91 }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "rights", score = 88 }, Ct));
        await Refused(s.Supervisor.PostAsync($"/api/v1/enrollments/{enrollmentId}/completion", null, Ct), HttpStatusCode.UnprocessableEntity,
            "training.incomplete");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "final", score = 82 }, Ct));
        await Ok(s.Supervisor.PutAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/attendance", new { hours = 160 }, Ct));

        // Not yet certified: authorization is refused with the rule.
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0001", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct),
            HttpStatusCode.UnprocessableEntity, "authorization.not_certified");
        await s.AdvanceAsync(TimeSpan.FromDays(27));
        var completed = await Ok(s.Supervisor.PostAsync($"/api/v1/enrollments/{enrollmentId}/completion", null, Ct));
        var certificateId = completed.GetProperty("enrollments")[0].GetProperty("certificateId").GetGuid();
        var certifiedAt = clock.GetUtcNow().UtcDateTime;
        var refresher = await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == officerId && d.Rule == "officer.refresher"));
        refresher.DueAt.ShouldBe(Section287.Common.Clock.EndOfDayUtc(new DateOnly(2026, 12, 28).AddMonths(24)));

        var before = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct));
        before.GetProperty("granted").GetBoolean().ShouldBeFalse();
        before.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["authority.not_authorized"]);

        await s.AdvanceAsync(TimeSpan.FromHours(2));
        var authorized = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0001", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
        authorized.GetProperty("nominations")[0].GetProperty("stage").GetString().ShouldBe("authorized");
        var authorizationId = authorized.GetProperty("authorizations")[0].GetProperty("id").GetGuid();
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0002", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct),
            HttpStatusCode.UnprocessableEntity, "authorization.already_in_force");

        var now = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct));
        now.GetProperty("granted").GetBoolean().ShouldBeTrue();
        now.GetProperty("credentialNumber").GetString().ShouldBe("ICE-287G-0001");
        // Any instant: an hour before the letter, no authority.
        var earlier = certifiedAt.AddHours(1).ToString("yyyy-MM-ddTHH:mmZ");
        var past = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}&at={earlier}", Ct));
        past.GetProperty("granted").GetBoolean().ShouldBeFalse();
        past.GetProperty("reasons")[0].GetProperty("code").GetString().ShouldBe("authority.not_authorized");
        await Refused(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}&at=yesterday", Ct),
            HttpStatusCode.BadRequest, "authority.at_invalid");
        await Refused(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority", Ct), HttpStatusCode.BadRequest, "authority.agreement_required");

        // The letter and the certificate print, and say what they are.
        var letter = await s.Coordinator.GetAsync($"/api/v1/authorizations/{authorizationId}/letter", Ct);
        letter.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var letterText = await Pdf.TextAsync(await letter.Content.ReadAsByteArrayAsync(Ct));
        letterText.ShouldContain("Test Officer Alpha");
        letterText.ShouldContain("ICE-287G-0001");
        // 8 U.S.C. 1357(g)(5): the ICE position that supervises and directs the officer, on the record and the letter.
        var position = authorized.GetProperty("authorizations")[0].GetProperty("supervisingPosition").GetString()!;
        position.ShouldStartWith("Supervisory Detention and Deportation Officer, ICE ERO");
        letterText.ShouldContain("Supervised and directed by");
        var certificateText = (await Pdf.TextAsync(await (await s.Coordinator.GetAsync($"/api/v1/certificates/{certificateId}/pdf",
            Ct)).Content.ReadAsByteArrayAsync(Ct)));
        certificateText.ShouldContain("Jail Enforcement Model basic training");

        // The watch records the grant once; a second run changes nothing.
        await RunWatchAsync(s.App);
        var state = await s.App.WithDbAsync((db, _) => db.AuthorityStates.SingleAsync(x => x.OfficerId == officerId));
        state.Granted.ShouldBeTrue();

        // Two years on, the course's refresher months have passed: a reminder only, the authority stands (no MOA sets that date).
        var expires = new DateOnly(2026, 12, 28).AddMonths(24);
        await s.AdvanceAsync(Section287.Common.Clock.StartOfDayUtc(expires.AddDays(1)) - clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        (await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}",
            Ct))).GetProperty("granted").GetBoolean().ShouldBeTrue();

        // ICE requires the refresher (the jail text: as needed, not more often than every two years) by a date; the coordinator is told.
        var refresherCourse = (await Ok(s.ProgramOffice.GetAsync("/api/v1/courses/",
            Ct))).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "JEM-REFRESH");
        var due = expires.AddDays(31);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/training-requirements",
            new { officerId, kind = "refresher", courseId = refresherCourse.GetProperty("id").GetGuid(), dueOn = due, reason = "x" }, Ct),
                HttpStatusCode.Forbidden, "training.requirement_ice_only");
        var required = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/training-requirements",
            new { officerId, kind = "refresher", courseId = refresherCourse.GetProperty("id").GetGuid(), dueOn = due,
                reason = "The 2026 detainer policy changed" }, Ct));
        required.GetProperty("dueOn").GetString().ShouldBe(due.ToString("yyyy-MM-dd"));
        (await Ok(s.Coordinator.GetAsync($"/api/v1/agreements/{s.AgreementId}/training-requirements", Ct))).GetArrayLength().ShouldBe(1);
        (await s.App.WithDbAsync((db, _) => db.Notifications.CountAsync(n => n.UserId == s.CoordinatorUser.Id && n.Kind == "training.required"))).ShouldBe(1);

        // Past that date, not taken: authority ends the next day, by itself.
        var lapse = Section287.Common.Clock.StartOfDayUtc(due.AddDays(1));
        await s.AdvanceAsync(lapse - clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(1));
        var lapsed = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct));
        lapsed.GetProperty("granted").GetBoolean().ShouldBeFalse();
        lapsed.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["authority.refresher_overdue"]);
        lapsed.GetProperty("reasons")[0].GetProperty("message").GetString()!.ShouldContain("The 2026 detainer policy changed");

        var outcome = await RunWatchAsync(s.App);
        outcome.Lost.ShouldBe(1);
        (await RunWatchAsync(s.App)).Lost.ShouldBe(0);
        await s.App.WithDbAsync(async (db, _) =>
        {
            (await db.AuthorityStates.SingleAsync(x => x.OfficerId == officerId)).Granted.ShouldBeFalse();
            (await db.OfficerEvents.CountAsync(e => e.OfficerId == officerId && e.Kind == "authority.lost")).ShouldBe(1);
            // The officer's ICE supervisor is told, and the agency owes its 48-hour notice.
            (await db.Notifications.CountAsync(n => n.UserId == s.SupervisorUser.Id && n.Kind == "authority.lost")).ShouldBe(1);
            var notice = await db.Deadlines.SingleAsync(d => d.SubjectId == officerId && d.Rule == "officer.revocation_notice_agency");
            notice.DueAt.ShouldBe(notice.StartedAt.AddHours(48));
            // The audit trail holds the change of state.
            // The first state is written in the signature's own save (an OfficerStandingChanged event); the lapse by the watch.
            (await db.AuditEntries.CountAsync(e => e.EntityType == nameof(AuthorityState) && e.Action == "authorization.sign"
                && e.Summary.Contains("Granted"))).ShouldBe(1);
            (await db.AuditEntries.CountAsync(e => e.EntityType == nameof(AuthorityState) && e.Action == "authority.watch"
                && e.Summary.Contains("Granted"))).ShouldBe(1);
        });
        var history = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}", Ct));
        history.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .ShouldBe(["nominated", "background.requested", "background.favorable", "enrolled", "exam.failed", "exam.passed", "exam.passed",
                "exam.passed", "exam.passed", "certified", "authorized", "authority.lost"]);

        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/revocation-notice",
            new { note = "Officer told in writing; ICE informed by e-mail" }, Ct));
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == officerId
            && d.Rule == "officer.revocation_notice_agency"))).Status.ShouldBe(DeadlineStatus.Met);
    }

    private static Task<AuthorityWatch.Outcome> RunWatchAsync(TestApp app) =>
        app.WithDbAsync((_, services) => services.GetRequiredService<AuthorityWatch>().RunAsync(CancellationToken.None));

    [Fact]
    public async Task EveryOfficerAndTrainingRefusal_AnswersWithItsRule()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var (officerId, nominationId) = await CertifiedOfficerAsync(s, "Test Officer Theta", "J-20");
        var (secondId, secondNomination) = await CertifiedOfficerAsync(s, "Test Officer Iota", "J-21");
        var letter = new { credentialNumber = "ICE-287G-0200", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" };

        // The roster: one badge per officer, one open nomination per agreement.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Kappa", "J-20"), Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.BadgeTaken.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations",
            new { officerId, citizenshipAttested = true, detentionTrained = true, experienceYears = 6m, fullName = "Test Officer Theta",
            badgeNumber = "J-20", rank = "Deputy", hiredOn = "2018-03-01", hasDisciplinaryRecord = false, forceAllegation = false,
            discriminationAllegation = false }, Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.AlreadyNominated.Code);

        // Authorization: the field office's, once per credential number, and only on a favorable background.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization", letter, Ct), HttpStatusCode.Forbidden,
            OfficerErrors.FieldOfficeOnly.Code);
        var authorized = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization", letter, Ct));
        var authorizationId = authorized.GetProperty("authorizations")[0].GetProperty("id").GetGuid();
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{secondNomination}/authorization", letter, Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.CredentialTaken.Code);
        var pending = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Lambda", "J-22"), Ct));
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{pending.GetProperty("nominations")[0].GetProperty("id").GetGuid()}/authorization",
            letter with { }, Ct), HttpStatusCode.UnprocessableEntity, OfficerErrors.NotFavorable.Code);

        // Suspension: only a suspension is lifted, and the agency lifts only its own.
        await Refused(s.Supervisor.DeleteAsync($"/api/v1/authorizations/{authorizationId}/suspension", Ct), HttpStatusCode.UnprocessableEntity,
            OfficerErrors.NotSuspended.Code);
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/suspension", new { reason = "ICE review" }, Ct));
        await Refused(s.Coordinator.DeleteAsync($"/api/v1/authorizations/{authorizationId}/suspension", Ct), HttpStatusCode.Forbidden,
            OfficerErrors.OwnSideOnly.Code);
        await Ok(s.Supervisor.DeleteAsync($"/api/v1/authorizations/{authorizationId}/suspension", Ct));

        // An account is one officer's.
        var account = await Given.UserAsync(app, Role.DesignatedOfficer, s.AgencyId);
        await Ok(s.Coordinator.PutAsJsonAsync($"/api/v1/officers/{officerId}/account", new { email = account.Email }, Ct));
        await Refused(s.Coordinator.PutAsJsonAsync($"/api/v1/officers/{secondId}/account", new { email = account.Email }, Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.AccountTaken.Code);

        // Revoked: nothing more is done to the letter; the credentials come back once.
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/revocation",
            new { reason = "Conduct inconsistent with the agreement" }, Ct));
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/suspension", new { reason = "Late" }, Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.NotInForce.Code);
        await Ok(s.Supervisor.PostAsync($"/api/v1/authorizations/{authorizationId}/credentials-returned", null, Ct));
        await Refused(s.Supervisor.PostAsync($"/api/v1/authorizations/{authorizationId}/credentials-returned", null, Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.CredentialsAlreadyReturned.Code);
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation", new { kind = "left", reason = "Resigned" }, Ct));
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "unfavorable", reason = "Late" },
            Ct), HttpStatusCode.UnprocessableEntity, OfficerErrors.NominationEndedRule.Code);

        // Training: the catalog and classes are the program office's; the coordinator or ICE enrolls; each course's own conditions.
        var courses = await Ok(s.ProgramOffice.GetAsync("/api/v1/courses/", Ct));
        Guid Course(string code) => courses.EnumerateArray().Single(c => c.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
        await Refused(s.Supervisor.PutAsJsonAsync($"/api/v1/courses/{Course("JEM-BASIC")}", new { active = false }, Ct), HttpStatusCode.Forbidden,
            TrainingErrors.ProgramOfficeOnly.Code);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        object Class(string code, int days) => new { courseId = Course(code), startsOn = today.ToString("yyyy-MM-dd"),
            endsOn = today.AddDays(days).ToString("yyyy-MM-dd"), delivery = "in_person", location = "ICE Academy, Charleston", capacity = 24,
            instructor = "Test Instructor Psi" };
        await Refused(s.Supervisor.PostAsJsonAsync("/api/v1/classes/", Class("JEM-BASIC", 27), Ct), HttpStatusCode.Forbidden,
            TrainingErrors.ScheduleProgramOfficeOnly.Code);
        async Task<Guid> Schedule(string code, int days) => (await Ok(s.ProgramOffice.PostAsJsonAsync("/api/v1/classes/", Class(code, days),
            Ct))).GetProperty("class").GetProperty("id").GetGuid();
        var basic = await Schedule("JEM-BASIC", 27);
        var refresher = await Schedule("JEM-REFRESH", 1);
        var taskForce = await Schedule("TFM-BASIC", 5);
        var brief = await Schedule("JEM-REFRESH", 0);
        var officerUser = await Given.ApiClientAsync(app, account);
        await Refused(officerUser.PostAsJsonAsync($"/api/v1/classes/{basic}/enrollments", new { officerId = secondId }, Ct), HttpStatusCode.Forbidden,
            TrainingErrors.EnrollNotPermitted.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{basic}/enrollments", new { officerId = secondId }, Ct),
            HttpStatusCode.UnprocessableEntity, TrainingErrors.AlreadyCertified.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{taskForce}/enrollments", new { officerId = secondId }, Ct),
            HttpStatusCode.UnprocessableEntity, TrainingErrors.NoNomination.Code);
        var third = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Mu", "J-23"), Ct));
        var thirdNomination = third.GetProperty("nominations")[0].GetProperty("id").GetGuid();
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{thirdNomination}/background", new { status = "requested" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{thirdNomination}/background", new { status = "favorable" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{refresher}/enrollments", new { officerId = third.GetProperty("id").GetGuid() },
            Ct), HttpStatusCode.UnprocessableEntity, TrainingErrors.NotCertified.Code);
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{refresher}/enrollments", new { officerId = secondId }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{refresher}/enrollments", new { officerId = secondId }, Ct),
            HttpStatusCode.UnprocessableEntity, TrainingErrors.AlreadyEnrolled.Code);
        await s.AdvanceAsync(TimeSpan.FromDays(1));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{brief}/enrollments", new { officerId = secondId }, Ct),
            HttpStatusCode.UnprocessableEntity, TrainingErrors.ClassOver.Code);
        var course = await Ok(s.ProgramOffice.GetAsync($"/api/v1/courses/{Course("JEM-BASIC")}", Ct));
        await Ok(s.ProgramOffice.PutAsJsonAsync($"/api/v1/courses/{Course("JEM-BASIC")}",
            new { active = false, version = course.GetProperty("version").GetInt64() }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{basic}/enrollments", new { officerId = third.GetProperty("id").GetGuid() },
            Ct), HttpStatusCode.UnprocessableEntity, TrainingErrors.CourseInactive.Code);

        // Nominations only under an active agreement.
        await Ok(s.ProgramOffice.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/suspension",
            Notices.Suspension("Findings of unsupervised use of authority"), Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Nu", "J-24"), Ct),
            HttpStatusCode.UnprocessableEntity, OfficerErrors.AgreementNotActive.Code);
    }

    [Fact]
    public async Task ConditionsOfAuthority_DetentionDutySystemsAccessAndClearance_AreDatedFacts_AndLosingOneRefusesAuthority()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var (officerId, nominationId) = await CertifiedOfficerAsync(s, "Test Officer Xi", "J-30");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0300", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
        async Task<string[]> Reasons() => (await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct)))
            .GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();
        (await Reasons()).ShouldBeEmpty();

        // The agency assigns its officers; ICE grants and withdraws access to its systems.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "ice_systems_access", held = false, reason = "x" }, Ct),
            HttpStatusCode.Forbidden, OfficerConditions.WrongSide.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions", new { kind = "detention_duty", held = false }, Ct),
            HttpStatusCode.BadRequest, "officer.condition_invalid");
        await s.AdvanceAsync(TimeSpan.FromHours(1));
        var moved = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "detention_duty", held = false, reason = "Reassigned to patrol, north district" }, Ct));
        moved.GetProperty("conditions")[0].GetProperty("kind").GetString().ShouldBe("detention_duty");
        (await Reasons()).ShouldBe(["authority.not_on_detention_duty"]);
        // Authority at an instant: before the reassignment it was held.
        (await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}&at={clock.GetUtcNow().UtcDateTime.AddMinutes(-30):O}", Ct)))
            .GetProperty("granted").GetBoolean().ShouldBeTrue();
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "ice_systems_access", held = false, reason = "ISA rules of behavior breached; privileges withdrawn" }, Ct));
        (await Reasons()).Order().ShouldBe(["authority.no_systems_access", "authority.not_on_detention_duty"]);
        // A clearance is the task force model's condition: its loss does not touch jail authority.
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "security_clearance", held = false, reason = "Clearance lapsed" }, Ct));
        (await Reasons()).Order().ShouldBe(["authority.no_systems_access", "authority.not_on_detention_duty"]);
        await s.AdvanceAsync(TimeSpan.FromHours(1));
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "detention_duty", held = true, reason = "Back to the jail, booking unit" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/conditions",
            new { kind = "ice_systems_access", held = true, reason = "Retrained; access restored" }, Ct));
        (await Reasons()).ShouldBeEmpty();
        // The lapse was recorded by the watch, with its notice deadline, as for any other reason.
        await s.App.WithDbAsync(async (db, _) =>
            (await db.OfficerEvents.Where(e => e.OfficerId == officerId).Select(e => e.Kind).ToListAsync()).ShouldContain("condition.detention_duty"));
    }

    [Fact]
    public async Task RevokingTheLastOfficerOfAJailAgreement_OpensTheSuspensionOrTerminationProcess_ClosedByANotice()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var letters = new List<Guid>();
        foreach (var (name, badge, credential) in new[] { ("Test Officer Omicron", "J-40", "ICE-287G-0400"), ("Test Officer Pi", "J-41", "ICE-287G-0401") })
        {
            var (_, nomination) = await CertifiedOfficerAsync(s, name, badge);
            var signed = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nomination}/authorization",
                new { credentialNumber = credential, signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
            letters.Add(signed.GetProperty("authorizations")[0].GetProperty("id").GetGuid());
        }
        Task<int> Open() => s.App.WithDbAsync((db, _) => db.Deadlines.CountAsync(d => d.SubjectId == s.AgreementId
            && d.Rule == DeadlineRules.AgreementLastOfficer.Code && d.Status == DeadlineStatus.Open));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{letters[0]}/revocation",
            new { reason = "Conduct inconsistent with the agreement" }, Ct));
        (await Open()).ShouldBe(0, "another officer still participates");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{letters[1]}/revocation", new { reason = "Left the jail division" }, Ct));
        (await Open()).ShouldBe(1, "no participating officer remains (MOA, jail 2020, section IV.D)");
        await s.App.WithDbAsync(async (db, _) =>
            (await db.Notifications.CountAsync(n => n.Kind == "agreement.last_officer")).ShouldBeGreaterThan(0));
        await Ok(s.ProgramOffice.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/suspension", Notices.Suspension("No participating officer remains"), Ct));
        (await Open()).ShouldBe(0);
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == s.AgreementId
            && d.Rule == DeadlineRules.AgreementLastOfficer.Code))).Status.ShouldBe(DeadlineStatus.Met);
    }

    [Fact]
    public async Task WarrantService_RecordsAuthorizationOnIcesRequest_AndNinetyDaysNoticeWhenAnOfficerLeaves()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock, AgreementModel.WarrantService);
        await using var app = s.App;
        var nominee = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations", Nominee("Test Officer Rho", "W-50"), Ct));
        var nominationId = nominee.GetProperty("nominations")[0].GetProperty("id").GetGuid();
        var officerId = nominee.GetProperty("id").GetGuid();
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "requested" }, Ct));
        await Refused(s.Coordinator.PostAsync($"/api/v1/nominations/{nominationId}/records-access-request", null, Ct), HttpStatusCode.Forbidden,
            OfficerErrors.IceOnly.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/records-authorization", new { signedOn = "2026-11-30" }, Ct),
            HttpStatusCode.UnprocessableEntity, Nomination.RecordsAuthorizationNotRequested.Code);
        await Ok(s.Supervisor.PostAsync($"/api/v1/nominations/{nominationId}/records-access-request", null, Ct));
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct),
            HttpStatusCode.UnprocessableEntity, Nomination.RecordsAuthorizationRequired.Code);
        var signed = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/records-authorization", new { signedOn = "2026-11-30" }, Ct));
        signed.GetProperty("nominations")[0].GetProperty("recordsAuthorizationSignedOn").GetString().ShouldBe("2026-11-30");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "favorable" }, Ct));

        // 90 days' notice when the officer stops participating, where practicable (section IV.D).
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation",
            new { kind = "reassigned", reason = "Moved to investigations" }, Ct),
            HttpStatusCode.UnprocessableEntity, Officer.SeparationNotice.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation",
            new { kind = "reassigned", reason = "Moved to investigations", noticeGivenOn = "2026-10-01" }, Ct),
            HttpStatusCode.UnprocessableEntity, Officer.SeparationNotice.Code);
        var left = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation",
            new { kind = "reassigned", reason = "Moved to investigations", noticeGivenOn = "2026-10-01",
                shortNoticeReason = "The promotion list came out in October" }, Ct));
        left.GetProperty("separationNoticeOn").GetString().ShouldBe("2026-10-01");
        left.GetProperty("separationShortNotice").GetString().ShouldBe("The promotion list came out in October");

        // The clause is the warrant service text's alone.
        var jail = await StartAsync(new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero)));
        await using var jailApp = jail.App;
        var jailNominee = await Ok(jail.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{jail.AgreementId}/nominations",
            Nominee("Test Officer Sigma", "J-51"), Ct));
        await Refused(jail.Supervisor.PostAsync($"/api/v1/nominations/{jailNominee.GetProperty("nominations")[0].GetProperty("id").GetGuid()}/records-access-request", null, Ct),
            HttpStatusCode.UnprocessableEntity, Nomination.RecordsAuthorizationNotInModel.Code);
        await Ok(jail.Coordinator.PostAsJsonAsync($"/api/v1/officers/{jailNominee.GetProperty("id").GetGuid()}/separation",
            new { kind = "left", reason = "Resigned" }, Ct));
    }

    [Fact]
    public async Task SuspendingTheAgreement_WithdrawsAuthorityAtOnce_AndReinstatingRestoresIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var (officerId, nominationId) = await CertifiedOfficerAsync(s, "Test Officer Gamma", "J-7");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0107", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
        await s.AdvanceAsync(TimeSpan.FromHours(1));

        await Ok(s.ProgramOffice.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/suspension",
            Notices.Suspension("Inspection found questioning without supervision"), Ct));
        var answer = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct));
        answer.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["authority.agreement_suspended"]);
        // Recorded at the moment of the suspension, not at the watch's next tick.
        await s.App.WithDbAsync(async (db, _) =>
        {
            (await db.AuthorityStates.SingleAsync(x => x.OfficerId == officerId)).Granted.ShouldBeFalse();
            (await db.OfficerEvents.SingleAsync(e => e.OfficerId == officerId && e.Kind == "authority.lost")).Text.ShouldContain("suspended");
        });
        await s.AdvanceAsync(TimeSpan.FromDays(3));
        await Ok(s.ProgramOffice.PostAsync($"/api/v1/agreements/{s.AgreementId}/reinstatement", null, Ct));
        (await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}",
            Ct))).GetProperty("granted").GetBoolean().ShouldBeTrue();
        (await s.App.WithDbAsync((db, _) => db.OfficerEvents.CountAsync(e => e.OfficerId == officerId && e.Kind == "authority.restored"))).ShouldBe(1);
    }

    [Fact]
    public async Task RevocationAndSeparation_EndAuthority_OweNoticeAndCredentials_AndOtherAgenciesSeeNothing()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var (officerId, nominationId) = await CertifiedOfficerAsync(s, "Test Officer Delta", "J-8");
        var authorized = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/authorization",
            new { credentialNumber = "ICE-287G-0108", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
        var authorizationId = authorized.GetProperty("authorizations")[0].GetProperty("id").GetGuid();

        // Suspension by the agency; ICE may lift it; a reason is required.
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/suspension", new { reason = "" }, Ct),
            HttpStatusCode.BadRequest, "officer.reason_required");
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/suspension", new { reason = "Internal review" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/suspension", new { reason = "Again" }, Ct),
            HttpStatusCode.UnprocessableEntity, "authorization.already_suspended");
        (await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.AgreementId}", Ct)))
            .GetProperty("reasons")[0].GetProperty("code").GetString().ShouldBe("authority.authorization_suspended");
        await Ok(s.Supervisor.DeleteAsync($"/api/v1/authorizations/{authorizationId}/suspension", Ct));

        // Revocation by ICE: ICE owes the agency notice within 48 hours; credentials are due back.
        await s.AdvanceAsync(TimeSpan.FromHours(1));
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/authorizations/{authorizationId}/revocation",
            new { reason = "Conduct inconsistent with the agreement" }, Ct));
        await s.App.WithDbAsync(async (db, _) =>
        {
            var open = await db.Deadlines.Where(d => d.SubjectId == officerId && d.Status == DeadlineStatus.Open).Select(d => d.Rule).ToListAsync();
            open.ShouldContain("officer.revocation_notice_ice");
            open.ShouldContain("officer.credentials_return");
            open.ShouldNotContain("officer.revocation_notice_agency");
        });
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/revocation-notice", new { note = "x" }, Ct),
            HttpStatusCode.UnprocessableEntity, "officer.no_notice_due");
        await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/revocation-notice", new { note = "Letter to the sheriff" }, Ct));
        await Ok(s.Supervisor.PostAsync($"/api/v1/authorizations/{authorizationId}/credentials-returned", null, Ct));
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == officerId
            && d.Rule == "officer.credentials_return"))).Status.ShouldBe(DeadlineStatus.Met);

        // Separation ends the nominations.
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation", new { kind = "left", reason = "Resigned" }, Ct));
        var separated = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}", Ct));
        separated.GetProperty("nominations")[0].GetProperty("stage").GetString().ShouldBe("ended");
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/officers/{officerId}/separation", new { kind = "left", reason = "Again" }, Ct),
            HttpStatusCode.UnprocessableEntity, "officer.separated");

        // Another agency's coordinator, and a supervisor of another area, see nothing.
        var other = await Given.AgencyAsync(s.App, "Test Psi City Police Department");
        var outsider = await Given.ApiClientAsync(s.App, await Given.UserAsync(s.App, Role.AgencyCoordinator, other.Id));
        await Refused(outsider.GetAsync($"/api/v1/officers/{officerId}", Ct), HttpStatusCode.NotFound, "officer.not_found");
        var farSupervisor = await Given.ApiClientAsync(s.App, await Given.UserAsync(s.App, Role.FieldSupervisor, aor: "SEA"));
        await Refused(farSupervisor.PostAsJsonAsync($"/api/v1/nominations/{nominationId}/background", new { status = "requested" }, Ct),
            HttpStatusCode.NotFound, "nomination.not_found");
    }

    [Fact]
    public async Task TheDisciplinaryHistory_IsEncryptedAtRest_AndEveryReadIsLogged()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        const string details = "2022: sustained finding of discourtesy; 2023: excessive force allegation, not sustained";
        var officer = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/agreements/{s.AgreementId}/nominations",
            Nominee("Test Officer Epsilon", "J-9", details: details), Ct));
        var officerId = officer.GetProperty("id").GetGuid();
        officer.GetProperty("hasDisciplinaryDetails").GetBoolean().ShouldBeTrue();
        officer.GetRawText().ShouldNotContain("discourtesy");

        var stored = await s.App.WithDbAsync((db, _) => db.Officers.Where(o => o.Id == officerId).Select(o => o.DisciplinaryDetailsProtected).SingleAsync());
        stored.ShouldNotBeNull();
        stored.ShouldNotContain("discourtesy");
        (await s.App.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(e => e.Summary.Contains("discourtesy")))).ShouldBeFalse();

        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/disciplinary-history/reads", new { purpose = "" }, Ct),
            HttpStatusCode.BadRequest, "person_data.purpose_required");
        var oversight = await Given.ApiClientAsync(s.App, await Given.UserAsync(s.App, Role.Oversight));
        await Refused(oversight.PostAsJsonAsync($"/api/v1/officers/{officerId}/disciplinary-history/reads", new { purpose = "Curious" }, Ct),
            HttpStatusCode.Forbidden, "person_data.not_permitted");
        var read = await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/officers/{officerId}/disciplinary-history/reads",
            new { purpose = "Background investigation" }, Ct));
        read.GetString().ShouldBe(details);
        var log = await s.App.WithDbAsync((db, _) => db.PersonDataReads.SingleAsync(r => r.SubjectId == officerId));
        (log.ReaderId, log.Field, log.Purpose).ShouldBe((s.SupervisorUser.Id.ToString(), "disciplinaryDetails", "Background investigation"));
    }

    [Fact]
    public async Task ARosterFile_ImportsEveryRowOrNone_WithARowByRowReport()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock, AgreementModel.TaskForce);
        await using var app = s.App;
        const string header = "full_name,badge_number,rank,hired_on,experience_years,us_citizen,disciplinary_record,force_allegation,disciplinary_details\n";
        var bad = header
            + "Test Officer Zeta,T-1,Deputy,2015-06-01,11,yes,no,no,\n"
            + "\"Test Officer Eta, Jr.\",T-2,Sergeant,2024-06-01,1.5,yes,no,no,\n"
            + "Test Officer Theta,T-3,Deputy,2016-13-01,9,yes,no,no,\n"
            + "Test Officer Iota,T-1,Deputy,2016-01-01,9,maybe,yes,yes,\n";
        var refused = await Refused(s.Coordinator.PostAsync($"/api/v1/agreements/{s.AgreementId}/nominations/import",
            new StringContent(bad, Encoding.UTF8, "text/csv"), Ct),
            HttpStatusCode.UnprocessableEntity, "roster.rows_invalid");
        var errors = refused.GetProperty("errors");
        errors.EnumerateObject().Select(p => p.Name).ShouldBe(["line 3", "line 4", "line 5"]);
        errors.GetProperty("line 3")[0].GetString()!.ShouldContain("two years");
        errors.GetProperty("line 4")[0].GetString()!.ShouldContain("YYYY-MM-DD");
        (await s.App.WithDbAsync((db, _) => db.Officers.CountAsync())).ShouldBe(0);
        (await s.App.WithDbAsync((db, _) => db.Nominations.CountAsync())).ShouldBe(0);

        var good = header
            + "Test Officer Zeta,T-1,Deputy,2015-06-01,11,yes,no,no,\n"
            + "\"Test Officer Eta, Jr.\",T-2,Sergeant,2020-06-01,5.5,yes,yes,no,\"2021 written reprimand, \"\"late reports\"\"\"\n";
        var report = await Ok(s.Coordinator.PostAsync($"/api/v1/agreements/{s.AgreementId}/nominations/import",
            new StringContent(good, Encoding.UTF8, "text/csv"), Ct));
        (report.GetProperty("rows").GetInt32(), report.GetProperty("imported").GetInt32()).ShouldBe((2, 2));
        var roster = await Ok(s.Coordinator.GetAsync($"/api/v1/agreements/{s.AgreementId}/officers", Ct));
        roster.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("fullName").GetString()).ShouldBe(["Test Officer Eta, Jr.",
            "Test Officer Zeta"]);
        roster.GetProperty("items")[0].GetProperty("authority")[0].GetProperty("stage").GetString().ShouldBe("nominated");
        await Refused(s.Coordinator.PostAsync($"/api/v1/agreements/{s.AgreementId}/nominations/import",
            new StringContent("name,badge\nx,y\n", Encoding.UTF8, "text/csv"), Ct),
            HttpStatusCode.BadRequest, "roster.file_invalid");
    }

    [Fact]
    public async Task ACertificate_IsNeverEdited_ACorrectionSupersedesIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        var (officerId, _) = await CertifiedOfficerAsync(s, "Test Officer Kappa", "J-10");
        var certificateId = await s.App.WithDbAsync((db, _) => db.Certificates.Where(c => c.OfficerId == officerId).Select(c => c.Id).SingleAsync());

        await Should.ThrowAsync<ImmutableRecordException>(() => s.App.WithDbAsync(async (db, _) =>
        {
            var c = await db.Certificates.SingleAsync(x => x.Id == certificateId);
            db.Entry(c).Property(x => x.OfficerName).CurrentValue = "Someone Else";
            await db.SaveChangesAsync();
        }));

        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/certificates/{certificateId}/corrections",
            new { reason = "Badge", badgeNumber = "J-100" }, Ct), HttpStatusCode.Forbidden, "training.ice_only");
        var corrected = await s.ProgramOffice.PostAsJsonAsync($"/api/v1/certificates/{certificateId}/corrections",
            new { reason = "Badge number misprinted", badgeNumber = "J-100" }, Ct);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Created);
        var newer = (await corrected.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var original = await Ok(s.Coordinator.GetAsync($"/api/v1/certificates/{certificateId}", Ct));
        original.GetProperty("supersededById").GetGuid().ShouldBe(newer);
        original.GetProperty("badgeNumber").GetString().ShouldBe("J-10");
        (await Pdf.TextAsync(await (await s.Coordinator.GetAsync($"/api/v1/certificates/{certificateId}/pdf",
            Ct)).Content.ReadAsByteArrayAsync(Ct))).ShouldContain("SUPERSEDED");
        await Refused(s.ProgramOffice.PostAsJsonAsync($"/api/v1/certificates/{certificateId}/corrections", new { reason = "Again", badgeNumber = "J-101" }, Ct),
            HttpStatusCode.UnprocessableEntity, "certificate.already_superseded");
    }

    [Fact]
    public async Task TheNationalComplianceView_AgreesWithACountMadeDirectlyInTheDatabase()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        var s = await StartAsync(clock);
        await using var app = s.App;
        // Three authorized officers; one later lets the refresher lapse while two take it; one more is certified but never authorized.
        var officers = new List<(Guid Officer, Guid Nomination)>();
        for (var i = 0; i < 3; i++) officers.Add(await CertifiedOfficerAsync(s, $"Test Officer N{i}", $"N-{i}"));
        for (var i = 0; i < 3; i++)
            await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/nominations/{officers[i].Nomination}/authorization",
                new { credentialNumber = $"ICE-N-{i}", signatoryName = "Test Director Kappa", signatoryTitle = "Field Office Director" }, Ct));
        await CertifiedOfficerAsync(s, "Test Officer Unauthorized", "N-9");
        await s.AdvanceAsync(TimeSpan.FromDays(700));
        var refresher = (await Ok(s.ProgramOffice.GetAsync("/api/v1/courses/",
            Ct))).EnumerateArray().Single(c => c.GetProperty("code").GetString() == "JEM-REFRESH");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var scheduled = await Ok(s.ProgramOffice.PostAsJsonAsync("/api/v1/classes/", new
        {
            courseId = refresher.GetProperty("id").GetGuid(), startsOn = today.ToString("yyyy-MM-dd"), endsOn = today.ToString("yyyy-MM-dd"),
            delivery = "online", location = "ICE virtual classroom", capacity = 10, instructor = "Test Instructor Psi",
        }, Ct));
        var classId = scheduled.GetProperty("class").GetProperty("id").GetGuid();
        for (var i = 0; i < 2; i++)
        {
            var enrolled = await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/classes/{classId}/enrollments", new { officerId = officers[i].Officer }, Ct));
            var enrollmentId = enrolled.GetProperty("enrollments").EnumerateArray().Single(e => e.GetProperty("officerId").GetGuid() == officers[i].Officer).GetProperty("id").GetGuid();
            await Ok(s.Supervisor.PutAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/attendance", new { hours = 8 }, Ct));
            await Ok(s.Supervisor.PostAsJsonAsync($"/api/v1/enrollments/{enrollmentId}/exams", new { exam = "final", score = 90 }, Ct));
            await Ok(s.Supervisor.PostAsync($"/api/v1/enrollments/{enrollmentId}/completion", null, Ct));
        }
        await s.AdvanceAsync(TimeSpan.FromDays(60));

        var view = await Ok(s.ProgramOffice.GetAsync("/api/v1/compliance/training?model=JEM", Ct));
        var row = view.GetProperty("agencies").GetProperty("items").EnumerateArray().Single(r => r.GetProperty("agencyId").GetGuid() == s.AgencyId);
        var now = clock.GetUtcNow().UtcDateTime;
        var (designated, current) = await s.App.WithDbAsync((db, _) => CountDirectlyAsync(db, s.AgencyId, now));
        (row.GetProperty("designated").GetInt32(), row.GetProperty("current").GetInt32()).ShouldBe((designated, current));
        (designated, current).ShouldBe((3, 2));
        view.GetProperty("byModel")[0].GetProperty("share").GetDecimal().ShouldBe(66.7m);
        await Refused(s.Coordinator.GetAsync("/api/v1/compliance/training", Ct), HttpStatusCode.Forbidden, "compliance.ice_only");
    }

    /// <summary>The same measure in plain SQL, written from the definition, not from the code.</summary>
    private static async Task<(int Designated, int Current)> CountDirectlyAsync(AppDbContext db, Guid agencyId, DateTime now)
    {
        var postgres = db.Database.IsNpgsql();
        string P(string name) => postgres ? $"@{name}" : $"${name}";
        var q = postgres ? "\"" : "\"";
        string T(string table) => $"{q}{table}{q}";
        string C(string alias, string column) => $"{alias}.{q}{column}{q}";
        var designatedSql = $"""
            SELECT DISTINCT {C("a", "OfficerId")} FROM {T("Authorizations")} a
            JOIN {T("Officers")} o ON {C("o", "Id")} = {C("a", "OfficerId")}
            JOIN {T("Agreements")} g ON {C("g", "Id")} = {C("a", "AgreementId")}
            WHERE {C("a", "AgencyId")} = {P("agency")} AND {C("a", "Model")} = 'Jail' AND {C("a", "StartsAt")} <= {P("now")}
              AND ({C("a", "RevokedAt")} IS NULL OR {C("a", "RevokedAt")} > {P("now")})
              AND ({C("a", "ExpiresAt")} IS NULL OR {C("a", "ExpiresAt")} > {P("now")})
              AND ({C("o", "SeparatedAt")} IS NULL OR {C("o", "SeparatedAt")} > {P("now")})
              AND {C("g", "Status")} IN ('Active', 'Suspended')
            """;
        var standing = $"""
            FROM {T("Certificates")} c WHERE {C("c", "OfficerId")} = d.{q}OfficerId{q} AND {C("c", "Model")} = 'Jail' AND {C("c", "IssuedAt")} <= {P("now")}
              AND NOT EXISTS (SELECT 1 FROM {T("Certificates")} s WHERE {C("s", "SupersedesId")} = {C("c", "Id")} AND {C("s", "IssuedAt")} <= {P("now")})
            """;
        var currentSql = $"""
            SELECT COUNT(*) FROM ({designatedSql}) d
            WHERE EXISTS (SELECT 1 {standing} AND {C("c", "Kind")} = 'Initial')
              AND (SELECT MAX({C("c", "ExpiresOn")}) {standing}) >= {P("today")}
            """;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        async Task<int> ScalarAsync(string sql)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "agency", postgres ? agencyId : agencyId.ToString().ToUpperInvariant());
            Add(command, "now", postgres ? now : now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"));
            var today = Section287.Common.Clock.DayOf(now);
            Add(command, "today", postgres ? today : today.ToString("yyyy-MM-dd"));
            return Convert.ToInt32(await command.ExecuteScalarAsync());
        }
        var designated = await ScalarAsync($"SELECT COUNT(*) FROM ({designatedSql}) d");
        var current = await ScalarAsync(currentSql);
        return (designated, current);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
