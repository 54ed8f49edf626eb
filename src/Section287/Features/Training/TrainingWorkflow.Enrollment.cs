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

/// <summary>Enrollment, attendance, exams, completion and withdrawal; certificates, their corrections and PDFs.</summary>
public sealed partial class TrainingWorkflow
{
    public async Task<Result<ClassView>> EnrollAsync(Guid classId, Actor actor, EnrollInput input, CancellationToken ct)
    {
        var c = await db.TrainingClasses.FirstOrDefaultAsync(x => x.Id == classId, ct);
        if (c is null) return TrainingErrors.ClassNotFound;
        var officer = input.OfficerId is { } officerId ? await db.Officers.FirstOrDefaultAsync(o => o.Id == officerId, ct) : null;
        if (officer is null) return OfficerErrors.NotFound;
        if (!(IsIce(actor) || actor.Role == Role.AgencyCoordinator)) return TrainingErrors.EnrollNotPermitted;
        var course = await db.Courses.SingleAsync(x => x.Id == c.CourseId, ct);
        var now = Now;
        if (!course.Active) return TrainingErrors.CourseInactive;
        if (c.EndsOn < clock.Today()) return TrainingErrors.ClassOver;
        if (officer.SeparatedAt is not null) return TrainingErrors.OfficerSeparated;
        if (await db.Enrollments.AnyAsync(e => e.OfficerId == officer.Id && e.CourseId == course.Id && e.Status == EnrollmentStatus.Enrolled,
            ct)) return TrainingErrors.AlreadyEnrolled;
        var certificates = await db.Certificates.Where(x => x.OfficerId == officer.Id && x.Model == course.Model).ToListAsync(ct);
        var certified = Certificates.StandingAt(certificates, now).Any(x => x.Kind == CourseKind.Initial);
        Guid? nominationId = null;
        if (course.Kind == CourseKind.Initial)
        {
            if (certified) return TrainingErrors.AlreadyCertified;
            var nominations = await db.Nominations.Where(n => n.OfficerId == officer.Id && n.Model == course.Model && n.EndedAt == null).ToListAsync(ct);
            if (nominations.Count == 0) return TrainingErrors.NoNomination;
            var cleared = nominations.FirstOrDefault(n => n.IsFavorableAt(now));
            if (cleared is null) return TrainingErrors.BackgroundNotFavorable;
            nominationId = cleared.Id;
        }
        else if (!certified) return TrainingErrors.NotCertified;
        var taken = await db.Enrollments.IgnoreQueryFilters().CountAsync(e => e.ClassId == c.Id && e.Status != EnrollmentStatus.Withdrawn, ct);
        if (taken >= c.Capacity) return TrainingErrors.ClassFull;

        db.Enrollments.Add(new Enrollment
        {
            AgencyId = officer.AgencyId, ClassId = c.Id, CourseId = course.Id, OfficerId = officer.Id, Model = course.Model, Kind = course.Kind,
                NominationId = nominationId,
        });
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "enrolled",
            $"Enrolled in {course.Title}, {c.StartsOn:yyyy-MM-dd} to {c.EndsOn:yyyy-MM-dd} ({c.Delivery.Code().Replace('_', ' ')}).", actor.Name, now));
        change.For("training.enroll", $"{officer.FullName} in {course.Code} {c.StartsOn:yyyy-MM-dd}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ClassAsync(c.Id, ct);
    }

    public Task<Result<ClassView>> RecordAttendanceAsync(Guid enrollmentId, Actor actor, AttendanceInput input, CancellationToken ct) =>
        ApplyAsync(enrollmentId, actor, "training.attendance", $"{input.Hours} hours", (e, course, _) =>
            Task.FromResult(input.Hours is { } h ? e.RecordAttendance(h, course)
                : Error.Invalid("training.attendance_invalid", "Give the hours attended.",
                    new Dictionary<string, string[]> { ["hours"] = ["Give the hours attended."] })), ct);

    /// <summary>Records a score; a disqualifying failure ends the enrollment and, for initial training, the nomination.</summary>
    public Task<Result<ClassView>> RecordExamAsync(Guid enrollmentId, Actor actor, ExamInput input, CancellationToken ct) =>
        ApplyAsync(enrollmentId, actor, "training.exam", $"{input.Exam}: {input.Score}", async (e, course, officer) =>
        {
            var outcome = e.RecordExam(course, input.Exam, input.Score, actor.Id, Now);
            if (!outcome.IsSuccess) return outcome.Error;
            var o = outcome.Value;
            db.OfficerEvents.Add(OfficerEvent.Of(e.AgencyId, e.OfficerId, null,
                o.Passed ? "exam.passed" : o.Disqualifies ? "training.disqualified" : "exam.failed", o.Message, actor.Name, Now));
            if (o.Disqualifies)
            {
                if (e.NominationId is { } nominationId && await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct) is { } nomination)
                    nomination.End("Disqualified in training", Now);
                await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "training.disqualified", $"{officer.FullName}: {o.Message}",
                    Links.For("officer", officer.Id), ct);
            }
            return null;
        }, ct);

    /// <summary>Completion: every exam passed and the course's hours attended. Issues the certificate and sets the refresher's due date.</summary>
    public Task<Result<ClassView>> CompleteAsync(Guid enrollmentId, Actor actor, CancellationToken ct) =>
        ApplyAsync(enrollmentId, actor, "training.complete", "Course completed", async (e, course, officer) =>
        {
            var now = Now;
            var c = await db.TrainingClasses.SingleAsync(x => x.Id == e.ClassId, ct);
            var completedOn = Clock.DayOf(now) < c.EndsOn ? Clock.DayOf(now) : c.EndsOn;
            var certificate = Certificate.Issue(course, e, officer.FullName, officer.BadgeNumber, completedOn, actor.Id, actor.Name, now);
            if (e.Complete(course, certificate.Id, now) is { } refused) return refused;
            db.Certificates.Add(certificate);
            await SetRefresherDeadlineAsync(officer, course.Model, certificate, course.ReminderDays, ct);
            var text = $"Completed {course.Title}: certificate {certificate.Number}, current until {certificate.ExpiresOn:yyyy-MM-dd}.";
            db.OfficerEvents.Add(OfficerEvent.Of(e.AgencyId, e.OfficerId, null, "certified", text, actor.Name, now));
            await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "training.certified", $"{officer.FullName}: {text}",
                Links.For("officer", officer.Id), ct);
            if (course.Kind == CourseKind.Initial)
                await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "training.certified",
                    $"Ready for authorization: {officer.FullName} ({course.Model.Code()})", Links.For("officer", officer.Id), ct);
            return null;
        }, ct);

    public Task<Result<ClassView>> WithdrawAsync(Guid enrollmentId, Actor actor, ReasonInput input, CancellationToken ct) =>
        ApplyAsync(enrollmentId, actor, "training.withdraw", input.Reason ?? "Withdrawn", (e, _, _) => Task.FromResult(e.Withdraw(input.Reason, Now)),
            ct, agencyMayAct: true);

    public async Task<Result<CertificateView>> CertificateAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var c = await db.Certificates.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null || !await MayReadOfficerAsync(c.OfficerId, actor, ct)) return TrainingErrors.CertificateNotFound;
        var related = await db.Certificates.AsNoTracking().Where(x => x.OfficerId == c.OfficerId && x.Model == c.Model).ToListAsync(ct);
        return CertificateDocument.View(c, related);
    }

    /// <summary>A correction never edits the certificate: it issues a new one that supersedes it, with the reason.</summary>
    public async Task<Result<CertificateView>> CorrectCertificateAsync(Guid id, Actor actor, CertificateCorrection input, CancellationToken ct)
    {
        var original = await db.Certificates.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (original is null) return TrainingErrors.CertificateNotFound;
        if (!IsIce(actor)) return TrainingErrors.IceOnly;
        if (await db.Certificates.AnyAsync(x => x.SupersedesId == id, ct))
            return TrainingErrors.AlreadySuperseded;
        var corrected = original.Correct(input, actor.Id, actor.Name, Now);
        if (!corrected.IsSuccess) return corrected.Error!;
        db.Certificates.Add(corrected.Value);
        var officer = await db.Officers.SingleAsync(o => o.Id == original.OfficerId, ct);
        var course = await db.Courses.SingleAsync(c => c.Id == original.CourseId, ct);
        await SetRefresherDeadlineAsync(officer, original.Model, corrected.Value, course.ReminderDays, ct);
        db.OfficerEvents.Add(OfficerEvent.Of(original.AgencyId, original.OfficerId, null, "certificate.corrected",
            $"Certificate {original.Number} superseded by {corrected.Value.Number}: {corrected.Value.CorrectionReason}", actor.Name, Now));
        change.For("certificate.correct", corrected.Value.CorrectionReason ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await CertificateAsync(corrected.Value.Id, actor, ct);
    }

    public async Task<Result<(byte[] Pdf, string FileName)>> CertificatePdfAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var view = await CertificateAsync(id, actor, ct);
        if (!view.IsSuccess) return view.Error!;
        var c = await db.Certificates.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var agency = await db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var superseded = view.Value.SupersededById is { } newer ? await db.Certificates.Where(x => x.Id == newer).Select(x => x.Number).SingleAsync(ct) : null;
        var supersedes = c.SupersedesId is { } older ? await db.Certificates.Where(x => x.Id == older).Select(x => x.Number).SingleAsync(ct) : null;
        return (CertificateDocument.Pdf(c, agency, supersedes, superseded), $"certificate-{c.Number}.pdf");
    }
}
