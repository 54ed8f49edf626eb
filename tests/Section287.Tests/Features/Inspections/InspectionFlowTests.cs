using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Inspections;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Inspections;

/// <summary>
/// Issue 15: an inspection of a warrant service agreement (the model the audits found never reviewed) from its schedule to its
/// report, with the checklist's evidence recounted from the database, a missing poster found, and its corrective action closed.
/// </summary>
public sealed class InspectionFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWarrantServiceAgreement_IsInspectedOnItsCycle_AndAMissingPosterIsCorrectedOnProof()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Tau County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.WarrantService);
        var programOffice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));

        // A complaint the agency never told ICE of: its notice falls due and is late by the time of the inspection.
        await Ok(app.Client().PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency.Id, language = "en", narrative = "Wrong house.",
            anonymous = true }, Ct));

        // Only the program office schedules; one inspection at a time per agreement.
        var schedule = new { dueOn = "2026-11-30", cycleMonths = 12 };
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/inspections", schedule, Ct), HttpStatusCode.Forbidden,
            InspectionRules.ProgramOfficeSchedules.Code);
        var scheduled = await Ok(programOffice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/inspections", schedule, Ct));
        var id = scheduled.GetProperty("id").GetGuid();
        await Refused(programOffice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/inspections", schedule, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.OneAtATime.Code);
        var due = await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id));
        due.Rule.ShouldBe(InspectionRules.InspectionDue.Code);
        due.DueAt.ShouldBe(Clock.EndOfDayUtc(new DateOnly(2026, 11, 30)));

        clock.Advance(TimeSpan.FromDays(7));
        foreach (var http in new[] { programOffice, supervisor, coordinator }) await Given.RenewAsync(app, http);
        var i = $"/api/v1/inspections/{id}";
        await Refused(coordinator.PostAsJsonAsync($"{i}/start", new { periodFrom = "2026-11-01", periodTo = "2026-11-09" }, Ct), HttpStatusCode.Forbidden,
            InspectionRules.IceInspects.Code);
        var started = await Ok(supervisor.PostAsJsonAsync($"{i}/start", new { periodFrom = "2026-11-01", periodTo = "2026-11-09" }, Ct));
        var items = started.GetProperty("items").EnumerateArray().ToDictionary(x => x.GetProperty("code").GetString()!, x => x);
        items.Keys.ShouldBe(["training_current", "supervisor_contacts", "detainer_timelines", "citizenship_timelines", "holds_within_limits",
            "complaint_notices", "posters", "interpreter_list", "records_complete"]);

        // The complaint line's evidence equals a plain count of the database.
        var (complaintDue, complaintLate) = await app.WithDbAsync(async (db, _) =>
        {
            var codes = Section287.Features.Complaints.ComplaintRules.Deadlines.Select(r => r.Code).ToList();
            var from = new DateTime(2026, 11, 1, 5, 0, 0, DateTimeKind.Utc);
            var to = new DateTime(2026, 11, 10, 5, 0, 0, DateTimeKind.Utc);
            var rows = await db.Deadlines.Where(d => d.AgencyId == agency.Id && codes.Contains(d.Rule) && d.Status != DeadlineStatus.Cancelled).ToListAsync();
            var inPeriod = rows.Where(d => d.DueAt >= from && d.DueAt < to).ToList();
            return (inPeriod.Count, inPeriod.Count(d => d.Status == DeadlineStatus.Missed || (d.Status == DeadlineStatus.Open && d.DueAt < clock.GetUtcNow().UtcDateTime)));
        });
        complaintDue.ShouldBe(1);
        items["complaint_notices"].GetProperty("evidence").GetString()
            .ShouldBe($"{complaintDue} complaint notices, resolutions and reports fell due in the period; {complaintLate} late or missed.");
        items["complaint_notices"].GetProperty("suggested").GetString().ShouldBe("not_met");
        items["posters"].GetProperty("suggested").GetString().ShouldBe("not_met");
        items["interpreter_list"].GetProperty("evidence").GetString().ShouldBe("0 qualified interpreters on the agency's list.");

        // Each answer other than met explains itself; the report waits for every answer and the cooperation.
        await Refused(supervisor.PostAsJsonAsync($"/api/v1/inspection-items/{items["posters"].GetProperty("id").GetGuid()}/answer",
            new { result = "not_met" }, Ct), HttpStatusCode.UnprocessableEntity, InspectionRules.ResultNeedsNote.Code);
        await Ok(supervisor.PostAsJsonAsync($"/api/v1/inspection-items/{items["posters"].GetProperty("id").GetGuid()}/answer",
            new { result = "not_met", note = "No poster in the booking area." }, Ct));
        await Refused(supervisor.PostAsJsonAsync($"{i}/report", new { summary = "Done" }, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.ItemsUnanswered.Code);
        foreach (var (code, item) in items.Where(x => x.Key != "posters"))
        {
            var suggested = item.GetProperty("suggested").ValueKind == JsonValueKind.Null ? "met" : item.GetProperty("suggested").GetString();
            await Ok(supervisor.PostAsJsonAsync($"/api/v1/inspection-items/{item.GetProperty("id").GetGuid()}/answer",
                new { result = suggested, note = suggested == "met" ? null : $"As the records show ({code})." }, Ct));
        }
        await Refused(supervisor.PostAsJsonAsync($"{i}/report", new { summary = "Done" }, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.CooperationUnrecorded.Code);
        await Refused(supervisor.PostAsJsonAsync($"{i}/cooperation", new { cooperation = "partial" }, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.RefusalNeedsNote.Code);
        await Ok(supervisor.PostAsJsonAsync($"{i}/cooperation", new { cooperation = "full" }, Ct));

        // The finding, its corrective action on a clock, the agency's proof, ICE's closure.
        var found = await Ok(supervisor.PostAsJsonAsync($"{i}/findings", new { itemCode = "posters", severity = "minor",
            description = "No complaint-process poster in the booking area.", correctiveAction = "Hang the posters in English and Spanish.",
            owner = "Jail administrator", dueOn = "2026-11-23" }, Ct));
        var findingId = found.GetProperty("findings")[0].GetProperty("id").GetGuid();
        var open = await Ok(programOffice.GetAsync("/api/v1/inspections/findings", Ct));
        open.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ShouldBe([findingId]);
        await Ok(supervisor.PostAsJsonAsync($"{i}/report", new { summary = "One minor finding: posters." }, Ct));
        await Refused(supervisor.PostAsJsonAsync($"{i}/report", new { summary = "Again" }, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.NotOpen.Code);
        var next = await Ok(programOffice.GetAsync($"/api/v1/inspections?agreementId={agreement.Id}&status=scheduled", Ct));
        next.GetProperty("items")[0].GetProperty("dueOn").GetString().ShouldBe("2027-11-09");

        await Refused(supervisor.PostAsync($"/api/v1/inspection-findings/{findingId}/closure", null, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.ProofRequired.Code);
        await Refused(supervisor.PostAsJsonAsync($"/api/v1/inspection-findings/{findingId}/proof", new { proof = "x" }, Ct), HttpStatusCode.Forbidden,
            InspectionRules.AgencyProves.Code);
        await Refused(supervisor.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/posters", new { facility = "Jail", languages = new[] { "en", "es" } }, Ct),
            HttpStatusCode.Forbidden, InspectionRules.AgencyAttests.Code);
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/posters", new { facility = "County jail, booking", languages = new[] { "en" } },
            Ct), HttpStatusCode.UnprocessableEntity, InspectionRules.PosterLanguages.Code);
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/posters", new { facility = "County jail, booking", languages = new[] { "en", "es" } },
            Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/inspection-findings/{findingId}/proof", new { proof = "Posters hung on 2026-11-08; photo in IA file 31." },
            Ct));
        await Refused(coordinator.PostAsync($"/api/v1/inspection-findings/{findingId}/closure", null, Ct), HttpStatusCode.Forbidden,
            InspectionRules.IceInspects.Code);
        await Ok(supervisor.PostAsync($"/api/v1/inspection-findings/{findingId}/closure", null, Ct));
        await Refused(supervisor.PostAsync($"/api/v1/inspection-findings/{findingId}/closure", null, Ct), HttpStatusCode.UnprocessableEntity,
            InspectionRules.FindingClosed.Code);
        (await Ok(programOffice.GetAsync("/api/v1/inspections/findings", Ct))).GetProperty("total").GetInt32().ShouldBe(0);
        var corrective = await app.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == findingId));
        corrective.Rule.ShouldBe(InspectionRules.CorrectiveActionDue.Code);
        corrective.DueAt.ShouldBe(Clock.EndOfDayUtc(new DateOnly(2026, 11, 23)));
        corrective.Status.ShouldBe(DeadlineStatus.Met);

        // The report, as tagged PDF.
        var pdf = await (await supervisor.GetAsync($"{i}/report", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var text = await Pdf.TextAsync(pdf);
        text.ShouldContain("One minor finding: posters.");
        text.ShouldContain("No complaint-process poster in the booking area.");
        text.ShouldContain("Closed 2026-11-09 on proof: Posters hung on 2026-11-08");
    }
}
