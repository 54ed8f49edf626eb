using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Complaints;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Tests.Features.Officers;

/// <summary>
/// Every reason authority can be refused, with its facts saved to and read back from the suite's database (SQLite, then
/// PostgreSQL): the answer from stored facts, at instants a second either side of each change, equals the answer from the
/// facts in memory. Proves that what the database keeps (times to the microsecond, enums as text) decides as the rules do.
/// </summary>
public sealed class AuthorityStoredTests
{
    [Fact]
    public async Task EveryReason_FromStoredFacts_AtTheInstantsAroundEachChange()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var t0 = new DateTime(2026, 1, 5, 15, 0, 0, DateTimeKind.Utc).AddTicks(1234560);

        var (memory, instants) = await app.WithDbAsync(async (db, _) =>
        {
            var g = await db.Agreements.Include(a => a.History).SingleAsync(a => a.Id == agreement.Id);
            var course = await db.Courses.Include(c => c.Exams).SingleAsync(c => c.Code == "TFM-BASIC");
            var officer = Officer.Create(agency.Id,
                new OfficerFacts("Test Officer Xi", "X-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, false, false, false, false, null), null);
            db.Officers.Add(officer);
            var nomination = Nomination.Of(officer, g, Guid.NewGuid(), t0);
            nomination.RecordBackground(BackgroundStatus.Requested, null, false, t0.AddHours(1)).ShouldBeNull();
            nomination.RecordBackground(BackgroundStatus.Favorable, null, false, t0.AddDays(1)).ShouldBeNull();
            db.Nominations.Add(nomination);
            var enrollment = new Enrollment { AgencyId = agency.Id, ClassId = Guid.NewGuid(), CourseId = course.Id, OfficerId = officer.Id,
                Model = course.Model, Kind = course.Kind };
            var certificate = Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber, Clock.DayOf(t0.AddDays(2)), Guid.NewGuid(),
                "Test", t0.AddDays(2));
            db.Certificates.Add(certificate);
            var authorization = Authorization.Sign(nomination, "CRED-XI", "Test Director", "Field Office Director", Guid.NewGuid(), t0.AddDays(3));
            authorization.Suspend("ice", "Review", t0.AddDays(10)).ShouldBeNull();
            authorization.Lift(t0.AddDays(12)).ShouldBeNull();
            db.Authorizations.Add(authorization);
            // A complaint's allegation that could lead to discipline, recorded on day 20 and found unfounded on day 25.
            var complaint = Complaint.Receive(agency.Id, g, ComplaintChannel.Phone, ReceivedBy.Agency, t0.AddDays(19), "Test", "en", true, false, null,
                "narrative", [], null);
            db.Complaints.Add(complaint);
            var alleged = ComplaintAllegation.Record(complaint, AllegationCategory.Force, officer, null, false, true, false, false, "Test", t0.AddDays(20));
            alleged.Find(Finding.Unfounded, null, "Test", t0.AddDays(25)).ShouldBeNull();
            db.ComplaintAllegations.Add(alleged);
            var allegation = new PendingAllegation { OfficerId = officer.Id, ComplaintId = complaint.Id, Reference = complaint.TrackingNumber,
                OpenedAt = t0.AddDays(20), ResolvedAt = t0.AddDays(25) };
            g.Suspend(Clock.DayOf(t0.AddDays(30)), "Inspection", Clock.DayOf(t0.AddDays(90)), t0.AddDays(30), null, Notices.Ice).ShouldBeNull();
            g.Reinstate(Clock.DayOf(t0.AddDays(33)), t0.AddDays(33)).ShouldBeNull();
            officer.Separate(SeparationKind.Reassigned, "Courts", t0.AddDays(300)).ShouldBeNull();
            // ICE requires updated training by a date (the only refresher that lapses authority).
            var refresherCourse = await db.Courses.SingleAsync(c => c.Code == "TFM-REFRESH");
            var requirement = TrainingRequirement.Require(g, officer.Id, "additional", refresherCourse, Clock.DayOf(t0.AddDays(200)),
                "Updated training", [certificate], "Test SDDO", t0.AddDays(100)).Value;
            db.TrainingRequirements.Add(requirement);
            await db.SaveChangesAsync();
            var lapse = Clock.StartOfDayUtc(requirement.DueOn.AddDays(1));
            DateTime[] changes = [t0, t0.AddHours(1), t0.AddDays(1), t0.AddDays(2), t0.AddDays(3), t0.AddDays(10), t0.AddDays(12), t0.AddDays(20),
                t0.AddDays(25),
                t0.AddDays(30), t0.AddDays(33), t0.AddDays(100), t0.AddDays(300), lapse];
            var inMemory = new AuthorityFacts(officer, g, AgreementTimeline.Of(g, g.History), [nomination], [certificate], [authorization],
                [allegation], [requirement]);
            return (inMemory, changes.SelectMany(c => new[] { c.AddTicks(-10), c, c.AddTicks(10) }).ToArray());
        });

        var stored = await app.WithDbAsync((_, services) => services.GetRequiredService<AuthorityFactsLoader>().LoadOneAsync(memory.Officer.Id,
            agreement.Id, CancellationToken.None));
        stored.ShouldNotBeNull();
        var seen = new HashSet<string>();
        foreach (var at in instants)
        {
            // A microsecond either side of each change: the stored facts answer exactly as the facts in memory.
            var expected = AuthorityRules.Evaluate(memory, at).Reasons.Select(r => r.Code).ToArray();
            AuthorityRules.Evaluate(stored, at).Reasons.Select(r => r.Code).ShouldBe(expected, $"at {at:O}");
            seen.UnionWith(expected);
        }
        // What each stretch of time must say, from the facts above.
        string[] At(DateTime at) => AuthorityRules.Evaluate(stored, at).Reasons.Select(r => r.Code).ToArray();
        var t = instants[1];
        At(t.AddHours(-1).AddSeconds(-1)).ShouldBe(["authority.not_nominated", "authority.not_certified", "authority.not_authorized"]);
        At(t.AddHours(2)).ShouldBe(["authority.background_pending", "authority.not_certified", "authority.not_authorized"]);
        At(t.AddDays(3)).ShouldBeEmpty();
        At(t.AddDays(11)).ShouldBe(["authority.authorization_suspended"]);
        At(t.AddDays(21)).ShouldBe(["authority.allegation_pending"]);
        At(t.AddDays(31)).ShouldBe(["authority.agreement_suspended"]);
        At(t.AddDays(34)).ShouldBeEmpty();
        At(t.AddDays(150)).ShouldBeEmpty();
        At(t.AddDays(301)).ShouldBe(["authority.refresher_overdue", "authority.separated"]);
        seen.ShouldContain("authority.refresher_overdue");
    }
}
