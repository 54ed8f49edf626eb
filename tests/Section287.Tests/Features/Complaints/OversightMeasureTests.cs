using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Complaints;

/// <summary>
/// Issue 15: the oversight figures (complaints per 1,000 encounters, outcomes, time to notify and to resolve, inspection findings open,
/// corrective actions overdue), per agency, area and nation, each equal to plain SQL written from its definition, on both databases.
/// </summary>
public sealed class OversightMeasureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Booking(Guid agreementId, DateTime occurred) => new
    {
        agreementId, occurredAt = occurred, location = "Jail",
        basis = new { kind = "booking", bookingNumber = "B-9", charges = "Robbery", arrestedAt = occurred.AddHours(-3), bookedAt = occurred.AddHours(-2) },
        person = new { name = "Test Person Measure" },
        perception = new { races = new[] { "white" }, gender = "cisgender_woman", age = 41, limitedEnglish = false, disabilities = new[] { "none" },
            interpreterNeeded = false },
    };

    [Fact]
    public async Task TheOversightFigures_AgreeWithPlainSql_PerAgencyAreaAndNation()
    {
        // Monday 2 November 2026, 10:00 in New York.
        var clock = new TestClock(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var now = () => clock.GetUtcNow().UtcDateTime;
        var atlanta = await Given.AgencyAsync(app, "Test Mu County Sheriff's Office", aor: "ATL");
        var dallas = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office", state: "ZY", aor: "DAL");
        var atlJail = await Given.AgreementAsync(app, atlanta, AgreementModel.Jail);
        await Given.AgreementAsync(app, dallas, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, atlanta.Id);
        await GivenOfficers.AuthorizedAsync(app, atlanta, officerUser, now().AddDays(-5), atlJail);
        var officer = await Given.ApiClientAsync(app, officerUser);
        for (var n = 0; n < 3; n++) await Ok(officer.PostAsJsonAsync("/api/v1/encounters/", Booking(atlJail.Id, now().AddMinutes(-30 + n)), Ct));
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var supervisor = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL"));
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, atlanta.Id));
        var publicForm = app.Client();
        async Task<Guid> File(Guid agency)
        {
            var receipt = await Ok(publicForm.PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = agency, language = "en", narrative = "x", anonymous = true }, Ct));
            var tracking = receipt.GetProperty("trackingNumber").GetString();
            return await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == tracking).Select(c => c.Id).SingleAsync());
        }
        async Task Renew()
        {
            foreach (var http in new[] { po, supervisor, coordinator, officer }) await Given.RenewAsync(app, http);
        }
        object Allegation(string category) => new { category, personDescribed = "Booking deputy", mayLeadToDiscipline = true,
            mayLeadToCriminalInvestigation = false, mayLeadToLawsuit = false };

        // Atlanta: one notified at once, investigated and resolved (one sustained, one unfounded); one notified late with an open allegation;
        // one ICE took itself. Dallas: one, untouched.
        var first = await File(atlanta.Id);
        var late = await File(atlanta.Id);
        await Ok(po.PostAsJsonAsync("/api/v1/complaints/", new { agencyId = atlanta.Id, channel = "email", language = "es", narrative = "x", anonymous = true }, Ct));
        await File(dallas.Id);
        var c1 = $"/api/v1/complaints/{first}";
        clock.Advance(TimeSpan.FromHours(3));
        await Renew();
        await Ok(coordinator.PostAsJsonAsync($"{c1}/ice-notice", new { to = "SDDO" }, Ct));
        var a1 = await Ok(coordinator.PostAsJsonAsync($"{c1}/allegations", Allegation("force"), Ct));
        var a2 = await Ok(coordinator.PostAsJsonAsync($"{c1}/allegations", Allegation("discourtesy"), Ct));
        await Ok(supervisor.PostAsJsonAsync($"{c1}/opr-report", new { }, Ct));
        await Ok(supervisor.PostAsJsonAsync($"{c1}/referrals", new { to = "agency_internal_affairs" }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{a1.GetProperty("allegations")[0].GetProperty("id").GetGuid()}/finding",
            new { finding = "sustained", actionsTaken = "Suspended five days" }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/complaint-allegations/{a2.GetProperty("allegations")[1].GetProperty("id").GetGuid()}/finding",
            new { finding = "unfounded" }, Ct));
        clock.Advance(TimeSpan.FromDays(4)); // Friday 13:00: the second complaint's 48 weekday hours passed on Wednesday.
        await Renew();
        await Ok(coordinator.PostAsJsonAsync($"{c1}/resolution", new { resolution = "Sustained in part." }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/complaints/{late}/ice-notice", new { to = "SDDO" }, Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/complaints/{late}/allegations", Allegation("overdetention"), Ct));

        // An inspection of Atlanta: one finding closed on proof, one left past its due day.
        var inspection = await Ok(po.PostAsJsonAsync($"/api/v1/agreements/{atlJail.Id}/inspections", new { dueOn = "2026-11-30", cycleMonths = 12 }, Ct));
        var i = $"/api/v1/inspections/{inspection.GetProperty("id").GetGuid()}";
        await Ok(supervisor.PostAsJsonAsync($"{i}/start", new { periodFrom = "2026-11-01", periodTo = "2026-11-06" }, Ct));
        object Finding(string dueOn) => new { severity = "minor", description = "Posters", correctiveAction = "Hang them", owner = "Jail", dueOn };
        var f1 = (await Ok(supervisor.PostAsJsonAsync($"{i}/findings", Finding("2026-11-09"), Ct))).GetProperty("findings")[0].GetProperty("id").GetGuid();
        await Ok(supervisor.PostAsJsonAsync($"{i}/findings", Finding("2026-11-10"), Ct));
        await Ok(coordinator.PostAsJsonAsync($"/api/v1/inspection-findings/{f1}/proof", new { proof = "Hung" }, Ct));
        await Ok(supervisor.PostAsync($"/api/v1/inspection-findings/{f1}/closure", null, Ct));
        clock.Advance(TimeSpan.FromDays(5));
        await Renew();

        // An early-intervention alert in Atlanta (the 3 allegations of the period name no officer, so one is seeded as the watch would raise it).
        await app.WithDbAsync(async (db, _) =>
        {
            var policy = new Section287.Features.Oversight.InterventionPolicy { Name = "Late records", Indicator = Section287.Features.Oversight.Indicator.LateRecords,
                PeriodMonths = 12, WarningAt = 1, CriticalAt = 2, SetBy = "Test" };
            db.InterventionPolicies.Add(policy);
            var officerId = await db.Officers.Where(o => o.AgencyId == atlanta.Id).Select(o => o.Id).FirstAsync();
            db.EarlyAlerts.Add(Section287.Features.Oversight.EarlyAlert.Raise(atlanta.Id, officerId, policy, AgreementModel.Jail,
                Section287.Features.Oversight.AlertLevel.Warning, 1, 100, 1, now()));
            await db.SaveChangesAsync();
        });

        var direct = new Dictionary<string, Dictionary<string, double?>>();
        var subjects = new (string Level, string? Subject, Guid? Agency, string? Aor)[]
        {
            ("agency", atlanta.Id.ToString(), atlanta.Id, null), ("agency", dallas.Id.ToString(), dallas.Id, null), ("area", "ATL", null, "ATL"),
            ("area", "DAL", null, "DAL"), ("nation", null, null, null),
        };
        foreach (var (level, subject, agency, aor) in subjects)
        {
            var counted = await app.WithDbAsync((db, _) => CountAsync(db, agency, aor, Section287.Common.Clock.DayOf(now())));
            var m = await Ok(po.GetAsync($"/api/v1/measures/oversight?level={level}&subject={subject}", Ct));
            var of = $"{level} {subject}";
            m.GetProperty("complaints").GetInt32().ShouldBe((int)counted["complaints"]!, of);
            m.GetProperty("encounters").GetInt32().ShouldBe((int)counted["encounters"]!, of);
            Decimal(m, "complaintsPer1000Encounters").ShouldBe(counted["encounters"] == 0 ? null : Math.Round(1000m * (decimal)counted["complaints"]! / (decimal)counted["encounters"]!, 2), of);
            foreach (var category in new[] { "force", "discourtesy", "overdetention", "citizenship" })
                m.GetProperty("allegationsByCategory").GetProperty(category).GetInt32().ShouldBe((int)counted[$"category:{category}"]!, $"{of} {category}");
            foreach (var finding in new[] { "sustained", "not_sustained", "exonerated", "unfounded" })
                m.GetProperty("findingsByOutcome").GetProperty(finding).GetInt32().ShouldBe((int)counted[$"finding:{finding}"]!, $"{of} {finding}");
            m.GetProperty("allegationsOpen").GetInt32().ShouldBe((int)counted["open"]!, of);
            (m.GetProperty("noticesDue").GetInt32(), m.GetProperty("noticesOnTime").GetInt32()).ShouldBe(((int)counted["noticesDue"]!, (int)counted["noticesMet"]!), of);
            Double(m, "medianHoursToNotify").ShouldBe(counted["medianHoursToNotify"], of);
            Double(m, "medianDaysToResolve").ShouldBe(counted["medianDaysToResolve"], of);
            (m.GetProperty("inspectionFindingsOpen").GetInt32(), m.GetProperty("correctiveActionsOverdue").GetInt32())
                .ShouldBe(((int)counted["findingsOpen"]!, (int)counted["overdue"]!), of);
            (m.GetProperty("alertsRaised").GetInt32(), m.GetProperty("alertsOpen").GetInt32()).ShouldBe(((int)counted["alertsRaised"]!, (int)counted["alertsOpen"]!), of);
            direct[of] = counted;
        }

        // The story, in figures: Atlanta has 3 complaints over 3 encounters, 1 notice on time of 2, 1 finding open and overdue.
        var atl = await Ok(po.GetAsync($"/api/v1/measures/oversight?level=agency&subject={atlanta.Id}", Ct));
        atl.GetProperty("complaintsPer1000Encounters").GetDecimal().ShouldBe(1000m);
        (atl.GetProperty("noticesDue").GetInt32(), atl.GetProperty("noticesOnTime").GetInt32()).ShouldBe((2, 1));
        atl.GetProperty("medianHoursToNotify").GetDouble().ShouldBe((3 + 3 + 24 * 4) / 2.0);
        (atl.GetProperty("inspectionFindingsOpen").GetInt32(), atl.GetProperty("correctiveActionsOverdue").GetInt32()).ShouldBe((1, 1));

        // The coordinator sees its own agency's; the CSV carries the same figures; officers get none.
        var own = await Ok(coordinator.GetAsync($"/api/v1/measures/oversight?level=agency&subject={atlanta.Id}", Ct));
        own.GetProperty("complaints").GetInt32().ShouldBe(3);
        await Refused(coordinator.GetAsync($"/api/v1/measures/oversight?level=agency&subject={dallas.Id}", Ct), HttpStatusCode.NotFound, "agency.not_found");
        var csv = await (await po.GetAsync($"/api/v1/measures/oversight.csv?level=agency&subject={atlanta.Id}", Ct)).Content.ReadAsStringAsync(Ct);
        csv.ShouldContain("complaints,3\n");
        csv.ShouldContain("notices_on_time,1\n");
        csv.ShouldContain("corrective_actions_overdue,1\n");
        csv.ShouldContain("early_intervention_alerts_open,1\n");
        await Refused(officer.GetAsync("/api/v1/measures/oversight", Ct), HttpStatusCode.Forbidden, AccessRules.MeasuresNotPermitted.Code);
    }

    private static decimal? Decimal(JsonElement m, string name) => m.GetProperty(name).ValueKind == JsonValueKind.Null ? null : m.GetProperty(name).GetDecimal();

    private static double? Double(JsonElement m, string name) => m.GetProperty(name).ValueKind == JsonValueKind.Null ? null : m.GetProperty(name).GetDouble();

    /// <summary>The figures in plain SQL, from their definitions, for an agency, an area or the nation.</summary>
    private static async Task<Dictionary<string, double?>> CountAsync(AppDbContext db, Guid? agencyId, string? aor, DateOnly today)
    {
        var postgres = db.Database.IsNpgsql();
        string Where(string alias) => agencyId is not null ? $"{alias}.\"AgencyId\" = @agency"
            : aor is not null ? $"{alias}.\"AgencyId\" IN (SELECT g.\"Id\" FROM \"Agencies\" g WHERE g.\"AorCode\" = @aor)" : "1=1";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            void Add(string name, object value)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                p.Value = value;
                command.Parameters.Add(p);
            }
            if (agencyId is { } id) Add("agency", postgres ? id : id.ToString().ToUpperInvariant());
            if (aor is not null) Add("aor", aor);
            Add("today", postgres ? today : today.ToString("yyyy-MM-dd"));
            return command;
        }
        async Task<double> Scalar(string sql)
        {
            await using var command = Command(sql);
            return Convert.ToDouble(await command.ExecuteScalarAsync());
        }
        async Task<List<(DateTime, DateTime)>> Pairs(string sql)
        {
            await using var command = Command(sql);
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<(DateTime, DateTime)>();
            while (await reader.ReadAsync()) list.Add((reader.GetDateTime(0), reader.GetDateTime(1)));
            return list;
        }
        static double? Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            if (sorted.Count == 0) return null;
            var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            return Math.Round(median, 2);
        }
        var counts = new Dictionary<string, double?>
        {
            ["complaints"] = await Scalar($"SELECT COUNT(*) FROM \"Complaints\" c WHERE {Where("c")}"),
            ["encounters"] = await Scalar($"SELECT COUNT(*) FROM \"Encounters\" e WHERE {Where("e")}"),
            ["open"] = await Scalar($"SELECT COUNT(*) FROM \"ComplaintAllegations\" a JOIN \"Complaints\" c ON c.\"Id\" = a.\"ComplaintId\" WHERE {Where("c")} AND a.\"Finding\" IS NULL"),
            ["noticesDue"] = await Scalar($"SELECT COUNT(*) FROM \"Deadlines\" d JOIN \"Complaints\" c ON c.\"Id\" = d.\"SubjectId\" WHERE {Where("c")} AND d.\"Rule\" IN ('complaint.notice_to_ice', 'complaint.notice_to_ice_task_force') AND d.\"Status\" IN ('Met', 'Missed')"),
            ["noticesMet"] = await Scalar($"SELECT COUNT(*) FROM \"Deadlines\" d JOIN \"Complaints\" c ON c.\"Id\" = d.\"SubjectId\" WHERE {Where("c")} AND d.\"Rule\" IN ('complaint.notice_to_ice', 'complaint.notice_to_ice_task_force') AND d.\"Status\" = 'Met'"),
            ["findingsOpen"] = await Scalar($"SELECT COUNT(*) FROM \"InspectionFindings\" f WHERE {Where("f")} AND f.\"ClosedAt\" IS NULL"),
            ["alertsRaised"] = await Scalar($"SELECT COUNT(*) FROM \"EarlyAlerts\" x WHERE {Where("x")}"),
            ["alertsOpen"] = await Scalar($"SELECT COUNT(*) FROM \"EarlyAlerts\" x WHERE {Where("x")} AND x.\"Status\" <> 'Closed'"),
            ["overdue"] = await Scalar($"SELECT COUNT(*) FROM \"InspectionFindings\" f WHERE {Where("f")} AND f.\"ClosedAt\" IS NULL AND f.\"DueOn\" < @today"),
            ["medianHoursToNotify"] = Median((await Pairs($"SELECT c.\"ReceivedAt\", c.\"IceNotifiedAt\" FROM \"Complaints\" c WHERE {Where("c")} AND c.\"IceNotifiedAt\" IS NOT NULL"))
                .Select(p => (p.Item2 - p.Item1).TotalHours)),
            ["medianDaysToResolve"] = Median((await Pairs($"SELECT c.\"ReceivedAt\", c.\"ResolvedAt\" FROM \"Complaints\" c WHERE {Where("c")} AND c.\"ResolvedAt\" IS NOT NULL"))
                .Select(p => (p.Item2 - p.Item1).TotalDays)),
        };
        foreach (var (code, name) in new[] { ("force", "Force"), ("discourtesy", "Discourtesy"), ("overdetention", "Overdetention"), ("citizenship", "Citizenship") })
            counts[$"category:{code}"] = await Scalar($"SELECT COUNT(*) FROM \"ComplaintAllegations\" a JOIN \"Complaints\" c ON c.\"Id\" = a.\"ComplaintId\" WHERE {Where("c")} AND a.\"Category\" = '{name}'");
        foreach (var (code, name) in new[] { ("sustained", "Sustained"), ("not_sustained", "NotSustained"), ("exonerated", "Exonerated"), ("unfounded", "Unfounded") })
            counts[$"finding:{code}"] = await Scalar($"SELECT COUNT(*) FROM \"ComplaintAllegations\" a JOIN \"Complaints\" c ON c.\"Id\" = a.\"ComplaintId\" WHERE {Where("c")} AND a.\"Finding\" = '{name}'");
        return counts;
    }
}
