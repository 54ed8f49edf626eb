using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Training;

public static class TrainingErrors
{
    public static readonly Error CourseNotFound = Error.NotFound("course.not_found", "No such course.");

    public static readonly Error ClassNotFound = Error.NotFound("class.not_found", "No such class.");

    public static readonly Error EnrollmentNotFound = Error.NotFound("enrollment.not_found", "No such enrollment among those you can see.");

    public static readonly Error CertificateNotFound = Error.NotFound("certificate.not_found", "No such certificate among those you can see.");

    private const string IceTrains = $"{RuleBook.JailMoa}, section IV.C: \"The training will be taught by ICE instructors\"; {RuleBook.TaskForceMoa}, section VIII: \"ICE will provide participating LEA personnel with the mandatory training\"; {RuleBook.WarrantServiceMoa}, section IV.C";

    private const string Course = "the course's rules (PRODUCT.md, Lifecycles: Training)";

    // The MOAs: ICE provides the training, its instructors test and certify.
    public static readonly Rule IceOnly = new("training.ice_only",
        "Only ICE (the program office, or a field supervisor for its area's officers) runs training: schedules classes, records attendance and exams, issues certificates.",
        IceTrains, RuleKind.Role);

    public static readonly Rule ProgramOfficeOnly = new("course.program_office_only", "Only ICE's program office sets the course catalog.", IceTrains,
        RuleKind.Role);

    public static readonly Rule ScheduleProgramOfficeOnly = new("training.program_office_only", "Only ICE's program office schedules classes.",
        IceTrains, RuleKind.Role);

    public static readonly Rule EnrollNotPermitted = new("training.enroll_not_permitted", "Only the agency's coordinator or ICE enrolls officers.",
        $"{RuleBook.JailMoa}, section IV.B: \"The LEA will use due diligence to screen and nominate candidates for ICE training\"", RuleKind.Role);

    public static readonly Rule AlreadySuperseded = new("certificate.already_superseded", "This certificate was already corrected; correct the newest one.",
        Rule.PolicyReason("a certificate is never edited, only superseded (PRODUCT.md, Lifecycles: Training), once"), Basis: RuleBasis.Policy);

    public static readonly Rule NotEnrolledRule = new("training.not_enrolled",
        "Nothing more can be recorded on an enrollment that is withdrawn, failed or complete.",
        Rule.PolicyReason(Course), Basis: RuleBasis.Policy);

    public static Error NotEnrolled(EnrollmentStatus status) => NotEnrolledRule.RefuseAs($"This enrollment is {status.Code()}: nothing more can be recorded on it.");

    public static readonly Rule ExamAlreadyPassedRule = new("training.exam_already_passed", "A passed exam is not sat again.",
        Rule.PolicyReason(Course), Basis: RuleBasis.Policy);

    public static Error ExamAlreadyPassed(string exam) => ExamAlreadyPassedRule.RefuseAs($"{exam} is already passed; a passed exam is not sat again.");

    public static readonly Rule IncompleteRule = new("training.incomplete",
        "A certificate is issued only when the course is complete: attendance and every exam passed.",
        $"{RuleBook.JailMoa}, section IV.C: \"they must successfully complete delegation of immigration authority training\" and \"must pass each examination\"; {RuleBook.TaskForceMoa}, section IV: \"successfully complete mandatory training ... and thereafter pass examinations\"; {RuleBook.WarrantServiceMoa}, section IV.C: \"must pass a final examination with a minimum score of 70 percent\"");

    public static Error Incomplete(IReadOnlyList<string> missing) => IncompleteRule.RefuseAs($"The course is not complete: {string.Join("; ", missing)}.");

    public static readonly Rule ClassFull = new("training.class_full", "The class is full: every seat is taken.",
        Rule.PolicyReason("a class has the seats ICE set"), Basis: RuleBasis.Policy);

    public static readonly Rule ClassOver = new("training.class_over", "The class has ended; enroll the officer in a later class.",
        Rule.PolicyReason(Course), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyEnrolled = new("training.already_enrolled", "The officer is already enrolled in a class of this course.",
        Rule.PolicyReason(Course), Basis: RuleBasis.Policy);

    public static readonly Rule CourseInactive = new("training.course_inactive", "The course is no longer offered.",
        Rule.PolicyReason("the program office retires courses"), Basis: RuleBasis.Policy);

    // PRODUCT.md, Lifecycles: Officer — background investigation comes before training.
    public static readonly Rule BackgroundNotFavorable = new("training.background_not_favorable",
        "The officer cannot start training before ICE's background investigation is favorable.",
        Rule.PolicyReason($"{RuleBook.JailMoa}, section IV.B, asks for the investigation \"prior to personnel being authorized\"; we ask for it before training, so that no seat goes to a candidate ICE will not approve"), Basis: RuleBasis.Policy);

    public static readonly Rule NoNomination = new("training.not_nominated",
        "The officer has no open nomination under an agreement of this course's model.",
        $"{RuleBook.JailMoa}, section IV.B: \"The LEA will use due diligence to screen and nominate candidates for ICE training\"");

    public static readonly Rule NotCertified = new("training.not_certified",
        "A refresher is for officers already certified in this model; this officer has no certificate for it.", Rule.PolicyReason(Course),
            Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyCertified = new("training.already_certified",
        "The officer already holds a certificate for this model; enroll them in the refresher instead.", Rule.PolicyReason(Course), Basis: RuleBasis.Policy);

    public static Error OfficerSeparated => Officers.OfficerErrors.AlreadySeparated;
}
