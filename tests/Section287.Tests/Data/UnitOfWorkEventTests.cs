using HttpStatusCode = System.Net.HttpStatusCode;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Tests.Data;

/// <summary>
/// Cross-feature reactions are domain events handled inside the use case's one save (issue 13): an agreement's suspension
/// records the officers' lost authority in the same transaction, and a reaction that fails takes the use case down with it.
/// </summary>
public sealed class UnitOfWorkEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningAnAuthorization_RecordsTheGrantedState_InTheSameSave()
    {
        await using var app = await TestApp.StartAsync();
        var (_, _, officerId) = await AuthorizedOfficerAsync(app);

        await app.WithDbAsync(async (db, _) =>
        {
            var state = await db.AuthorityStates.SingleAsync(s => s.OfficerId == officerId, Ct);
            state.Granted.ShouldBeTrue();
            // The state's audit entry was written by the same save as the letter, right after it.
            var entries = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync(Ct);
            var letter = entries.Single(e => e.EntityType == nameof(Authorization));
            var granted = entries.Single(e => e.EntityType == nameof(AuthorityState));
            granted.Sequence.ShouldBeGreaterThan(letter.Sequence);
            granted.At.ShouldBe(letter.At);
            return 0;
        });
    }

    [Fact]
    public async Task SuspendingTheAgreement_EndsTheOfficersAuthority_InTheSameTransaction()
    {
        await using var app = await TestApp.StartAsync();
        var (_, agreement, officerId) = await AuthorizedOfficerAsync(app);
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        var before = await app.WithDbAsync((db, _) => db.AuditEntries.MaxAsync(e => e.Sequence, Ct));
        await Api.Ok(programOffice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension",
            Notices.Suspension("Inspection found detainers without review"), Ct));

        await app.WithDbAsync(async (db, _) =>
        {
            (await db.AuthorityStates.SingleAsync(s => s.OfficerId == officerId, Ct)).Granted.ShouldBeFalse();
            (await db.OfficerEvents.CountAsync(e => e.OfficerId == officerId && e.Kind == "authority.lost", Ct)).ShouldBe(1);
            var written = await db.AuditEntries.Where(e => e.Sequence > before).OrderBy(e => e.Sequence).ToListAsync(Ct);
            // One use case, one correlation: the suspension and the lost authority carry the same action and request.
            written.Select(e => e.EntityType).ShouldContain(nameof(Agreement));
            written.Select(e => e.EntityType).ShouldContain(nameof(AuthorityState));
            written.Select(e => e.Action).Distinct().ShouldBe(["agreement.suspend"]);
            written.Select(e => e.CorrelationId).Distinct().Count().ShouldBe(1);
            return 0;
        });
    }

    [Fact]
    public async Task AReactionThatFails_LeavesTheUseCaseUnwritten()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddScoped<IHandles<AgreementStatusChanged>, FailingReaction>());
        var (_, agreement, officerId) = await AuthorizedOfficerAsync(app);
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var before = await app.WithDbAsync((db, _) => db.AuditEntries.MaxAsync(e => e.Sequence, Ct));

        var response = await programOffice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension",
            Notices.Suspension("Test of a failing reaction"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);

        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Agreements.SingleAsync(a => a.Id == agreement.Id, Ct)).Status.ShouldBe(AgreementStatus.Active);
            (await db.AuthorityStates.SingleAsync(s => s.OfficerId == officerId, Ct)).Granted.ShouldBeTrue();
            (await db.AuditEntries.CountAsync(e => e.Sequence > before, Ct)).ShouldBe(0);
            return 0;
        });
    }

    private sealed class FailingReaction : IHandles<AgreementStatusChanged>
    {
        public Task HandleAsync(IReadOnlyList<AgreementStatusChanged> events, CancellationToken ct) =>
            throw new InvalidOperationException("Test: a reaction that fails.");
    }

    /// <summary>A task force officer, certified and authorized, all written in one save of the system scope.</summary>
    private static async Task<(Agency Agency, Agreement Agreement, Guid OfficerId)> AuthorizedOfficerAsync(TestApp app)
    {
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officerId = await app.WithDbAsync(async (db, _) =>
        {
            var now = DateTime.UtcNow;
            var g = await db.Agreements.Include(a => a.History).SingleAsync(a => a.Id == agreement.Id, Ct);
            var course = await db.Courses.Include(c => c.Exams).SingleAsync(c => c.Code == "TFM-BASIC", Ct);
            var officer = Officer.Create(agency.Id,
                new OfficerFacts("Test Officer Omicron", "O-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, false, false, false, false, null), null);
            db.Officers.Add(officer);
            var nomination = Nomination.Of(officer, g, Guid.NewGuid(), now.AddDays(-10));
            nomination.RecordBackground(BackgroundStatus.Requested, null, false, now.AddDays(-9)).ShouldBeNull();
            nomination.RecordBackground(BackgroundStatus.Favorable, null, false, now.AddDays(-8)).ShouldBeNull();
            db.Nominations.Add(nomination);
            var enrollment = new Enrollment { AgencyId = agency.Id, ClassId = Guid.NewGuid(), CourseId = course.Id, OfficerId = officer.Id,
                Model = course.Model, Kind = course.Kind };
            db.Certificates.Add(Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber, Clock.DayOf(now.AddDays(-5)),
                Guid.NewGuid(), "Test", now.AddDays(-5)));
            db.Authorizations.Add(Authorization.Sign(nomination, $"CRED-{Guid.NewGuid():N}"[..14], "Test Director", "Field Office Director",
                Guid.NewGuid(), now.AddMinutes(-1)));
            await db.SaveChangesAsync(Ct);
            return officer.Id;
        });
        return (agency, agreement, officerId);
    }
}
