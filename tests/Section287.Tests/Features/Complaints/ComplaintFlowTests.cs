using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Complaints;
using Section287.Features.Deadlines;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Complaints;

/// <summary>
/// Issue 15: a complaint's whole path through the API on a real socket, each step refused in the order each model's Appendix B
/// sets (and our policies where the texts are silent), with its deadline kept.
/// </summary>
public sealed class ComplaintFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(TestApp App, TestClock Clock, Section287.Features.Agencies.Agency Agency, Agreement Agreement, HttpClient Coordinator,
        HttpClient Supervisor, HttpClient Oversight, HttpClient Public);

    // Friday 4 December 2026, 10:00 in New York (the test agency's zone).
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    private static async Task<Setup> StartAsync(AgreementModel model)
    {
        var clock = new TestClock(Friday);
        var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, $"Test Complaint {model} County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency, model);
        return new Setup(app, clock, agency, agreement,
            await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id)),
            await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL")),
            await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight)),
            app.Client());
    }

    private static async Task RenewAsync(Setup s)
    {
        foreach (var http in new[] { s.Coordinator, s.Supervisor, s.Oversight }) await Given.RenewAsync(s.App, http);
    }

    private static async Task<(Guid Id, string Tracking)> FileAsync(Setup s, object body)
    {
        var receipt = await Ok(s.Public.PostAsJsonAsync("/api/v1/public/complaints", body, Ct));
        var tracking = receipt.GetProperty("trackingNumber").GetString()!;
        var id = await s.App.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == tracking).Select(c => c.Id).SingleAsync());
        return (id, tracking);
    }

    [Fact]
    public async Task AJailComplaint_FromThePublicForm_ToItsClose_EachStepInTheMoasOrder()
    {
        var s = await StartAsync(AgreementModel.Jail);
        await using var _ = s.App;

        // Anonymous, in Spanish: the receipt's number finds status and dates only.
        var (id, tracking) = await FileAsync(s, new { agencyId = s.Agency.Id, language = "es", narrative = "Me retuvieron dos días más sin explicación.",
            occurredOn = "marzo, en la cárcel", categories = new[] { "overdetention", "language_access" }, anonymous = true });
        tracking.ShouldMatch("^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$");
        var status = await Ok(s.Public.GetAsync($"/api/v1/public/complaints/{tracking.ToLowerInvariant().Replace("-", " ")}", Ct));
        status.GetProperty("status").GetString().ShouldBe("received");
        status.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["agencyName", "closedAt", "investigationStartedAt", "receivedAt", "resolvedAt",
            "status", "trackingNumber"]);
        await Refused(s.Public.GetAsync("/api/v1/public/complaints/AAAA-AAAA-AAAA", Ct), HttpStatusCode.NotFound, "complaint.tracking_not_found");

        // The agency's 48 hours exclude the weekend: Friday 10:00 to Tuesday 10:00 in New York. Holidays count (none is named).
        var notice = await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id && d.Rule == ComplaintRules.NoticeDue.Code));
        notice.DueAt.ShouldBe(new DateTime(2026, 12, 8, 15, 0, 0, DateTimeKind.Utc));
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id && d.Rule == ComplaintRules.ResolutionDue.Code)))
            .DueAt.ShouldBe(Section287.Common.ZonedTime.EndOfDayUtc(new DateOnly(2027, 3, 4), Section287.Common.UsTimeZones.Find(s.Agency.TimeZone)),
                "90 days from Friday 4 December, to the close of the day in the agency's zone");
        (await s.App.WithDbAsync((db, _) => db.Notifications.CountAsync(n => n.Kind == "complaint.received"))).ShouldBe(2, "the coordinator and the area's supervisor");

        var c = $"/api/v1/complaints/{id}";
        await Refused(s.Coordinator.GetAsync($"{c}/letters/outcome", Ct), HttpStatusCode.UnprocessableEntity, ComplaintLetters.NotReady.Code);
        // ICE reports to OPR only after the agency told ICE; only the agency tells ICE, once.
        await Refused(s.Supervisor.PostAsJsonAsync($"{c}/opr-report", new { }, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.IceNoticeFirst.Code);
        await Refused(s.Supervisor.PostAsJsonAsync($"{c}/ice-notice", new { to = "SDDO" }, Ct), HttpStatusCode.Forbidden, ComplaintRules.AgencyNotifies.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/opr-report", new { }, Ct), HttpStatusCode.Forbidden, ComplaintRules.IceReports.Code);
        s.Clock.Advance(TimeSpan.FromDays(3)); // Monday 10:00, still inside the 48 weekday hours.
        await RenewAsync(s);
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/ice-notice", new { to = "SDDO Test Kappa, Atlanta" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/ice-notice", new { to = "again" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.AlreadyRecorded.Code);
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.Id == notice.Id))).Status.ShouldBe(DeadlineStatus.Met);

        // Classification: an allegation names an officer of this agency only.
        var otherAgency = await Given.AgencyAsync(s.App, "Test Other County Sheriff's Office");
        var stranger = await s.App.WithDbAsync(async (db, _) =>
        {
            var o = Section287.Features.Officers.Officer.Create(otherAgency.Id,
                new("Test Officer Stranger", "S-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
            db.Officers.Add(o);
            await db.SaveChangesAsync();
            return o.Id;
        });
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "force", officerId = stranger, mayLeadToDiscipline = true,
            mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.OtherAgency.Code);
        var empty = await Refused(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "nonsense" }, Ct), HttpStatusCode.BadRequest,
            "complaint.allegation_invalid");
        empty.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ShouldBe(["category", "mayLeadToDiscipline", "personDescribed"]);

        // OPR decides who investigates; nothing is found or resolved before.
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/resolution", new { resolution = "Done" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.OprFirst.Code);
        await Refused(s.Supervisor.PostAsJsonAsync($"{c}/referrals", new { to = "agency_internal_affairs" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.OprFirst.Code);
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/opr-report", new { to = "Joint Intake Center", reference = "JIC-2026-77" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/referrals", new { to = "agency_internal_affairs", note = "LEA personnel" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/resolution", new { resolution = "Done" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.NotClassified.Code);
        var alleged = await Ok(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "overdetention", personDescribed = "Booking sergeant",
            nonDesignated = true, mayLeadToDiscipline = true, mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = true }, Ct));
        var second = await Ok(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "language_access", personDescribed = "Intake clerk",
            mayLeadToDiscipline = false, mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct));
        var first = alleged.GetProperty("allegations")[0].GetProperty("id").GetGuid();
        var other = second.GetProperty("allegations")[1].GetProperty("id").GetGuid();

        // Referred to the agency's internal affairs: the agency finds, not ICE; a sustained finding names its action.
        await Refused(s.Supervisor.PostAsJsonAsync($"/api/v1/complaint-allegations/{first}/finding", new { finding = "sustained", actionsTaken = "x" }, Ct),
            HttpStatusCode.Forbidden, ComplaintRules.InvestigatorFinds.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{first}/finding", new { finding = "sustained" }, Ct),
            HttpStatusCode.UnprocessableEntity, ComplaintRules.SustainedNeedsAction.Code);
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{first}/finding",
            new { finding = "sustained", actionsTaken = "Written reprimand; release-time training" }, Ct));
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/resolution", new { resolution = "Done" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.FindingsMissing.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/outcome-report", new { }, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.NotResolved.Code);
        await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{other}/finding", new { finding = "not_sustained" }, Ct));
        s.Clock.Advance(TimeSpan.FromDays(20));
        await RenewAsync(s);
        var resolved = await Ok(s.Coordinator.PostAsJsonAsync($"{c}/resolution", new { resolution = "One allegation sustained, one not sustained." }, Ct));
        resolved.GetProperty("status").GetString().ShouldBe("resolved");
        (await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id && d.Rule == ComplaintRules.OutcomeReportDue.Code)))
            .DueAt.ShouldBe(DeadlineRules.Find(ComplaintRules.OutcomeReportDue.Code)!.DueFrom(s.Clock.GetUtcNow().UtcDateTime,
                Section287.Common.UsTimeZones.Find(s.Agency.TimeZone)));

        // Closing waits for the outcome reported to ICE; an anonymous person cannot be told; nobody was named, so no subjects.
        await Refused(s.Coordinator.PostAsync($"{c}/closure", null, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.CloseIncomplete.Code);
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/told", new { who = "complainant" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.NoContact.Code);
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/outcome-report", new { to = "SDDO Test Kappa" }, Ct));
        var closed = await Ok(s.Coordinator.PostAsync($"{c}/closure", null, Ct));
        closed.GetProperty("status").GetString().ShouldBe("closed");
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "other", personDescribed = "x", mayLeadToDiscipline = false,
            mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.Closed.Code);

        // The letters, in the complaint's language (Spanish) or English: no person data in them, the finding of each allegation.
        var outcome = await s.Coordinator.GetAsync($"{c}/letters/outcome", Ct);
        outcome.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await Pdf.TextAsync(await outcome.Content.ReadAsByteArrayAsync(Ct));
        text.ShouldContain("El resultado de su queja");
        text.ShouldContain(tracking);
        text.ShouldContain("Retención más larga de lo permitido: fundada.");
        text.ShouldContain("Acceso lingüístico: no comprobada.");
        (await Pdf.InfoAsync(await outcome.Content.ReadAsByteArrayAsync(Ct))).ShouldMatch(@"(?s).*Tagged:\s+yes.*");
        var english = await Pdf.TextAsync(await (await s.Oversight.GetAsync($"{c}/letters/referral?lang=en", Ct)).Content.ReadAsByteArrayAsync(Ct));
        english.ShouldContain("the agency's internal affairs division will investigate it");

        var final = await Ok(s.Public.GetAsync($"/api/v1/public/complaints/{tracking}", Ct));
        final.GetProperty("status").GetString().ShouldBe("closed");
        final.GetProperty("resolvedAt").GetDateTime().ShouldNotBe(default);
        var view = await Ok(s.Oversight.GetAsync(c, Ct));
        view.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ShouldBe(
            ["received", "ice_notified", "opr_reported", "referred", "allegation", "allegation", "finding", "finding", "resolved", "outcome_reported", "closed"]);
        (await s.App.WithDbAsync((db, _) => db.Deadlines.CountAsync(d => d.SubjectId == id && d.Status == DeadlineStatus.Open))).ShouldBe(0);
    }

    [Fact]
    public async Task ATaskForceOfficer_IsOffDuty_WhileASeriousAllegationIsOpen_AndBackWhenTheAgencyAdjudicates()
    {
        var s = await StartAsync(AgreementModel.TaskForce);
        await using var _ = s.App;
        var officerUser = await Given.UserAsync(s.App, Role.DesignatedOfficer, s.Agency.Id);
        var officerId = await GivenOfficers.AuthorizedAsync(s.App, s.Agency, officerUser, Friday.UtcDateTime.AddDays(-30), s.Agreement);
        async Task<JsonElement> Authority() => await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}/authority?agreementId={s.Agreement.Id}", Ct));
        (await Authority()).GetProperty("granted").GetBoolean().ShouldBeTrue();

        // Taken by the agency on the telephone: under the task force text "timely" notice, held to 48 weekday hours as policy.
        var taken = await Ok(s.Coordinator.PostAsJsonAsync("/api/v1/complaints/", new { channel = "phone", language = "en",
            narrative = "The deputy pushed me against the car.", name = "Test Person Omicron", phone = "555-0100", consent = true }, Ct));
        var id = taken.GetProperty("id").GetGuid();
        taken.GetProperty("model").GetString().ShouldBe(AgreementModel.TaskForce.Code());
        taken.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("rule").GetString()).Order()
            .ShouldBe([ComplaintRules.TaskForceNoticeDue.Code, ComplaintRules.ResolutionDue.Code]);
        var c = $"/api/v1/complaints/{id}";

        // A discourtesy allegation that could lead to nothing leaves authority; one of force that could lead to discipline removes it.
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "discourtesy", officerId, mayLeadToDiscipline = false,
            mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct));
        (await Authority()).GetProperty("granted").GetBoolean().ShouldBeTrue();
        var serious = await Ok(s.Coordinator.PostAsJsonAsync($"{c}/allegations", new { category = "force", officerId, mayLeadToDiscipline = true,
            mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false }, Ct));
        serious.GetProperty("allegations")[1].GetProperty("removesTaskForceAuthority").GetBoolean().ShouldBeTrue();
        var off = await Authority();
        off.GetProperty("granted").GetBoolean().ShouldBeFalse();
        off.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["authority.allegation_pending"]);
        var officer = await Ok(s.Coordinator.GetAsync($"/api/v1/officers/{officerId}", Ct));
        officer.GetProperty("allegations").EnumerateArray().Select(a => a.GetProperty("trackingNumber").GetString()).Distinct()
            .ShouldBe([taken.GetProperty("trackingNumber").GetString()]);

        // The person's words are read on purpose by the coordinator (logged), never by oversight.
        await Refused(s.Oversight.PostAsJsonAsync($"{c}/person-data", new { purpose = "Review" }, Ct), HttpStatusCode.Forbidden, ComplaintRules.Readers.Code);
        var reads = await s.App.WithDbAsync((db, _) => db.PersonDataReads.CountAsync(r => r.SubjectId == id));
        var person = await Ok(s.Coordinator.PostAsJsonAsync($"{c}/person-data", new { purpose = "Internal affairs investigation" }, Ct));
        person.GetProperty("narrative").GetString().ShouldBe("The deputy pushed me against the car.");
        person.GetProperty("phone").GetString().ShouldBe("555-0100");
        (await s.App.WithDbAsync((db, _) => db.PersonDataReads.CountAsync(r => r.SubjectId == id))).ShouldBe(reads + 1);
        var stored = await s.App.WithDbAsync((db, _) => db.Complaints.SingleAsync(x => x.Id == id));
        stored.NarrativeProtected!.ShouldNotContain("pushed");
        stored.ContactProtected!.ShouldNotContain("555-0100");

        // ICE's side, then the agency's internal affairs adjudicates: the officer is back on duty from the finding.
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/ice-notice", new { to = "ICE OPR" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/opr-report", new { to = "ICEOPRIntake" }, Ct));
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/referrals", new { to = "joint_investigation" }, Ct));
        var view = await Ok(s.Coordinator.GetAsync(c, Ct));
        foreach (var a in view.GetProperty("allegations").EnumerateArray())
            await Ok(s.Coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{a.GetProperty("id").GetGuid()}/finding", new { finding = "exonerated" }, Ct));
        (await Authority()).GetProperty("granted").GetBoolean().ShouldBeTrue();
        var history = await s.App.WithDbAsync((db, _) => db.OfficerEvents.Where(e => e.OfficerId == officerId && e.Kind.StartsWith("authority."))
            .OrderBy(e => e.At).Select(e => e.Kind).ToListAsync());
        history.ShouldBe(["authority.lost", "authority.restored"], "the watch recorded the lapse and the return, at once");

        // Closing needs the person told (they gave a contact and consent) and the officer told.
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/resolution", new { resolution = "Exonerated." }, Ct));
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/outcome-report", new { }, Ct));
        var refused = await Refused(s.Coordinator.PostAsync($"{c}/closure", null, Ct), HttpStatusCode.UnprocessableEntity, ComplaintRules.CloseIncomplete.Code);
        refused.GetProperty("title").GetString()!.ShouldContain("the person who complained told");
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/told", new { who = "complainant", how = "Letter" }, Ct));
        await Ok(s.Coordinator.PostAsJsonAsync($"{c}/told", new { who = "subjects", how = "In person" }, Ct));
        (await Ok(s.Coordinator.PostAsync($"{c}/closure", null, Ct))).GetProperty("status").GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task AComplaintIceTakes_GoesToOprDirectly_AndOnlyStaffTakeComplaints()
    {
        var s = await StartAsync(AgreementModel.WarrantService);
        await using var _ = s.App;
        await Refused(s.Oversight.PostAsJsonAsync("/api/v1/complaints/", new { agencyId = s.Agency.Id, channel = "mail", language = "en", narrative = "x" }, Ct),
            HttpStatusCode.Forbidden, ComplaintRules.StaffIntake.Code);
        var taken = await Ok(s.Supervisor.PostAsJsonAsync("/api/v1/complaints/", new { agencyId = s.Agency.Id, channel = "email", language = "en",
            narrative = "Officers served a warrant at the wrong house.", anonymous = true }, Ct));
        taken.GetProperty("receivedBy").GetString().ShouldBe("ice");
        taken.GetProperty("deadlines").EnumerateArray().Select(d => d.GetProperty("rule").GetString()).Order()
            .ShouldBe([ComplaintRules.OprReportDue.Code, ComplaintRules.ResolutionDue.Code]);
        var c = $"/api/v1/complaints/{taken.GetProperty("id").GetGuid()}";
        await Refused(s.Coordinator.PostAsJsonAsync($"{c}/ice-notice", new { to = "ICE" }, Ct), HttpStatusCode.UnprocessableEntity,
            ComplaintRules.IceReceivedIt.Code);
        await Ok(s.Supervisor.PostAsJsonAsync($"{c}/opr-report", new { }, Ct));
        var deadlines = await Ok(s.Supervisor.GetAsync(c, Ct));
        deadlines.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("rule").GetString() == ComplaintRules.OprReportDue.Code)
            .GetProperty("state").GetString().ShouldBe("met");
    }

    [Fact]
    public async Task ThePublicForm_RefusesProgramsAndBadInput_InBothLanguages_AndStoresNothing()
    {
        var s = await StartAsync(AgreementModel.Jail);
        await using var _ = s.App;
        var url = "/api/v1/public/complaints";
        await Refused(s.Public.PostAsJsonAsync(url, new { agencyId = s.Agency.Id, language = "en", narrative = "Buy now", website = "http://spam.example" }, Ct),
            HttpStatusCode.UnprocessableEntity, ComplaintRules.AutomatedSubmission.Code);
        var bad = await Refused(s.Public.PostAsJsonAsync(url, new { agencyId = Guid.NewGuid(), language = "en", narrative = new string('x', 10_001),
            anonymous = true, email = "not an address", consent = true, categories = new[] { "nonsense" } }, Ct), HttpStatusCode.BadRequest, "complaint.invalid");
        bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ShouldBe(["agencyId", "anonymous", "categories", "email", "narrative"]);
        bad.GetProperty("errors").GetProperty("narrative")[0].GetString()!.ShouldContain(" / Use como máximo");
        var noContact = await Refused(s.Public.PostAsJsonAsync(url, new { agencyId = s.Agency.Id, language = "en", narrative = "x", consent = true }, Ct),
            HttpStatusCode.BadRequest, "complaint.invalid");
        noContact.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["consent"]);
        (await s.App.WithDbAsync((db, _) => db.Complaints.CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task APublicComplaintLeftWithoutItsDeadlines_GetsThemAtTheNextSweep_CountedFromItsReceipt()
    {
        var s = await StartAsync(AgreementModel.Jail);
        await using var _ = s.App;
        var (id, _) = await FileAsync(s, new { agencyId = s.Agency.Id, language = "en", narrative = "Held too long.", anonymous = true });
        // As if the process had stopped between the save and the intake: the deadlines and the mark are gone.
        await s.App.WithDbAsync(async (db, _) =>
        {
            await db.Deadlines.Where(d => d.SubjectId == id).ExecuteDeleteAsync();
            await db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.IntakeProcessedAt, (DateTime?)null));
        });
        s.Clock.Advance(TimeSpan.FromHours(5));
        var opened = await s.App.WithDbAsync((_, services) => ComplaintIntake.ProcessInAsync(services, _ => true, CancellationToken.None));
        opened.ShouldBe(1);
        (await s.App.WithDbAsync((_, services) => ComplaintIntake.ProcessInAsync(services, _ => true, CancellationToken.None))).ShouldBe(0);
        var notice = await s.App.WithDbAsync((db, _) => db.Deadlines.SingleAsync(d => d.SubjectId == id && d.Rule == ComplaintRules.NoticeDue.Code));
        notice.StartedAt.ShouldBe(Friday.UtcDateTime);
    }

    [Fact]
    public async Task TheDemo_HasAFictionalComplaint_WaitingOnTheAgencysNoticeToIce()
    {
        await using var app = await TestApp.StartAsync(environment: "Development");
        var demo = await app.WithDbAsync((db, _) => db.Complaints.SingleAsync());
        demo.Status.ShouldBe(ComplaintStatus.Received);
        var waiting = await app.WithDbAsync((db, _) => db.Deadlines.Where(d => d.SubjectId == demo.Id).Select(d => d.Rule).OrderBy(r => r).ToListAsync());
        waiting.ShouldBe([ComplaintRules.NoticeDue.Code, ComplaintRules.ResolutionDue.Code]);
        demo.NarrativeProtected!.ShouldNotContain("Demostración");
    }
}
