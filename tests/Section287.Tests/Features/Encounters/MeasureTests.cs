using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Tests.Features.Encounters;

/// <summary>
/// The measures of the use of authority agree with counts made directly in the database, per agency, area and nation;
/// and the supervision queue shows an area's supervisor what waits in the area, and nothing of another.
/// </summary>
public sealed class MeasureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Booking(Guid agreementId, DateTime occurred, DateTime? release = null, string? lateReason = null) => new
    {
        agreementId, occurredAt = occurred, location = "Jail", lateReason, scheduledReleaseAt = release,
        basis = new { kind = "booking", bookingNumber = "B-9", charges = "Robbery", arrestedAt = occurred.AddHours(-3), bookedAt = occurred.AddHours(-2) },
        person = new { name = "Test Person Measure" },
        perception = new { races = new[] { "black" }, gender = "cisgender_man", age = 29, limitedEnglish = false, disabilities = new[] { "none" },
            interpreterNeeded = false },
    };

    private static readonly object Detainer = new
    {
        probableCause = "Booked for robbery; IDENT shows a final order of removal of 2018-06-01.", warrantForm = "I-205", warrantNumber = "W-9",
            warrantSignedBy = "Test SDDO", warrantSignedOn = "2026-11-01",
    };

    [Fact]
    public async Task TheMeasures_AgreeWithCountsInTheDatabase_AndTheSupervisionQueueStaysInItsArea()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var now = () => clock.GetUtcNow().UtcDateTime;
        var atlanta = await Given.AgencyAsync(app, "Test Kappa County Sheriff's Office", aor: "ATL");
        var dallas = await Given.AgencyAsync(app, "Test Lambda County Sheriff's Office", state: "ZY", aor: "DAL");
        var supervisorUser = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var programOfficeUser = await Given.UserAsync(app, Role.ProgramOffice);
        var officers = new Dictionary<Guid, TestUser>();
        var jails = new Dictionary<Guid, Agreement>();
        foreach (var agency in new[] { atlanta, dallas })
        {
            jails[agency.Id] = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
            officers[agency.Id] = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
            await GivenOfficers.AuthorizedAsync(app, agency, officers[agency.Id], now(), jails[agency.Id]);
        }

        async Task<(HttpClient Officer, HttpClient Supervisor)> Clients(Guid agency) =>
            (await Given.ApiClientAsync(app, officers[agency]), await Given.ApiClientAsync(app, programOfficeUser));

        // Atlanta: one issued after a return and transferred; one declined; one withdrawn by release; a claim resolved as a citizen;
        // a late record, corrected; and a hold left to pass 48 hours. Dallas: one encounter with a pending request and an open claim.
        var (officer, ice) = await Clients(atlanta.Id);
        async Task<(Guid Encounter, Guid Detainer)> WithDetainer(HttpClient o, Guid agreement, DateTime? release = null)
        {
            var id = (await Api.Ok(o.PostAsJsonAsync("/api/v1/encounters/", Booking(agreement, now().AddMinutes(-10), release),
                Ct))).GetProperty("id").GetGuid();
            await Api.Ok(o.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
            var d = (await Api.Ok(o.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer,
                Ct))).GetProperty("detainers")[0].GetProperty("id").GetGuid();
            return (id, d);
        }
        var first = await WithDetainer(officer, jails[atlanta.Id].Id);
        await Api.Ok(ice.PostAsJsonAsync($"/api/v1/detainers/{first.Detainer}/review", new { decision = "return", note = "Which order?" }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/detainers/{first.Detainer}/answer", new { answer = "2018-06-01, Atlanta." }, Ct));
        await Api.Ok(ice.PostAsJsonAsync($"/api/v1/detainers/{first.Detainer}/review", new { decision = "approve" }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{first.Encounter}/actions", new { kind = "detainer_served" }, Ct));
        // Released from the agency's custody, then custody passes to ICE (custody.transfer_at_release).
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{first.Encounter}/actions",
            new { kind = "release_scheduled", scheduledReleaseAt = now() }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{first.Encounter}/actions", new { kind = "custody_transferred" }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{first.Encounter}/actions", new { kind = "picked_up_by_ice" }, Ct));
        var second = await WithDetainer(officer, jails[atlanta.Id].Id);
        await Api.Ok(ice.PostAsJsonAsync($"/api/v1/detainers/{second.Detainer}/review", new { decision = "decline", note = "The order was vacated." }, Ct));
        var third = await WithDetainer(officer, jails[atlanta.Id].Id);
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{third.Encounter}/actions", new { kind = "released" }, Ct));
        var claimed = (await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", Booking(jails[atlanta.Id].Id, now().AddMinutes(-5)),
            Ct))).GetProperty("id").GetGuid();
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{claimed}/citizenship-claims", new { statement = "Born in Ohio." }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{claimed}/citizenship-claims/report", new { reportedTo = "Test SDDO" }, Ct));
        await Api.Ok(ice.PostAsJsonAsync($"/api/v1/encounters/{claimed}/citizenship-claims/resolution",
            new { outcome = "us_citizen", explanation = "Ohio birth record verified." }, Ct));
        var lateOne = await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/",
            Booking(jails[atlanta.Id].Id, now().AddHours(-30), lateReason: "System outage"), Ct));
        var late = lateOne.GetProperty("id").GetGuid();
        await Api.Ok(officer.PutAsJsonAsync($"/api/v1/encounters/{late}",
            new { location = "Annex", explanation = "Wrong building.", version = lateOne.GetProperty("version").GetInt64() }, Ct));
        var held = await WithDetainer(officer, jails[atlanta.Id].Id, release: now().AddHours(1));
        await Api.Ok(ice.PostAsJsonAsync($"/api/v1/detainers/{held.Detainer}/review", new { decision = "approve" }, Ct));
        await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{held.Encounter}/actions", new { kind = "detainer_served" }, Ct));
        var (dallasOfficer, _) = await Clients(dallas.Id);
        var pendingDallas = await WithDetainer(dallasOfficer, jails[dallas.Id].Id);
        await Api.Ok(dallasOfficer.PostAsJsonAsync($"/api/v1/encounters/{pendingDallas.Encounter}/citizenship-claims",
            new { statement = "Born in Texas." }, Ct));

        clock.Advance(TimeSpan.FromHours(50));
        (await app.WithDbAsync((_, s) => s.GetRequiredService<CustodyWatch>().RunAsync(CancellationToken.None))).Overdetained.ShouldBe(1);

        var po = await Given.ApiClientAsync(app, programOfficeUser);
        foreach (var (level, subject, agencyId) in new (string, string?, Guid?)[] { ("agency", atlanta.Id.ToString(), atlanta.Id),
            ("agency", dallas.Id.ToString(), dallas.Id), ("area", "ATL", atlanta.Id), ("nation", null, null) })
        {
            var m = await Api.Ok(po.GetAsync($"/api/v1/measures/use-of-authority?level={level}" + (subject is null ? "" : $"&subject={subject}"), Ct));
            var direct = await app.WithDbAsync((db, _) => CountAsync(db, agencyId));
            var of = $"{level} {subject}";
            m.GetProperty("encounters").GetInt32().ShouldBe(direct["encounters"], of);
            m.GetProperty("encountersByModel").GetProperty("JEM").GetInt32().ShouldBe(direct["jem"], of);
            m.GetProperty("withLawfulBasis").GetInt32().ShouldBe(direct["basis"], of);
            var d = m.GetProperty("detainers");
            (d.GetProperty("requested").GetInt32(), d.GetProperty("issued").GetInt32(), d.GetProperty("declined").GetInt32(),
                d.GetProperty("withdrawn").GetInt32(),
                d.GetProperty("pending").GetInt32(), d.GetProperty("returns").GetInt32())
                .ShouldBe((direct["requested"], direct["issued"], direct["declined"], direct["withdrawn"], direct["pending"], direct["returns"]), of);
            m.GetProperty("holdsPast48Hours").GetInt32().ShouldBe(direct["holds"], of);
            var c = m.GetProperty("citizenshipClaims");
            (c.GetProperty("claims").GetInt32(), c.GetProperty("usCitizen").GetInt32(),
                c.GetProperty("open").GetInt32()).ShouldBe((direct["claims"], direct["citizens"], direct["openClaims"]), of);
            (m.GetProperty("lateEncounters").GetInt32(), m.GetProperty("correctedEncounters").GetInt32()).ShouldBe((direct["late"], direct["corrected"]), of);
        }
        // The daily rows, kept by differences through every kind of write above, equal rows built afresh from the records.
        await TheDailyRowsEqualARebuildAsync(app);

        // The figures themselves, for Atlanta, from the story above.
        var atl = await Api.Ok(po.GetAsync($"/api/v1/measures/use-of-authority?level=agency&subject={atlanta.Id}", Ct));
        atl.GetProperty("encounters").GetInt32().ShouldBe(6);
        atl.GetProperty("shareWithLawfulBasis").GetDecimal().ShouldBe(100m);
        atl.GetProperty("holdsPast48Hours").GetInt32().ShouldBe(1);
        atl.GetProperty("detainers").GetProperty("reviewed").GetInt32().ShouldBe(3);

        // The Atlanta supervisor's queue: the incident and the hold of Atlanta; the Dallas request and claim are not theirs.
        var supervisor = await Given.ApiClientAsync(app, supervisorUser);
        var queue = await Api.Ok(supervisor.GetAsync("/api/v1/supervision", Ct));
        queue.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("encounterId").GetGuid()).ShouldBe([held.Encounter]);
        queue.GetProperty("holds").EnumerateArray().Single().GetProperty("state").GetString().ShouldBe("past_48_hours");
        queue.GetProperty("detainers").GetArrayLength().ShouldBe(0);
        queue.GetProperty("claims").GetArrayLength().ShouldBe(0);
        var national = await Api.Ok(po.GetAsync("/api/v1/supervision", Ct));
        national.GetProperty("detainers").EnumerateArray().Select(x => x.GetProperty("encounterId").GetGuid()).ShouldBe([pendingDallas.Encounter]);
        national.GetProperty("claims").EnumerateArray().Select(x => x.GetProperty("encounterId").GetGuid()).ShouldBe([pendingDallas.Encounter]);
        await Api.Refused((await Given.ApiClientAsync(app, officers[atlanta.Id])).GetAsync("/api/v1/supervision", Ct), HttpStatusCode.Forbidden,
            "supervision.ice_only");

        // The agency's queue has it too.
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, atlanta.Id));
        (await Api.Ok(coordinator.GetAsync("/api/v1/incidents",
            Ct))).EnumerateArray().Select(i => i.GetProperty("encounterId").GetGuid()).ShouldBe([held.Encounter]);

        // Closing the incident takes what was done.
        var incidentId = queue.GetProperty("incidents")[0].GetProperty("incidentId").GetGuid();
        await Api.Refused(supervisor.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/closure", new { resolution = "" }, Ct),
            HttpStatusCode.BadRequest, "incident.resolution_required");
        await Api.Ok(supervisor.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/closure",
            new { resolution = "Released; referred to OPR; corrective action opened." }, Ct));
        (await Api.Ok(supervisor.GetAsync("/api/v1/supervision", Ct))).GetProperty("incidents").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TheDailyCounts_OfADatabaseThatHadNone_AreBuiltOnceFromTheRecords_AndReviewTimesAgreeWithTheRecords()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var now = () => clock.GetUtcNow().UtcDateTime;
        var agency = await Given.AgencyAsync(app, "Test Mu County Sheriff's Office", aor: "ATL");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, now(), jail);
        var iceUser = await Given.UserAsync(app, Role.ProgramOffice);
        HttpClient officer = null!, ice = null!;
        // Three requests on two days: one reviewed after 2 hours, one after 30 hours, one never.
        foreach (var (hoursLater, decision) in new (int, string?)[] { (2, "approve"), (30, "decline"), (0, null) })
        {
            // Signed in afresh after the clock moves (tokens expire).
            (officer, ice) = (await Given.ApiClientAsync(app, officerUser), await Given.ApiClientAsync(app, iceUser));
            var id = (await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", Booking(jail.Id, now().AddMinutes(-10)), Ct)))
                .GetProperty("id").GetGuid();
            await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
            var d = (await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct)))
                .GetProperty("detainers")[0].GetProperty("id").GetGuid();
            if (decision is null) continue;
            clock.Advance(TimeSpan.FromHours(hoursLater));
            ice = await Given.ApiClientAsync(app, iceUser);
            await Api.Ok(ice.PostAsJsonAsync($"/api/v1/detainers/{d}/review",
                decision == "approve" ? new { decision, note = (string?)null } : new { decision, note = (string?)"No order found." }, Ct));
        }

        async Task<JsonElement> Nation() => await Api.Ok(ice.GetAsync("/api/v1/measures/use-of-authority?level=nation", Ct));
        var before = (await Nation()).GetRawText();
        // From the records themselves: the first decision at or after each request.
        var times = await app.WithDbAsync(async (db, _) =>
        {
            var decisions = new[] { "detainer.issued", "detainer.returned", "detainer.declined" };
            var list = new List<double>();
            foreach (var d in await db.Detainers.AsNoTracking().ToListAsync(Ct))
            {
                var first = await db.EncounterEvents.AsNoTracking().Where(x => x.EncounterId == d.EncounterId && decisions.Contains(x.Kind)
                    && x.At >= d.RequestedAt).OrderBy(x => x.At).Select(x => (DateTime?)x.At).FirstOrDefaultAsync(Ct);
                if (first is { } at) list.Add((at - d.RequestedAt).TotalHours);
            }
            return list;
        });
        var detainers = (await Nation()).GetProperty("detainers");
        detainers.GetProperty("reviewed").GetInt32().ShouldBe(times.Count);
        detainers.GetProperty("reviewedWithin24Hours").GetInt32().ShouldBe(times.Count(h => h <= 24));
        detainers.GetProperty("meanHoursToReview").GetDouble().ShouldBe(Math.Round(times.Average(), 2));
        (times.Count, times.Count(h => h <= 24)).ShouldBe((2, 1));

        // A database migrated with encounters already in it: no counts yet, the marker says so; the schema step builds them.
        await app.WithDbAsync(async (db, _) =>
        {
            await db.AgreementMeasureDays.ExecuteDeleteAsync(Ct);
            await db.NationMeasureDays.ExecuteDeleteAsync(Ct);
            await db.Database.ExecuteSqlAsync($"""UPDATE "PublicVersions" SET "Version" = 0 WHERE "Name" = {MeasureRollup.BuiltMarker}""", Ct);
        });
        (await Nation()).GetProperty("encounters").GetInt32().ShouldBe(0);
        await app.WithDbAsync((db, _) => DatabaseSchema.ApplyAsync(db, ct: Ct));
        (await Nation()).GetRawText().ShouldBe(before);
        (await app.WithDbAsync((db, _) => PublicVersions.ReadAsync(db, MeasureRollup.BuiltMarker, Ct))).ShouldBe(1);
        // Built once: a later start leaves them alone (a row changed by hand stays changed).
        var days = await app.WithDbAsync((db, _) => db.Database.ExecuteSqlAsync($"""UPDATE "NationMeasureDays" SET "Encounters" = 99""", Ct));
        days.ShouldBe(2);
        await app.WithDbAsync((db, _) => DatabaseSchema.ApplyAsync(db, ct: Ct));
        (await Nation()).GetProperty("encounters").GetInt32().ShouldBe(99 * days);
    }

    [Fact]
    public async Task TheDailyRows_FollowAnEncounterMovedToAnotherDay_AndAgreeWithARebuild()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var now = () => clock.GetUtcNow().UtcDateTime;
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office", aor: "ATL");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officerUser, now(), jail);
        var officer = await Given.ApiClientAsync(app, officerUser);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", Booking(jail.Id, now().AddMinutes(-10 - i)), Ct))).GetProperty("id").GetGuid();
            await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{id}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
            await Api.Ok(officer.PostAsJsonAsync($"/api/v1/encounters/{id}/detainers", Detainer, Ct));
            ids.Add(id);
        }
        var today = Section287.Common.Clock.DayOf(now());
        async Task<Dictionary<DateOnly, (int Encounters, int Detainers)>> Rows() => await app.WithDbAsync((db, _) =>
            db.AgreementMeasureDays.AsNoTracking().ToDictionaryAsync(r => r.Day, r => (r.Encounters, r.DetainersRequested), Ct));
        (await Rows()).ShouldBe(new Dictionary<DateOnly, (int, int)> { [today] = (3, 3) });

        // One encounter's time moves back three days (a repair through the records, as a migration or an administrator would):
        // its contribution leaves today's row and makes a row for that day, with its detainer.
        await app.WithDbAsync(async (db, _) =>
        {
            var moved = await db.Encounters.IgnoreQueryFilters().SingleAsync(e => e.Id == ids[0], Ct);
            db.Entry(moved).Property(e => e.OccurredAt).CurrentValue = moved.OccurredAt.AddDays(-3);
            await db.SaveChangesAsync(Ct);
        });
        (await Rows()).ShouldBe(new Dictionary<DateOnly, (int, int)> { [today] = (2, 2), [today.AddDays(-3)] = (1, 1) });
        await TheDailyRowsEqualARebuildAsync(app);
    }

    /// <summary>Reads every daily row, builds them all again from the records, and checks that nothing changed.</summary>
    private static async Task TheDailyRowsEqualARebuildAsync(TestApp app)
    {
        static string Of(IEnumerable<MeasureCounts> rows) => string.Join("\n", rows.Select(r => JsonSerializer.Serialize(r, r.GetType())).Order());
        var (agreements, nation) = await app.WithDbAsync(async (db, _) =>
            (Of(await db.AgreementMeasureDays.AsNoTracking().ToListAsync(Ct)), Of(await db.NationMeasureDays.AsNoTracking().ToListAsync(Ct))));
        agreements.ShouldNotBeEmpty();
        await app.WithDbAsync((db, _) => MeasureRollup.RebuildAsync(db, Ct));
        var (rebuiltAgreements, rebuiltNation) = await app.WithDbAsync(async (db, _) =>
            (Of(await db.AgreementMeasureDays.AsNoTracking().ToListAsync(Ct)), Of(await db.NationMeasureDays.AsNoTracking().ToListAsync(Ct))));
        agreements.ShouldBe(rebuiltAgreements);
        nation.ShouldBe(rebuiltNation);
    }

    /// <summary>The same measures in plain SQL, written from their definitions, for one agency or all.</summary>
    internal static async Task<Dictionary<string, int>> CountAsync(AppDbContext db, Guid? agencyId)
    {
        var postgres = db.Database.IsNpgsql();
        var where = agencyId is null ? "1=1" : "e.\"AgencyId\" = @agency";
        var queries = new Dictionary<string, string>
        {
            ["encounters"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where}",
            ["jem"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where} AND e.\"Model\" = 'Jail'",
            ["basis"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where} AND ((e.\"BasisKind\" = 'Booking' AND e.\"BookingNumber\" IS NOT NULL AND e.\"Charges\" IS NOT NULL) OR (e.\"BasisKind\" = 'StopOrArrest' AND e.\"Offense\" IS NOT NULL) OR (e.\"BasisKind\" = 'Warrant' AND e.\"WarrantNumber\" IS NOT NULL))",
            ["requested"] = $"SELECT COUNT(*) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where}",
            ["issued"] = $"SELECT COUNT(*) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where} AND d.\"IssuedAt\" IS NOT NULL",
            ["declined"] = $"SELECT COUNT(*) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where} AND d.\"Status\" = 'Declined'",
            ["withdrawn"] = $"SELECT COUNT(*) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where} AND d.\"Status\" = 'Withdrawn'",
            ["pending"] = $"SELECT COUNT(*) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where} AND d.\"Status\" IN ('Requested', 'Returned')",
            ["returns"] = $"SELECT COALESCE(SUM(d.\"Returns\"), 0) FROM \"Detainers\" d JOIN \"Encounters\" e ON e.\"Id\" = d.\"EncounterId\" WHERE {where}",
            ["holds"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where} AND e.\"OverdetentionAt\" IS NOT NULL",
            ["claims"] = $"SELECT COUNT(*) FROM \"CitizenshipClaims\" c JOIN \"Encounters\" e ON e.\"Id\" = c.\"EncounterId\" WHERE {where}",
            ["citizens"] = $"SELECT COUNT(*) FROM \"CitizenshipClaims\" c JOIN \"Encounters\" e ON e.\"Id\" = c.\"EncounterId\" WHERE {where} AND c.\"Outcome\" = 'UsCitizen'",
            ["openClaims"] = $"SELECT COUNT(*) FROM \"CitizenshipClaims\" c JOIN \"Encounters\" e ON e.\"Id\" = c.\"EncounterId\" WHERE {where} AND c.\"ResolvedAt\" IS NULL",
            ["late"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where} AND e.\"LateReason\" IS NOT NULL",
            ["corrected"] = $"SELECT COUNT(*) FROM \"Encounters\" e WHERE {where} AND e.\"Corrections\" > 0",
        };
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var counts = new Dictionary<string, int>();
        foreach (var (name, sql) in queries)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (agencyId is { } id)
            {
                var p = command.CreateParameter();
                p.ParameterName = "agency";
                p.Value = postgres ? id : id.ToString().ToUpperInvariant();
                command.Parameters.Add(p);
            }
            counts[name] = Convert.ToInt32(await command.ExecuteScalarAsync());
        }
        return counts;
    }
}
