using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Tests.Features.Officers;

/// <summary>
/// "May this officer exercise this model's authority under this agreement right now, and if not, why not": every reason
/// authority can be refused, each on its own and at the instants around it, with no host.
/// </summary>
public sealed class AuthorityRuleTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc);

    /// <summary>An officer taken from nomination to authorization, a day per step, under an imported agreement of the model.</summary>
    private sealed class World
    {
        public Agreement Agreement { get; }
        public Officer Officer { get; }
        public Nomination Nomination { get; }
        public List<Certificate> Certificates { get; } = [];
        public List<Authorization> Authorizations { get; } = [];
        public List<PendingAllegation> Allegations { get; } = [];
        public List<TrainingRequirement> Requirements { get; } = [];
        public List<OfficerCondition> Conditions { get; } = [];

        public void Condition(string kind, bool held, DateTime from) =>
            Conditions.Add(new OfficerCondition { AgencyId = Officer.AgencyId, OfficerId = Officer.Id, Kind = kind, Held = held, From = from,
                Reason = $"{kind} {(held ? "held" : "lost")}", ByName = "Test", RecordedAt = from });
        public Course Course { get; }

        /// <summary>The model's refresher course, the one ICE's requirements in these tests name.</summary>
        public Course Refresher { get; }

        public DateTime Cleared => T0.AddDays(1);
        public DateTime Certified => T0.AddDays(2);
        public DateTime Authorized => T0.AddDays(3);

        public World(AgreementModel model, bool complete = true)
        {
            var agency = new Agency { Name = "Test Upsilon County Sheriff's Office", NameKey = "TEST UPSILON COUNTY SHERIFF'S OFFICE", State = "ZZ" };
            Agreement = Agreement.FromIceList(agency, model, new IceListFields(new DateOnly(2025, 6, 1), null, null), new DateOnly(2025, 12, 31),
                Guid.NewGuid(), T0.AddDays(-30));
            Officer = Officer.Create(agency.Id,
                new OfficerFacts("Test Officer Phi", "B-9", "Deputy", new DateOnly(2018, 1, 1), 8m, true, true, false, false, false, null), null);
            Nomination = Nomination.Of(Officer, Agreement, Guid.NewGuid(), T0);
            Course = CourseCatalog.Defaults().Single(c => c.Model == model && c.Kind == CourseKind.Initial);
            Refresher = CourseCatalog.Defaults().Single(c => c.Model == model && c.Kind == CourseKind.Refresher);
            if (!complete) return;
            Nomination.RecordBackground(BackgroundStatus.Requested, null, false, T0.AddHours(1)).ShouldBeNull();
            Nomination.RecordBackground(BackgroundStatus.Favorable, null, false, Cleared).ShouldBeNull();
            Certify(Course, Certified);
            Authorizations.Add(Authorization.Sign(Nomination, "CRED-1", "Test Director Chi", "Field Office Director", Guid.NewGuid(), Authorized));
        }

        public Certificate Certify(Course course, DateTime at)
        {
            var enrollment = new Enrollment { AgencyId = Officer.AgencyId, ClassId = Guid.NewGuid(), CourseId = course.Id, OfficerId = Officer.Id,
                Model = course.Model, Kind = course.Kind };
            var certificate = Certificate.Issue(course, enrollment, Officer.FullName, Officer.BadgeNumber, Clock.DayOf(at), Guid.NewGuid(),
                "Test Instructor", at);
            Certificates.Add(certificate);
            return certificate;
        }

        public AuthorityAnswer At(DateTime at) => AuthorityRules.Evaluate(
            new AuthorityFacts(Officer, Agreement, AgreementTimeline.Of(Agreement, Agreement.History), [Nomination], Certificates, Authorizations,
                Allegations, Requirements, Conditions), at);

        /// <summary>ICE requires a course of the officer (or, with <paramref name="everyone"/>, of every officer) by a date.</summary>
        public Result<TrainingRequirement> Require(string kind, DateOnly due, DateTime at, bool everyone = false)
        {
            var required = TrainingRequirement.Require(Agreement, everyone ? null : Officer.Id, kind, Refresher, due, "New detainer policy",
                Certificates, "Test SDDO", at);
            if (required.IsSuccess) Requirements.Add(required.Value);
            return required;
        }

        public string[] Codes(DateTime at) => At(at).Reasons.Select(r => r.Code).ToArray();
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void Granted_WhenEverythingHolds_AndTheAnswerSaysUntilWhen(AgreementModel model)
    {
        var w = new World(model);
        var answer = w.At(w.Authorized.AddMinutes(1));
        answer.Granted.ShouldBeTrue(string.Join(" ", answer.Reasons.Select(r => r.Code)));
        answer.Reasons.ShouldBeEmpty();
        answer.CredentialNumber.ShouldBe("CRED-1");
        // Only a term the agreement sets ends it by itself: the task force's two years; a course's refresher months never do.
        answer.GrantedUntil.ShouldBe(model == AgreementModel.TaskForce ? w.Authorized.AddYears(2) : null);
    }

    [Fact]
    public void AuthorityStarts_WhenTheLetterIsSigned_NotBefore()
    {
        var w = new World(AgreementModel.Jail);
        w.Codes(w.Authorized.AddSeconds(-1)).ShouldBe(["authority.not_authorized"]);
        w.At(w.Authorized).Granted.ShouldBeTrue();
    }

    [Fact]
    public void TheAnswerForAPastInstant_IsTheAnswerOfThatMoment()
    {
        var w = new World(AgreementModel.Jail);
        w.Codes(T0.AddMinutes(30)).ShouldBe(["authority.background_pending", "authority.not_certified", "authority.not_authorized"]);
        w.Codes(w.Cleared.AddMinutes(1)).ShouldBe(["authority.not_certified", "authority.not_authorized"]);
        w.Codes(T0.AddMinutes(-1)).ShouldBe(["authority.not_nominated", "authority.not_certified", "authority.not_authorized"]);
    }

    [Fact]
    public void AnUnfavorableBackground_IsItsOwnReason()
    {
        var w = new World(AgreementModel.WarrantService, complete: false);
        w.Nomination.RecordBackground(BackgroundStatus.Requested, null, false, T0.AddHours(1)).ShouldBeNull();
        w.Nomination.RecordBackground(BackgroundStatus.Unfavorable, "cipher", true, T0.AddHours(2)).ShouldBeNull();
        w.Codes(T0.AddHours(3)).ShouldContain("authority.background_unfavorable");
        w.Codes(T0.AddHours(1.5)).ShouldContain("authority.background_pending");
    }

    [Theory]
    [InlineData(AgreementModel.Jail, 24)]
    [InlineData(AgreementModel.TaskForce, 12)]
    [InlineData(AgreementModel.WarrantService, 24)]
    public void RequiredTraining_LapsesAuthority_OnlyAfterTheDateIceSet_NeverOnACourseSetting(AgreementModel model, int months)
    {
        var w = new World(model);
        var expires = w.Certificates[0].ExpiresOn;
        expires.ShouldBe(Clock.DayOf(w.Certified).AddMonths(months));
        // The course's refresher months pass: a reminder, not a lapse (no MOA sets that date).
        w.At(Clock.StartOfDayUtc(expires.AddDays(1))).Granted.ShouldBeTrue();

        // ICE requires additional training by a date: authority stands until the end of that day, then lapses, naming the date and why.
        var due = Clock.DayOf(w.Authorized).AddMonths(6);
        w.Require("additional", due, w.Authorized.AddDays(10)).IsSuccess.ShouldBeTrue();
        w.At(Clock.EndOfDayUtc(due)).Granted.ShouldBeTrue();
        w.At(w.Authorized.AddDays(11)).RefresherDueOn.ShouldBe(due);
        var lapsed = w.At(Clock.StartOfDayUtc(due.AddDays(1)));
        lapsed.Granted.ShouldBeFalse();
        lapsed.Reasons.Single(r => r.Code == "authority.refresher_overdue").Message.ShouldContain($"{due:yyyy-MM-dd}");
        // The course completed in time meets it.
        w.Certify(w.Refresher, Clock.StartOfDayUtc(due.AddDays(-3)));
        w.At(Clock.StartOfDayUtc(due.AddDays(1))).Granted.ShouldBeTrue();
    }

    [Fact]
    public void RefresherTooFrequent_TheJailAllowsARefresherNoMoreOftenThanEveryTwoYears_AndCoursesCannotSayOtherwise()
    {
        var w = new World(AgreementModel.Jail);
        var certified = Clock.DayOf(w.Certified);
        var early = w.Require("refresher", certified.AddMonths(23), w.Authorized.AddDays(1));
        early.Error!.Code.ShouldBe(TrainingRequirement.TooFrequent.Code);
        w.Require("refresher", certified.AddMonths(24), w.Authorized.AddDays(1)).IsSuccess.ShouldBeTrue();
        // Additional training ICE may require at any time.
        w.Require("additional", certified.AddMonths(3), w.Authorized.AddDays(1)).IsSuccess.ShouldBeTrue();
        // An agreement-wide refresher binds only officers trained two years or more before its date.
        var wide = new World(AgreementModel.Jail);
        wide.Require("refresher", Clock.DayOf(wide.Certified).AddMonths(12), wide.Authorized.AddDays(1), everyone: true).IsSuccess.ShouldBeTrue();
        wide.At(Clock.StartOfDayUtc(Clock.DayOf(wide.Certified).AddMonths(12).AddDays(1))).Granted.ShouldBeTrue();
        // The task force and warrant service texts set no such limit.
        var taskForce = new World(AgreementModel.TaskForce);
        taskForce.Require("refresher", Clock.DayOf(taskForce.Certified).AddMonths(3), taskForce.Authorized.AddDays(1)).IsSuccess.ShouldBeTrue();
        // A jail course's refresher months cannot be fewer than 24.
        var course = CourseCatalog.Defaults().Single(c => c.Code == "JEM-REFRESH");
        course.Apply(course.Settings with { RefresherMonths = 12 })!.Code.ShouldBe(TrainingRequirement.TooFrequent.Code);
        CourseCatalog.Defaults().Single(c => c.Code == "TFM-REFRESH").Apply(CourseCatalog.Defaults().Single(c => c.Code == "TFM-REFRESH").Settings with { RefresherMonths = 12 }).ShouldBeNull();
    }

    [Fact]
    public void TaskForceAuthority_LastsTwoYearsAtFirst()
    {
        var w = new World(AgreementModel.TaskForce);
        var refresher = CourseCatalog.Defaults().Single(c => c.Code == "TFM-REFRESH");
        w.Certify(refresher, w.Certified.AddMonths(11));
        w.Certify(refresher, w.Certified.AddMonths(23));
        w.At(w.Authorized.AddYears(2).AddSeconds(-1)).Granted.ShouldBeTrue();
        var expired = w.At(w.Authorized.AddYears(2));
        expired.Reasons.Select(r => r.Code).ShouldBe(["authority.authorization_expired"]);
        // A jail authorization has no such term.
        var jail = new World(AgreementModel.Jail);
        jail.Authorizations[0].ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public void ASuspendedAuthorization_GivesNoAuthority_UntilTheSuspensionIsLifted()
    {
        var w = new World(AgreementModel.Jail);
        var a = w.Authorizations[0];
        a.Suspend("ice", "Under review after a use-of-force report", w.Authorized.AddDays(5)).ShouldBeNull();
        a.Lift(w.Authorized.AddDays(9)).ShouldBeNull();
        w.At(w.Authorized.AddDays(4)).Granted.ShouldBeTrue();
        var suspended = w.At(w.Authorized.AddDays(6));
        suspended.Reasons.Single().Code.ShouldBe("authority.authorization_suspended");
        suspended.Reasons.Single().Message.ShouldContain("by ICE");
        w.At(w.Authorized.AddDays(10)).Granted.ShouldBeTrue();
    }

    [Fact]
    public void ARevokedAuthorization_GivesNoAuthority_FromTheMomentOfRevocation()
    {
        var w = new World(AgreementModel.WarrantService);
        w.Authorizations[0].Revoke("agency", "Reassigned to patrol", w.Authorized.AddDays(20)).ShouldBeNull();
        w.At(w.Authorized.AddDays(19)).Granted.ShouldBeTrue();
        var revoked = w.At(w.Authorized.AddDays(21));
        revoked.Reasons.Single().Code.ShouldBe("authority.authorization_revoked");
        revoked.Reasons.Single().Message.ShouldContain("the agency");
    }

    [Fact]
    public void ASeparatedOfficer_HasNoAuthority()
    {
        var w = new World(AgreementModel.Jail);
        w.Officer.Separate(SeparationKind.Left, "Retired", w.Authorized.AddDays(30)).ShouldBeNull();
        w.At(w.Authorized.AddDays(29)).Granted.ShouldBeTrue();
        w.Codes(w.Authorized.AddDays(31)).ShouldBe(["authority.separated"]);
    }

    [Fact]
    public void APendingAllegation_RemovesATaskForceOfficer_ButNotAJailOfficer()
    {
        var tfm = new World(AgreementModel.TaskForce);
        tfm.Allegations.Add(new PendingAllegation { OfficerId = tfm.Officer.Id, Reference = "C-2026-0001", OpenedAt = tfm.Authorized.AddDays(3),
            ResolvedAt = tfm.Authorized.AddDays(40) });
        tfm.Codes(tfm.Authorized.AddDays(4)).ShouldBe(["authority.allegation_pending"]);
        tfm.At(tfm.Authorized.AddDays(41)).Granted.ShouldBeTrue();

        var jem = new World(AgreementModel.Jail);
        jem.Allegations.Add(new PendingAllegation { OfficerId = jem.Officer.Id, Reference = "C-2026-0002",
            OpenedAt = jem.Authorized.AddDays(3) });
        jem.At(jem.Authorized.AddDays(4)).Granted.ShouldBeTrue();
    }

    [Fact]
    public void ASuspendedAgreement_WithdrawsAuthority_AtTheMomentOfSuspension_AndReinstatementRestoresIt()
    {
        var w = new World(AgreementModel.Jail);
        var suspendedAt = w.Authorized.AddDays(50);
        w.Agreement.Suspend(Clock.DayOf(suspendedAt), "Inspection found unsupervised questioning", Clock.DayOf(suspendedAt).AddDays(60), suspendedAt,
            null, Notices.Ice).ShouldBeNull();
        w.Agreement.Reinstate(Clock.DayOf(suspendedAt.AddDays(10)), suspendedAt.AddDays(10)).ShouldBeNull();
        w.At(suspendedAt.AddSeconds(-1)).Granted.ShouldBeTrue();
        w.Codes(suspendedAt.AddSeconds(1)).ShouldBe(["authority.agreement_suspended"]);
        w.At(suspendedAt.AddDays(10).AddSeconds(1)).Granted.ShouldBeTrue();
    }

    [Fact]
    public void ATerminatedAgreement_WithdrawsAuthority_FromTheStartOfItsEffectiveDay()
    {
        var w = new World(AgreementModel.TaskForce);
        var noticeAt = w.Authorized.AddDays(5);
        var effective = Clock.DayOf(noticeAt).AddDays(90);
        // The agency's written notice (task force, section XVIII): the agreement stays in force until its day.
        w.Agreement.GiveTerminationNotice(false, Clock.DayOf(noticeAt), effective, "The county ends its participation", noticeAt).ShouldBeNull();
        w.At(Clock.StartOfDayUtc(effective).AddSeconds(-1)).Granted.ShouldBeTrue();
        var ended = w.At(Clock.StartOfDayUtc(effective));
        ended.Reasons.Select(r => r.Code).ShouldContain("authority.agreement_not_active");
        ended.Reasons.First(r => r.Code == "authority.agreement_not_active").Message.ShouldContain("terminated");
        w.At(noticeAt.AddDays(1)).GrantedUntil.ShouldBe(Clock.StartOfDayUtc(effective));
    }

    [Fact]
    public void BeforeAnImportedAgreementWasSigned_ItWasNotInForce()
    {
        var w = new World(AgreementModel.Jail);
        w.Codes(Clock.StartOfDayUtc(new DateOnly(2025, 5, 31))).ShouldContain("authority.agreement_not_active");
    }

    [Fact]
    public void ACorrectedCertificate_StillCertifies_AndItsExpiryOnlyReminds()
    {
        var w = new World(AgreementModel.Jail);
        var original = w.Certificates[0];
        var corrected = original.Correct(new CertificateCorrection("Expiry misprinted", null, null, null, original.ExpiresOn.AddMonths(-6)),
            Guid.NewGuid(), "Test Reviewer", w.Authorized.AddDays(1));
        w.Certificates.Add(corrected.Value);
        var after = Clock.StartOfDayUtc(original.ExpiresOn.AddMonths(-6).AddDays(1));
        w.Codes(after).ShouldBeEmpty();
        w.Codes(w.Certified.AddSeconds(-1)).ShouldContain("authority.not_certified");
    }

    [Fact]
    public void EveryReason_InTheCatalogue_IsReachable_AndAllAreListedAtOnce()
    {
        var seen = new HashSet<string>();
        // Nothing at all: an officer never nominated, under a suspended agreement.
        var bare = new World(AgreementModel.TaskForce, complete: false);
        bare.Agreement.Suspend(Clock.DayOf(T0), "Review", Clock.DayOf(T0).AddDays(60), T0.AddDays(-1), null, Notices.Ice).ShouldBeNull();
        var none = AuthorityRules.Evaluate(new AuthorityFacts(bare.Officer, bare.Agreement,
            AgreementTimeline.Of(bare.Agreement, bare.Agreement.History), [], [], [], []), T0);
        none.Reasons.Select(r => r.Code).ShouldBe(["authority.agreement_suspended", "authority.not_nominated", "authority.not_certified",
            "authority.not_authorized"]);
        seen.UnionWith(none.Reasons.Select(r => r.Code));

        var w = new World(AgreementModel.TaskForce);
        var at = Clock.StartOfDayUtc(w.Certificates[0].ExpiresOn.AddDays(1));
        w.Require("additional", Clock.DayOf(at).AddDays(-1), at.AddDays(-30)).IsSuccess.ShouldBeTrue();
        w.Authorizations[0].Suspend("ice", "Review", at.AddDays(-1)).ShouldBeNull();
        w.Allegations.Add(new PendingAllegation { OfficerId = w.Officer.Id, Reference = "C-1", OpenedAt = at.AddDays(-2) });
        w.Officer.Separate(SeparationKind.Reassigned, "Moved to courts", at.AddHours(-1)).ShouldBeNull();
        w.Agreement.GiveTerminationNotice(false, Clock.DayOf(at.AddDays(-3)), Clock.DayOf(at.AddDays(-2)), "Agency ends", at.AddDays(-3)).ShouldBeNull();
        var all = w.At(at).Reasons.Select(r => r.Code).ToList();
        all.ShouldBe(["authority.agreement_not_active", "authority.refresher_overdue", "authority.authorization_suspended", "authority.separated",
            "authority.allegation_pending"]);
        seen.UnionWith(all);

        var unfavorable = new World(AgreementModel.Jail, complete: false);
        unfavorable.Nomination.RecordBackground(BackgroundStatus.Requested, null, false, T0.AddHours(1));
        unfavorable.Nomination.RecordBackground(BackgroundStatus.Unfavorable, "x", true, T0.AddHours(2));
        seen.UnionWith(unfavorable.Codes(T0.AddHours(3)));
        seen.UnionWith(new World(AgreementModel.Jail, complete: false).Codes(T0.AddHours(1)));

        var revoked = new World(AgreementModel.Jail);
        revoked.Authorizations[0].Revoke("ice", "Misconduct", revoked.Authorized.AddDays(1));
        seen.UnionWith(revoked.Codes(revoked.Authorized.AddDays(2)));

        var expired = new World(AgreementModel.TaskForce);
        seen.UnionWith(expired.Codes(expired.Authorized.AddYears(2)));

        // Conditions of authority: each model needs its own (jail: systems access and detention duty; task force: systems access and clearance).
        var jail = new World(AgreementModel.Jail);
        jail.Condition("detention_duty", false, jail.Authorized.AddDays(1));
        jail.Condition("ice_systems_access", false, jail.Authorized.AddDays(1));
        jail.Condition("security_clearance", false, jail.Authorized.AddDays(1));
        jail.Codes(jail.Authorized.AddDays(2)).ShouldBe(["authority.no_systems_access", "authority.not_on_detention_duty"], ignoreOrder: true);
        jail.Codes(jail.Authorized.AddHours(12)).ShouldBeEmpty("before the facts, authority held");
        seen.UnionWith(jail.Codes(jail.Authorized.AddDays(2)));
        var taskForce = new World(AgreementModel.TaskForce);
        taskForce.Condition("security_clearance", false, taskForce.Authorized.AddDays(1));
        taskForce.Condition("detention_duty", false, taskForce.Authorized.AddDays(1));
        taskForce.Codes(taskForce.Authorized.AddDays(2)).ShouldBe(["authority.clearance_lost"]);
        seen.UnionWith(taskForce.Codes(taskForce.Authorized.AddDays(2)));
        taskForce.Condition("security_clearance", true, taskForce.Authorized.AddDays(3));
        taskForce.Codes(taskForce.Authorized.AddDays(4)).ShouldBeEmpty("the newest fact decides: restored");
        var warrantService = new World(AgreementModel.WarrantService);
        foreach (var kind in new[] { "ice_systems_access", "security_clearance", "detention_duty" }) warrantService.Condition(kind, false,
            warrantService.Authorized.AddDays(1));
        warrantService.Codes(warrantService.Authorized.AddDays(2)).ShouldBeEmpty("the warrant service text names none of these conditions");

        seen.ShouldBe(AuthorityRules.Catalogue.Keys, ignoreOrder: true);
    }
}
