using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Oversight;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Oversight;

/// <summary>
/// Issue 15: steering committee meetings where the agreement's text has the clause (jail), review meetings that meet the agreement's
/// timers, action items on the deadlines engine, and a public summary that reaches the public page only once the program office approves.
/// </summary>
public sealed class MeetingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Meeting(string kind, string heldOn, string? summary = null, object[]? actions = null) => new
    {
        kind, heldOn, agenda = "Detainer practice; complaint posters", iceAttendees = "SDDO Test Psi", agencyAttendees = "Test Sheriff Omega",
        communityAttendees = "Test Community Coalition", minutes = "Discussed the posters and the year's detainers.", publicSummary = summary,
        actions = actions ?? [],
    };

    [Fact]
    public async Task Meetings_FollowEachModelsText_TheirActionsKeepDeadlines_AndOnlyApprovedSummariesArePublic()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var warrant = await Given.AgreementAsync(app, agency, AgreementModel.WarrantService);
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"));
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));

        await Refused(oversight.PostAsJsonAsync($"/api/v1/agreements/{jail.Id}/meetings", Meeting("steering_committee", "2026-12-01"), Ct),
            HttpStatusCode.Forbidden, MeetingRules.IceOrAgencyRecords.Code);
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{warrant.Id}/meetings", Meeting("steering_committee", "2026-12-01"), Ct),
            HttpStatusCode.UnprocessableEntity, MeetingRules.SteeringNotInModel.Code);
        var steering = await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{jail.Id}/meetings", Meeting("steering_committee", "2026-12-01",
            "The committee reviewed the year's detainers and asked for posters in every processing area.",
            [new { recommendation = "Hang posters in the intake area", side = "agency", owner = "Jail administrator", dueOn = "2026-12-31" }]), Ct));
        var actionId = steering.GetProperty("actions")[0].GetProperty("id").GetGuid();
        var deadline = await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == actionId));
        (deadline.Rule, deadline.WaitsOn, deadline.DueAt).ShouldBe((MeetingRules.ActionDue.Code, Role.AgencyCoordinator, Clock.EndOfDayUtc(new DateOnly(2026, 12, 31))));

        // The yearly meeting of the warrant service agreement meets its timer and starts the next.
        await Ok(supervisor.PostAsJsonAsync($"/api/v1/agreements/{warrant.Id}/meetings", Meeting("yearly_meeting", "2026-11-30"), Ct));
        var next = await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == warrant.Id && d.Rule == DeadlineRules.AgreementYearlyMeeting.Code));
        next.DueAt.ShouldBe(DeadlineRules.AgreementYearlyMeeting.DueFrom(Clock.EndOfDayUtc(new DateOnly(2026, 11, 30)), UsTimeZones.Find(agency.TimeZone)));
        (await app.WithDbAsync((db, _) => db.AgreementChanges.CountAsync(c => c.AgreementId == warrant.Id && c.Kind == AgreementChangeKind.MeetingHeld))).ShouldBe(1);

        // The public sees the summary only once the program office approves it.
        var meetingId = steering.GetProperty("id").GetGuid();
        var publicPage = $"/registry/agencies/{agency.Id}?lang=es";
        (await app.Client().GetStringAsync(publicPage, Ct)).ShouldNotContain("asked for posters");
        await Refused(coordinator.PostAsync($"/api/v1/meetings/{meetingId}/summary-approval", null, Ct), HttpStatusCode.Forbidden,
            MeetingRules.ProgramOfficeApproves.Code);
        await Ok(po.PostAsync($"/api/v1/meetings/{meetingId}/summary-approval", null, Ct));
        await Refused(po.PostAsync($"/api/v1/meetings/{meetingId}/summary-approval", null, Ct), HttpStatusCode.UnprocessableEntity,
            MeetingRules.AlreadyApproved.Code);
        var withoutSummary = (await Ok(coordinator.GetAsync($"/api/v1/agreements/{warrant.Id}/meetings", Ct)))[0].GetProperty("id").GetGuid();
        await Refused(po.PostAsync($"/api/v1/meetings/{withoutSummary}/summary-approval", null, Ct), HttpStatusCode.UnprocessableEntity,
            MeetingRules.NoSummary.Code);
        var html = System.Net.WebUtility.HtmlDecode(await app.Client().GetStringAsync(publicPage, Ct));
        html.ShouldContain("Comité directivo, 2026-12-01");
        html.ShouldContain("asked for posters in every processing area");

        // The agency closes its own action item, once.
        await Refused(supervisor.PostAsJsonAsync($"/api/v1/meeting-actions/{actionId}/done", new { note = "x" }, Ct), HttpStatusCode.Forbidden,
            MeetingRules.ActionOwnSide.Code);
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/meeting-actions/{actionId}/done", new { note = "Posters hung on 2026-12-02" }, Ct));
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/meeting-actions/{actionId}/done", new { note = "again" }, Ct), HttpStatusCode.UnprocessableEntity,
            MeetingRules.ActionDone.Code);
        (await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == actionId))).Status.ShouldBe(DeadlineStatus.Met);
    }
}
