using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Officers;

namespace Section287.Features.Training;

/// <summary>The course catalog, classes, enrollments with attendance and exams, and certificates.</summary>
public static class TrainingApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var courses = api.MapGroup("/courses").WithTags("Training").RequireAuthorization(Identity.StaffPolicy);
        courses.MapGet("/", async (TrainingWorkflow w, CancellationToken ct) => TypedResults.Ok(await w.CoursesAsync(ct)));
        courses.MapGet("/{id:guid}", async (TrainingWorkflow w, Guid id, CancellationToken ct) => (await w.CourseAsync(id, ct)).ToHttp());
        courses.MapPut("/{id:guid}", async (TrainingWorkflow w, Guid id, CourseInput input, Actor actor, CancellationToken ct) =>
            (await w.UpdateCourseAsync(id, actor, input, ct)).ToHttp());

        var classes = api.MapGroup("/classes").WithTags("Training").RequireAuthorization(Identity.StaffPolicy);
        classes.MapGet("/", async (TrainingWorkflow w, string? model, bool? upcoming, int? page, int? pageSize, CancellationToken ct) =>
            (await w.ClassesAsync(model, upcoming ?? false, page, pageSize, ct)).ToHttp());
        classes.MapPost("/", async (TrainingWorkflow w, ClassInput input, Actor actor, CancellationToken ct) =>
            (await w.ScheduleAsync(actor, input, ct)).ToCreated(c => $"/api/v1/classes/{c.Class.Id}"));
        classes.MapGet("/{id:guid}", async (TrainingWorkflow w, Guid id, CancellationToken ct) => (await w.ClassAsync(id, ct)).ToHttp());
        classes.MapPost("/{id:guid}/enrollments", async (TrainingWorkflow w, Guid id, EnrollInput input, Actor actor, CancellationToken ct) =>
            (await w.EnrollAsync(id, actor, input, ct)).ToHttp());

        var enrollments = api.MapGroup("/enrollments").WithTags("Training").RequireAuthorization(Identity.StaffPolicy);
        enrollments.MapPut("/{id:guid}/attendance", async (TrainingWorkflow w, Guid id, AttendanceInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordAttendanceAsync(id, actor, input, ct)).ToHttp());
        enrollments.MapPost("/{id:guid}/exams", async (TrainingWorkflow w, Guid id, ExamInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordExamAsync(id, actor, input, ct)).ToHttp());
        enrollments.MapPost("/{id:guid}/completion", async (TrainingWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.CompleteAsync(id, actor, ct)).ToHttp());
        enrollments.MapPost("/{id:guid}/withdrawal", async (TrainingWorkflow w, Guid id, ReasonInput input, Actor actor, CancellationToken ct) =>
            (await w.WithdrawAsync(id, actor, input, ct)).ToHttp());

        var certificates = api.MapGroup("/certificates").WithTags("Training").RequireAuthorization(Identity.StaffPolicy);
        certificates.MapGet("/{id:guid}",
            async (TrainingWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.CertificateAsync(id, actor, ct)).ToHttp());
        certificates.MapGet("/{id:guid}/pdf", async (TrainingWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.CertificatePdfAsync(id, actor, ct)).ToPdf());
        certificates.MapPost("/{id:guid}/corrections", async (TrainingWorkflow w, Guid id, CertificateCorrection input, Actor actor, CancellationToken ct) =>
            (await w.CorrectCertificateAsync(id, actor, input, ct)).ToCreated(c => $"/api/v1/certificates/{c.Id}"));
    }
}
