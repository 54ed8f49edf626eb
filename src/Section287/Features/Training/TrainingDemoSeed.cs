using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Officers;

namespace Section287.Features.Training;

/// <summary>The demo officer's jail course certificate, and a class of that course to enroll in.</summary>
internal sealed class TrainingDemoSeed(AppDbContext db) : IDemoSeedPart
{
    public int Order => 50;

    public async Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var now = demo.Now;
        var today = Clock.DayOf(now);
        var officer = demo.Get<Officer>();
        var course = await db.Courses.Include(c => c.Exams).SingleAsync(c => c.Code == "JEM-BASIC", ct);
        var enrollment = new Enrollment { AgencyId = demo.Get<Agency>().Id, ClassId = Guid.Empty, CourseId = course.Id, OfficerId = officer.Id,
            Model = course.Model, Kind = course.Kind };
        db.Certificates.Add(Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber, DateOnly.FromDateTime(now.AddDays(-20)),
            demo.Get<DemoUser>(Role.DesignatedOfficer.Code()).Id, "Demo seed", now.AddDays(-20)));
        var upcoming = TrainingClass.Schedule(course.Id, new ClassSettings(today.AddDays(30), today.AddDays(57), Delivery.InPerson,
            "Demonstration Training Center, 1 Example Way (fictional)", 24, "Demo Instructor (fictional)"), today);
        db.TrainingClasses.Add(upcoming.Value);
    }
}
