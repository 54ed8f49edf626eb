using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Training;

public sealed record CourseInput(string? Title, decimal? Hours, IReadOnlyList<string>? Topics, int? PassPercent, int? MakeUps, string? MakeUpScope,
    int? RefresherMonths, int? ReminderDays, bool? Active, long? Version);

public sealed record ClassInput(Guid? CourseId, DateOnly? StartsOn, DateOnly? EndsOn, string? Delivery, string? Location, int? Capacity, string? Instructor);

public sealed record EnrollInput(Guid? OfficerId);

public sealed record AttendanceInput(decimal? Hours);

public sealed record ExamInput(string? Exam, decimal? Score);

public sealed record ExamView(string Key, string Title, bool IsFinal);

public sealed record CourseView(Guid Id, string Code, string Model, string Kind, string Title, decimal Hours, IReadOnlyList<string> Topics,
    int PassPercent, int MakeUps,
    string MakeUpScope, int RefresherMonths, int ReminderDays, bool Active, IReadOnlyList<ExamView> Exams, long Version);

public sealed record ClassSummary(Guid Id, Guid CourseId, string CourseCode, string CourseTitle, string Model, string Kind, DateOnly StartsOn, DateOnly EndsOn,
    string Delivery, string Location, int Capacity, int Enrolled, string Instructor);

public sealed record AttemptView(string Exam, int Attempt, decimal Score, bool Passed, DateTime RecordedAt);

public sealed record EnrollmentView(Guid Id, Guid OfficerId, string OfficerName, string BadgeNumber, string AgencyName, string Status, decimal AttendanceHours,
    IReadOnlyList<AttemptView> Attempts, IReadOnlyList<string> Missing, string? EndReason, Guid? CertificateId, long Version);

public sealed record EnrollCandidate(Guid Id, string FullName, string BadgeNumber, string AgencyName);

public sealed record ClassView(ClassSummary Class, CourseView Course, IReadOnlyList<EnrollmentView> Enrollments);

