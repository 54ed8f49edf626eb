using Microsoft.EntityFrameworkCore;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Tests.Infrastructure;

/// <summary>Officers ready to act, written straight into the database (their path to authority is tested elsewhere).</summary>
public static class GivenOfficers
{
    /// <summary>
    /// An officer linked to <paramref name="user"/>, nominated, cleared, certified and authorized under each agreement, as of
    /// <paramref name="since"/>. Returns the officer's id.
    /// </summary>
    public static Task<Guid> AuthorizedAsync(TestApp app, Agency agency, TestUser user, DateTime since, params Agreement[] agreements) =>
        CreateAsync(app, agency, user.Email[..6], user.Id, since, agreements);

    /// <summary>An officer with no account, certified and authorized under each agreement as of <paramref name="since"/>.</summary>
    public static Task<Guid> AuthorizedAsync(TestApp app, Agency agency, DateTime since, params Agreement[] agreements) =>
        CreateAsync(app, agency, Guid.NewGuid().ToString("N")[..6], null, since, agreements);

    private static Task<Guid> CreateAsync(TestApp app, Agency agency, string label, Guid? userId, DateTime since, Agreement[] agreements) =>
        app.WithDbAsync(async (db, _) =>
        {
            var officer = Officer.Create(agency.Id,
                new OfficerFacts($"Test Officer {label}", $"B-{Guid.NewGuid():N}"[..10], "Deputy", new DateOnly(2015, 1, 1), 9m,
                true, true, false, false, false, null), null);
            if (userId is { } id) officer.LinkAccount(id);
            db.Officers.Add(officer);
            foreach (var agreement in agreements)
            {
                var tracked = await db.Agreements.SingleAsync(a => a.Id == agreement.Id);
                var nomination = Nomination.Of(officer, tracked, Guid.NewGuid(), since.AddDays(-30));
                nomination.RecordBackground(BackgroundStatus.Requested, null, false, since.AddDays(-29)).ShouldBeNull();
                nomination.RecordBackground(BackgroundStatus.Favorable, null, false, since.AddDays(-20)).ShouldBeNull();
                db.Nominations.Add(nomination);
                var course = await db.Courses.SingleAsync(c => c.Model == agreement.Model && c.Kind == CourseKind.Initial);
                var enrollment = new Enrollment { AgencyId = agency.Id, ClassId = Guid.NewGuid(), CourseId = course.Id, OfficerId = officer.Id,
                    Model = course.Model, Kind = course.Kind };
                db.Certificates.Add(Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber,
                    DateOnly.FromDateTime(since.AddDays(-10)), Guid.NewGuid(), "Test", since.AddDays(-10)));
                db.Authorizations.Add(Authorization.Sign(nomination, $"CRED-{Guid.NewGuid():N}"[..14], "Test Director", "Field Office Director",
                    Guid.NewGuid(), since.AddDays(-5)));
            }
            await db.SaveChangesAsync();
            return officer.Id;
        });
}
