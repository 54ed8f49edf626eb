using Section287.Common;

namespace Section287.Features.Training;

public static class TrainingErrors
{
    public static readonly Error CourseNotFound = Error.NotFound("course.not_found", "No such course.");

    public static readonly Error ClassNotFound = Error.NotFound("class.not_found", "No such class.");

    public static readonly Error EnrollmentNotFound = Error.NotFound("enrollment.not_found", "No such enrollment among those you can see.");

    public static readonly Error CertificateNotFound = Error.NotFound("certificate.not_found", "No such certificate among those you can see.");

    // The MOAs: ICE provides the training, its instructors test and certify.
    public static readonly Error IceOnly = Error.Forbidden("training.ice_only",
        "Only ICE (the program office, or a field supervisor for its area's officers) runs training: schedules classes, records attendance and exams, issues certificates.");

    public static readonly Error ProgramOfficeOnly = Error.Forbidden("course.program_office_only", "Only ICE's program office sets the course catalog.");

    public static Error NotEnrolled(EnrollmentStatus status) => Error.Rule("training.not_enrolled",
        $"This enrollment is {status.Code()}: nothing more can be recorded on it.");

    public static Error ExamAlreadyPassed(string exam) => Error.Rule("training.exam_already_passed", $"{exam} is already passed; a passed exam is not sat again.");

    public static Error Incomplete(IReadOnlyList<string> missing) => Error.Rule("training.incomplete",
        $"The course is not complete: {string.Join("; ", missing)}.");

    public static readonly Error ClassFull = Error.Rule("training.class_full", "The class is full: every seat is taken.");

    public static readonly Error ClassOver = Error.Rule("training.class_over", "The class has ended; enroll the officer in a later class.");

    public static readonly Error AlreadyEnrolled = Error.Rule("training.already_enrolled", "The officer is already enrolled in a class of this course.");

    public static readonly Error CourseInactive = Error.Rule("training.course_inactive", "The course is no longer offered.");

    // PRODUCT.md, Lifecycles: Officer — background investigation comes before training.
    public static readonly Error BackgroundNotFavorable = Error.Rule("training.background_not_favorable",
        "The officer cannot start training before ICE's background investigation is favorable.");

    public static readonly Error NoNomination = Error.Rule("training.not_nominated",
        "The officer has no open nomination under an agreement of this course's model.");

    public static readonly Error NotCertified = Error.Rule("training.not_certified",
        "A refresher is for officers already certified in this model; this officer has no certificate for it.");

    public static readonly Error AlreadyCertified = Error.Rule("training.already_certified",
        "The officer already holds a certificate for this model; enroll them in the refresher instead.");

    public static readonly Error OfficerSeparated = Error.Rule("officer.separated", "The officer has left the program.");
}