/// <summary>
/// ICE's training: the catalog (program office), classes, enrollment, attendance, exams under the course's rules, and
/// the certificate that completion issues. Agencies enroll their own cleared officers; ICE records results.
/// </summary>
public sealed partial class TrainingWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    public async Task<IReadOnlyList<CourseView>> CoursesAsync(CancellationToken ct) =>
        (await db.Courses.AsNoTracking().Include(c => c.Exams).OrderBy(c => c.Model).ThenBy(c => c.Kind).ToListAsync(ct)).Select(ToView).ToList();

    public async Task<Result<CourseView>> CourseAsync(Guid id, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Exams).FirstOrDefaultAsync(c => c.Id == id, ct);
        return course is null ? TrainingErrors.CourseNotFound : ToView(course);
    }

    public async Task<Result<CourseView>> UpdateCourseAsync(Guid id, Actor actor, CourseInput input, CancellationToken ct)
    {
        if (actor.Role != Role.ProgramOffice) return TrainingErrors.ProgramOfficeOnly;
        var course = await db.Courses.Include(c => c.Exams).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return TrainingErrors.CourseNotFound;
        if (input.Version is { } v && v != course.Version) return CommonErrors.StaleEdit;
        var current = course.Settings;
        MakeUpScope? scope = input.MakeUpScope is null ? current.MakeUpScope : CourseKinds.ScopeFromCode(input.MakeUpScope);
        if (scope is null)
            return Error.Invalid("course.invalid", "The course settings are not valid.",
                new Dictionary<string, string[]> { ["makeUpScope"] = ["Choose any_exam or final_only."] });
        var settings = new CourseSettings(input.Title ?? current.Title, input.Hours ?? current.Hours, input.Topics ?? current.Topics,
            input.PassPercent ?? current.PassPercent,
            input.MakeUps ?? current.MakeUps, scope.Value, input.RefresherMonths ?? current.RefresherMonths, input.ReminderDays
                ?? current.ReminderDays, input.Active ?? current.Active);
        if (course.Apply(settings) is { } invalid) return invalid;
        change.For("course.update", $"Course {course.Code} settings");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return ToView(course);
    }

    public async Task<Result<Page<ClassSummary>>> ClassesAsync(string? model, bool upcomingOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var today = clock.Today();
        var query = from c in db.TrainingClasses.AsNoTracking()
                    join course in db.Courses on c.CourseId equals course.Id
                    select new { c, course };
        if (AgreementModels.FromCode(model) is { } m) query = query.Where(x => x.course.Model == m);
        if (upcomingOnly) query = query.Where(x => x.c.EndsOn >= today);
        var rows = query.OrderBy(x => x.c.StartsOn).ThenBy(x => x.c.Id)
            .Select(x => new ClassRow(x.c, x.course.Code, x.course.Title, x.course.Model, x.course.Kind,
                db.Enrollments.IgnoreQueryFilters().Count(e => e.ClassId == x.c.Id && e.Status != EnrollmentStatus.Withdrawn)));
        var result = await rows.ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<ClassSummary>(result.Items.Select(r => Summary(r.Class, r.Code, r.Title, r.Model, r.Kind, r.Enrolled)).ToList(),
            result.PageNumber, result.PageSize, result.Total);
    }

    private sealed record ClassRow(TrainingClass Class, string Code, string Title, AgreementModel Model, CourseKind Kind, int Enrolled);

    private static ClassSummary Summary(TrainingClass c, string code, string title, AgreementModel model, CourseKind kind, int enrolled) =>
        new(c.Id, c.CourseId, code, title, model.Code(), kind.Code(), c.StartsOn, c.EndsOn, c.Delivery.Code(), c.Location, c.Capacity, enrolled, c.Instructor);

    public async Task<Result<ClassView>> ClassAsync(Guid id, CancellationToken ct)
    {
        var c = await db.TrainingClasses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return TrainingErrors.ClassNotFound;
        var course = await db.Courses.AsNoTracking().Include(x => x.Exams).SingleAsync(x => x.Id == c.CourseId, ct);
        var seats = await db.Enrollments.IgnoreQueryFilters().CountAsync(e => e.ClassId == id && e.Status != EnrollmentStatus.Withdrawn, ct);
        // Each user sees the enrollments of officers in their scope; the seat count is everyone's.
        var enrollments = await (from e in db.Enrollments.AsNoTracking().Include(e => e.Attempts)
                                 where e.ClassId == id
                                 join o in db.Officers on e.OfficerId equals o.Id
                                 join a in db.Agencies on o.AgencyId equals a.Id
                                 orderby o.FullName
                                 select new { e, o.FullName, o.BadgeNumber, AgencyName = a.Name }).ToListAsync(ct);
        return new ClassView(Summary(c, course.Code, course.Title, course.Model, course.Kind, seats), ToView(course),
            enrollments.Select(x => new EnrollmentView(x.e.Id, x.e.OfficerId, x.FullName, x.BadgeNumber, x.AgencyName, x.e.Status.Code(), x.e.AttendanceHours,
                x.e.Attempts.OrderBy(a => a.RecordedAt).Select(a => new AttemptView(a.ExamKey, a.Attempt, a.ScorePercent, a.Passed, a.RecordedAt)).ToList(),
                x.e.Status == EnrollmentStatus.Enrolled ? x.e.Missing(course) : [], x.e.EndReason, x.e.CertificateId, x.e.Version)).ToList());
    }

    /// <summary>
    /// Officers in the user's scope who may be enrolled in the class: for an initial course, those cleared by ICE under an open
    /// nomination of the model and not yet certified; for a refresher, those certified in the model. At most 200, by name.
    /// </summary>
    public async Task<IReadOnlyList<EnrollCandidate>> CandidatesAsync(Guid classId, CancellationToken ct)
    {
        var c = await db.TrainingClasses.AsNoTracking().FirstOrDefaultAsync(x => x.Id == classId, ct);
        if (c is null) return [];
        var course = await db.Courses.AsNoTracking().SingleAsync(x => x.Id == c.CourseId, ct);
        var officers = db.Officers.AsNoTracking().Where(o => o.SeparatedAt == null
            && !db.Enrollments.Any(e => e.OfficerId == o.Id && e.CourseId == course.Id && e.Status == EnrollmentStatus.Enrolled));
        officers = course.Kind == CourseKind.Initial
            ? officers.Where(o => db.Nominations.Any(n => n.OfficerId == o.Id && n.Model == course.Model && n.EndedAt == null
                && n.Background == BackgroundStatus.Favorable)
                && !db.Certificates.Any(x => x.OfficerId == o.Id && x.Model == course.Model && x.Kind == CourseKind.Initial))
            : officers.Where(o => db.Certificates.Any(x => x.OfficerId == o.Id && x.Model == course.Model && x.Kind == CourseKind.Initial));
        return await (from o in officers
                      join a in db.Agencies on o.AgencyId equals a.Id
                      orderby o.FullName, o.Id
                      select new EnrollCandidate(o.Id, o.FullName, o.BadgeNumber, a.Name)).Take(200).ToListAsync(ct);
    }

    public async Task<Result<ClassView>> ScheduleAsync(Actor actor, ClassInput input, CancellationToken ct)
    {
        if (actor.Role != Role.ProgramOffice) return TrainingErrors.ScheduleProgramOfficeOnly;
        var course = input.CourseId is { } courseId ? await db.Courses.FirstOrDefaultAsync(c => c.Id == courseId, ct) : null;
        if (course is null)
            return Error.Invalid("class.invalid", "Choose the course.", new Dictionary<string, string[]> { ["courseId"] = ["Choose the course."] });
        if (!course.Active) return TrainingErrors.CourseInactive;
        var scheduled = TrainingClass.Schedule(course.Id,
            new ClassSettings(input.StartsOn, input.EndsOn, Deliveries.FromCode(input.Delivery), input.Location, input.Capacity, input.Instructor),
            clock.Today());
        if (!scheduled.IsSuccess)
        {
            if (input.Delivery is not null && Deliveries.FromCode(input.Delivery) is null)
                return scheduled.Error! with { Fields = new Dictionary<string, string[]>(scheduled.Error!.Fields) { ["delivery"] = ["Choose in_person or online."] } };
            return scheduled.Error!;
        }
        db.TrainingClasses.Add(scheduled.Value);
        change.For("class.schedule", $"{course.Code} from {input.StartsOn:yyyy-MM-dd}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ClassAsync(scheduled.Value.Id, ct);
    }

    /// <summary>
    /// Enrolls an officer: initial courses need an open nomination of the course's model with a favorable background and no
    /// certificate yet; refreshers need a certificate of the model. Seats are limited by the class's capacity.
    /// </summary>
    private async Task SetRefresherDeadlineAsync(Officer officer, AgreementModel model, Certificate certificate, int reminderDays, CancellationToken ct)
    {
        // One refresher deadline per officer and model: the newest certificate sets it.
        var marker = $"({model.Code()} refresher)";
        var now = Now;
        foreach (var open in await db.Deadlines.Where(d => d.SubjectId == officer.Id && d.Rule == DeadlineRules.OfficerRefresher.Code
            && d.Status == DeadlineStatus.Open).ToListAsync(ct))
        {
            if (!open.SubjectLabel.EndsWith(marker, StringComparison.Ordinal)) continue;
            if (certificate.Kind == CourseKind.Refresher && certificate.SupersedesId is null) open.Close(now);
            else open.Cancel(now);
        }
        deadlines.OpenUntil(DeadlineRules.OfficerRefresher, officer.AgencyId, "officer", officer.Id, $"{officer.FullName} {marker}",
            Clock.EndOfDayUtc(certificate.ExpiresOn), TimeSpan.FromDays(reminderDays));
    }

    private async Task<bool> MayReadOfficerAsync(Guid officerId, Actor actor, CancellationToken ct) =>
        actor.Role != Role.DesignatedOfficer || await db.Officers.AnyAsync(o => o.Id == officerId && o.UserId == actor.Id, ct);

    private async Task<Result<ClassView>> ApplyAsync(Guid enrollmentId, Actor actor, string action, string reason,
        Func<Enrollment, Course, Officer, Task<Error?>> rule, CancellationToken ct, bool agencyMayAct = false)
    {
        var e = await db.Enrollments.Include(x => x.Attempts).FirstOrDefaultAsync(x => x.Id == enrollmentId, ct);
        if (e is null) return TrainingErrors.EnrollmentNotFound;
        if (!IsIce(actor) && !(agencyMayAct && actor.Role == Role.AgencyCoordinator)) return TrainingErrors.IceOnly;
        var course = await db.Courses.Include(c => c.Exams).SingleAsync(c => c.Id == e.CourseId, ct);
        var officer = await db.Officers.SingleAsync(o => o.Id == e.OfficerId, ct);
        if (await rule(e, course, officer) is { } refused) return refused;
        change.For(action, reason.Trim());
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ClassAsync(e.ClassId, ct);
    }

    internal static CourseView ToView(Course c) => new(c.Id, c.Code, c.Model.Code(), c.Kind.Code(), c.Title, c.Hours, c.Topics, c.PassPercent, c.MakeUps,
        c.MakeUpScope.Code(), c.RefresherMonths, c.ReminderDays, c.Active,
            c.Exams.OrderBy(e => e.Order).Select(e => new ExamView(e.Key, e.Title, e.IsFinal)).ToList(), c.Version);
}
