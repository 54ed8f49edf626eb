using Section287.Features.Agreements;
using Section287.Features.Training;

namespace Section287.Tests.Features.Training;

/// <summary>
/// PRODUCT.md, Lifecycles: Training, and the warrant service MOA's training section: 70% to pass each exam; the jail
/// model allows one make-up exam in the whole course; the warrant service model one retake of the final; a second
/// failure disqualifies. The defaults come from the catalog; the rules are configurable per course.
/// </summary>
public sealed class ExamRuleTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc);

    private static Course Default(string code) => CourseCatalog.Defaults().Single(c => c.Code == code);

    private static Enrollment Enrolled(Course course) => new() { AgencyId = Guid.NewGuid(), ClassId = Guid.NewGuid(), CourseId = course.Id,
        OfficerId = Guid.NewGuid(), Model = course.Model, Kind = course.Kind };

    private static ExamOutcome Sit(Enrollment e, Course course, string exam, decimal score)
    {
        var result = e.RecordExam(course, exam, score, Guid.NewGuid(), Now);
        result.IsSuccess.ShouldBeTrue(result.Error?.Message);
        return result.Value;
    }

    [Fact]
    public void TheDefaults_AreThoseOfProductMd()
    {
        var jem = Default("JEM-BASIC");
        (jem.PassPercent, jem.MakeUps, jem.MakeUpScope).ShouldBe((70, 1, MakeUpScope.AnyExam));
        var wso = Default("WSO-BASIC");
        (wso.PassPercent, wso.MakeUps, wso.MakeUpScope).ShouldBe((70, 1, MakeUpScope.FinalOnly));
        Default("TFM-BASIC").Hours.ShouldBe(40m);
        Default("WSO-BASIC").Hours.ShouldBe(8m);
        jem.Exams.Count(x => x.IsFinal).ShouldBe(1);
    }

    [Theory]
    [InlineData(70, true)]
    [InlineData(69.99, false)]
    [InlineData(100, true)]
    public void SeventyPercent_PassesAnExam(decimal score, bool passed)
    {
        var course = Default("JEM-BASIC");
        Sit(Enrolled(course), course, "law", score).Passed.ShouldBe(passed);
    }

    [Fact]
    public void Jail_OneMakeUpInTheWholeCourse_ThenASecondFailureDisqualifies()
    {
        var course = Default("JEM-BASIC");
        var e = Enrolled(course);
        var first = Sit(e, course, "law", 60);
        (first.Passed, first.MakeUpAllowed, first.Disqualifies).ShouldBe((false, true, false));
        Sit(e, course, "law", 75).Passed.ShouldBeTrue();
        e.Attempts.Single(a => a.ExamKey == "law" && a.Passed).Attempt.ShouldBe(2);
        // The make-up is used: a failure on another exam disqualifies.
        var second = Sit(e, course, "processing", 50);
        second.Disqualifies.ShouldBeTrue();
        e.Status.ShouldBe(EnrollmentStatus.Disqualified);
        e.RecordExam(course, "rights", 90, Guid.NewGuid(), Now).Error!.Code.ShouldBe("training.not_enrolled");
    }

    [Fact]
    public void Jail_FailingTheMakeUpItself_Disqualifies()
    {
        var course = Default("JEM-BASIC");
        var e = Enrolled(course);
        Sit(e, course, "final", 55).MakeUpAllowed.ShouldBeTrue();
        var again = Sit(e, course, "final", 65);
        again.Disqualifies.ShouldBeTrue();
        again.Message.ShouldContain("second failure");
    }

    [Fact]
    public void WarrantService_OneRetakeOfTheFinal_ASecondFailureDisqualifies()
    {
        var course = Default("WSO-BASIC");
        var e = Enrolled(course);
        Sit(e, course, "final", 40).MakeUpAllowed.ShouldBeTrue();
        Sit(e, course, "final", 69).Disqualifies.ShouldBeTrue();
        e.Status.ShouldBe(EnrollmentStatus.Disqualified);
    }

    [Fact]
    public void FinalOnly_AFailedExamThatIsNotTheFinal_CannotBeRetaken()
    {
        var course = Course.Define("TEST-FINAL-ONLY", AgreementModel.WarrantService, CourseKind.Initial,
            new("Test course", 8m, ["Topic"], 70, 1, MakeUpScope.FinalOnly, 24, 60), [("module", "Module exam", false), ("final", "Final", true)]);
        var e = Enrolled(course);
        var outcome = Sit(e, course, "module", 50);
        outcome.Disqualifies.ShouldBeTrue();
        outcome.Message.ShouldContain("only the final exam may be retaken");
    }

    [Fact]
    public void TheRules_AreConfigurablePerCourse()
    {
        var strict = Course.Define("TEST-STRICT", AgreementModel.Jail, CourseKind.Initial,
            new("Strict course", 40m, ["Topic"], 80, 0, MakeUpScope.AnyExam, 24, 30), [("final", "Final", true)]);
        var e = Enrolled(strict);
        var outcome = Sit(e, strict, "final", 79);
        outcome.Passed.ShouldBeFalse();
        outcome.Disqualifies.ShouldBeTrue();
        outcome.Message.ShouldContain("no make-up");

        var lenient = Course.Define("TEST-LENIENT", AgreementModel.Jail, CourseKind.Initial,
            new("Lenient course", 40m, ["Topic"], 70, 2, MakeUpScope.AnyExam, 24, 30), [("a", "A", false), ("b", "B", false), ("final", "Final", true)]);
        var l = Enrolled(lenient);
        Sit(l, lenient, "a", 60).MakeUpAllowed.ShouldBeTrue();
        Sit(l, lenient, "a", 80).Passed.ShouldBeTrue();
        Sit(l, lenient, "b", 60).MakeUpAllowed.ShouldBeTrue();
        Sit(l, lenient, "b", 80).Passed.ShouldBeTrue();
        Sit(l, lenient, "final", 60).Disqualifies.ShouldBeTrue();
    }

    [Fact]
    public void APassedExam_IsNotSatAgain_AndUnknownExamsOrScoresAreRefused()
    {
        var course = Default("TFM-BASIC");
        var e = Enrolled(course);
        Sit(e, course, "law", 90);
        e.RecordExam(course, "law", 95, Guid.NewGuid(), Now).Error!.Code.ShouldBe("training.exam_already_passed");
        e.RecordExam(course, "nonesuch", 95, Guid.NewGuid(), Now).Error!.Code.ShouldBe("training.exam_unknown");
        e.RecordExam(course, "final", 101, Guid.NewGuid(), Now).Error!.Code.ShouldBe("training.score_invalid");
        e.RecordExam(course, "final", null, Guid.NewGuid(), Now).Error!.Code.ShouldBe("training.score_invalid");
    }

    [Fact]
    public void Completion_NeedsEveryExamPassed_AndTheCourseHours()
    {
        var course = Default("TFM-BASIC");
        var e = Enrolled(course);
        Sit(e, course, "law", 90);
        e.RecordAttendance(40, course).ShouldBeNull();
        var refused = e.Complete(course, Guid.NewGuid(), Now)!;
        refused.Code.ShouldBe("training.incomplete");
        refused.Message.ShouldContain("Final examination not passed");
        Sit(e, course, "final", 88);
        e.RecordAttendance(38, course).ShouldBeNull();
        e.Complete(course, Guid.NewGuid(), Now)!.Message.ShouldContain("38 of 40 hours");
        e.RecordAttendance(40, course).ShouldBeNull();
        e.Complete(course, Guid.NewGuid(), Now).ShouldBeNull();
        e.Status.ShouldBe(EnrollmentStatus.Completed);
    }

    [Fact]
    public void ACertificate_ExpiresAfterTheCoursesRefresherMonths_AndACorrectionSupersedesIt()
    {
        var course = Default("TFM-BASIC");
        var e = Enrolled(course);
        var certificate = Certificate.Issue(course, e, "Test Officer Tau", "B-7", new DateOnly(2026, 12, 1), Guid.NewGuid(), "Test Instructor", Now);
        certificate.ExpiresOn.ShouldBe(new DateOnly(2027, 12, 1));
        certificate.Number.ShouldStartWith("TFM-2026-");
        var corrected = certificate.Correct(new CertificateCorrection("Name misspelled", "Test Officer Tao", null, null, null), Guid.NewGuid(),
            "Test Reviewer", Now.AddDays(1));
        corrected.IsSuccess.ShouldBeTrue();
        corrected.Value.SupersedesId.ShouldBe(certificate.Id);
        corrected.Value.ExpiresOn.ShouldBe(certificate.ExpiresOn);
        corrected.Value.Number.ShouldNotBe(certificate.Number);
        Certificates.StandingAt([certificate, corrected.Value], Now.AddDays(2)).ShouldBe([corrected.Value]);
        // Before the correction was issued, the original stood.
        Certificates.StandingAt([certificate, corrected.Value], Now.AddHours(1)).ShouldBe([certificate]);
        certificate.Correct(new CertificateCorrection("", "X", null, null, null), Guid.NewGuid(), "R", Now).Error!.Code.ShouldBe("certificate.reason_required");
        certificate.Correct(new CertificateCorrection("Nothing", null, null, null, null), Guid.NewGuid(), "R",
            Now).Error!.Code.ShouldBe("certificate.nothing_to_correct");
    }
}
