using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Training;

public enum EnrollmentStatus
{
    Enrolled,
    Completed,
    Disqualified,
    Withdrawn,
}

/// <summary>
/// An officer's place in one class: attendance, exam attempts, and how it ended. The exam rules are the course's
/// (<see cref="ExamRules"/>); completion issues a <see cref="Certificate"/>.
/// </summary>
public sealed class Enrollment : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid ClassId { get; init; }

    public Guid CourseId { get; init; }

    public Guid OfficerId { get; init; }

    public AgreementModel Model { get; init; }

    public CourseKind Kind { get; init; }

    /// <summary>The nomination an initial course trains for; a refresher needs none.</summary>
    public Guid? NominationId { get; init; }

    public EnrollmentStatus Status { get; private set; }

    public decimal AttendanceHours { get; private set; }

    public List<ExamAttempt> Attempts { get; init; } = [];

    public DateTime? EndedAt { get; private set; }

    public string? EndReason { get; private set; }

    public Guid? CertificateId { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public Error? RecordAttendance(decimal hours, Course course)
    {
        if (Status != EnrollmentStatus.Enrolled) return TrainingErrors.NotEnrolled(Status);
        if (hours < 0 || hours > course.Hours * 2)
            return Error.Invalid("training.attendance_invalid", "Give the hours attended.", new Dictionary<string, string[]>
            {
                ["hours"] = [$"Give the hours attended, from 0 to {course.Hours * 2:0.#}."],
            });
        AttendanceHours = hours;
        return null;
    }

    /// <summary>Records a score under the course's rules; a failure with no make-up left disqualifies.</summary>
    public Result<ExamOutcome> RecordExam(Course course, string? examKey, decimal? score, Guid byId, DateTime utcNow)
    {
        if (Status != EnrollmentStatus.Enrolled) return TrainingErrors.NotEnrolled(Status);
        var judged = ExamRules.Judge(course, Attempts, examKey, score);
        if (!judged.IsSuccess) return judged.Error!;
        var outcome = judged.Value;
        Attempts.Add(new ExamAttempt
        {
            EnrollmentId = Id, ExamKey = examKey!.Trim(), Attempt = outcome.Attempt, ScorePercent = score!.Value, Passed = outcome.Passed,
            RecordedAt = utcNow, RecordedById = byId,
        });
        if (outcome.Disqualifies) End(EnrollmentStatus.Disqualified, outcome.Message, utcNow);
        return outcome;
    }

    /// <summary>What still stands between the trainee and the certificate: exams not passed, hours not attended.</summary>
    public IReadOnlyList<string> Missing(Course course)
    {
        var missing = course.Exams.OrderBy(e => e.Order).Where(e => !Attempts.Any(a => a.ExamKey == e.Key && a.Passed))
            .Select(e => $"{e.Title} not passed").ToList();
        if (AttendanceHours < course.Hours) missing.Add($"{AttendanceHours:0.#} of {course.Hours:0.#} hours attended");
        return missing;
    }

    public Error? Complete(Course course, Guid certificateId, DateTime utcNow)
    {
        if (Status != EnrollmentStatus.Enrolled) return TrainingErrors.NotEnrolled(Status);
        if (Missing(course) is { Count: > 0 } missing) return TrainingErrors.Incomplete(missing);
        End(EnrollmentStatus.Completed, "Completed", utcNow);
        CertificateId = certificateId;
        return null;
    }

    public Error? Withdraw(string? reason, DateTime utcNow)
    {
        if (Status != EnrollmentStatus.Enrolled) return TrainingErrors.NotEnrolled(Status);
        End(EnrollmentStatus.Withdrawn, string.IsNullOrWhiteSpace(reason) ? "Withdrawn" : reason.Trim(), utcNow);
        return null;
    }

    private void End(EnrollmentStatus status, string reason, DateTime utcNow)
    {
        Status = status;
        EndedAt = utcNow;
        EndReason = reason;
    }
}

/// <summary>One sitting of one exam. Never changed once recorded.</summary>
public sealed class ExamAttempt : IOwnedThrough<Enrollment>
{
    Guid IOwnedThrough<Enrollment>.OwnerId => EnrollmentId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EnrollmentId { get; init; }

    public string ExamKey { get; init; } = "";

    /// <summary>1 for the first sitting, 2 for a make-up.</summary>
    public int Attempt { get; init; }

    public decimal ScorePercent { get; init; }

    public bool Passed { get; init; }

    public DateTime RecordedAt { get; init; }

    public Guid RecordedById { get; init; }
}

public sealed record ExamOutcome(string ExamKey, int Attempt, bool Passed, bool MakeUpAllowed, bool Disqualifies, string Message);

/// <summary>
/// PRODUCT.md, Lifecycles: Training. Each exam needs the course's passing score (70%). A failed exam may be made up
/// while the course's make-ups last and its scope allows (jail model: one make-up in the whole course; warrant
/// service: one retake of the final); each exam is sat at most twice; a failure with no make-up left disqualifies.
/// </summary>
public static class ExamRules
{
    public static Result<ExamOutcome> Judge(Course course, IReadOnlyList<ExamAttempt> attempts, string? examKey, decimal? score)
    {
        var exam = course.Exams.FirstOrDefault(e => string.Equals(e.Key, examKey?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (exam is null)
            return Error.Invalid("training.exam_unknown", "No such exam in this course.", new Dictionary<string, string[]>
            {
                ["exam"] = [$"Choose one of: {string.Join(", ", course.Exams.OrderBy(e => e.Order).Select(e => e.Key))}."],
            });
        if (score is not { } s || s < 0 || s > 100)
            return Error.Invalid("training.score_invalid", "Give the score in percent.",
                new Dictionary<string, string[]> { ["score"] = ["Give the score in percent, from 0 to 100."] });
        var onThis = attempts.Where(a => a.ExamKey == exam.Key).ToList();
        if (onThis.Any(a => a.Passed)) return TrainingErrors.ExamAlreadyPassed(exam.Title);
        var attempt = onThis.Count + 1;
        var passed = s >= course.PassPercent;
        if (passed) return new ExamOutcome(exam.Key, attempt, true, false, false, $"{exam.Title}: passed with {s:0.#}%.");

        var failures = attempts.Count(a => !a.Passed) + 1;
        var inScope = course.MakeUpScope == MakeUpScope.AnyExam || exam.IsFinal;
        var makeUp = attempt == 1 && inScope && failures <= course.MakeUps;
        if (makeUp)
            return new ExamOutcome(exam.Key, attempt, false, true, false,
                $"{exam.Title}: {s:0.#}%, below the {course.PassPercent}% needed. One make-up of this exam is allowed after reviewing the material.");
        var why = attempt > 1 ? "a second failure of the same exam"
            : !inScope ? "only the final exam may be retaken in this course"
            : course.MakeUps == 0 ? "this course allows no make-up exam"
            : $"the course's make-up{(course.MakeUps == 1 ? " was" : "s were")} already used";
        return new ExamOutcome(exam.Key, attempt, false, false, true,
            $"{exam.Title}: {s:0.#}%, below the {course.PassPercent}% needed, and {why}: the trainee is disqualified and discharged from training.");
    }
}

public static class EnrollmentStatuses
{
}
