using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Costs;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Costs;

/// <summary>
/// Costs and reimbursement claims end to end, over the API on the app's clock: a task force agency enters a quarter (three officers,
/// one authorized halfway through), sends it when the quarter has ended, ICE approves and a second person pays; the amounts follow
/// the bundled parameters; a jail agreement's quarter is recorded, not claimed; the measures and the public release follow.
/// </summary>
public sealed class CostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset InQuarter = new(2025, 12, 1, 15, 0, 0, TimeSpan.Zero);
    private static ReimbursementParameters P => ReimbursementParameters.Bundled;

    [Fact]
    public void TheBundledParameters_AreTheSharedFile_AndSayWhatTheReleaseSays()
    {
        using var shared = File.OpenRead(Path.Combine(Repo.SharedData, "costs", ReimbursementParameters.FileName));
        ReimbursementParameters.Read(shared).ShouldBe(P);
        (P.SalaryAndBenefitsShare, P.OvertimeCapShare, P.AwardTier1, P.AwardTier2, P.AwardTier3, P.EffectiveFrom)
            .ShouldBe((1.00m, 0.25m, 1000m, 750m, 500m, new DateOnly(2025, 10, 1)));
        using var lemas = File.OpenRead(Path.Combine(Repo.SharedData, "costs", LemasBudgets.FileName));
        var read = LemasBudgets.Read(lemas);
        read.Count.ShouldBe(LemasBudgets.Count);
        LemasBudgets.Of("AL0130000")!.OperatingBudget.ShouldBe(4_000_000m);
        LemasBudgets.Of("-1").ShouldBeNull();
    }

    [Theory]
    [InlineData(20, 20, 1000)]
    [InlineData(20, 18, 1000)]
    [InlineData(20, 17, 750)]
    [InlineData(20, 16, 750)]
    [InlineData(20, 14, 500)]
    [InlineData(20, 13, 0)]
    [InlineData(0, 0, 0)]
    public void ThePerformanceAward_FollowsTheSuccessRateTiers(int provided, int located, int perOfficer)
    {
        var officers = new[] { new OfficerCostInput(Guid.NewGuid(), 0, 50_000, 10_000, 0, 92, true, 0), new OfficerCostInput(Guid.NewGuid(), 0, 50_000, 10_000, 0, 30, false, 0) };
        var amounts = QuarterArithmetic.Compute(new CostQuarter(2025, 4), officers, 0, 0, provided, located, true, P);
        amounts.AwardPerOfficer.ShouldBe(perOfficer);
        amounts.ClaimAward.ShouldBe(perOfficer * 1m, "only the officer eligible on the quarter's last day counts");
    }

    [Fact]
    public void Overtime_IsCappedAtAQuarterOfTheSalary_AcrossTheFiscalYear_AndAQuarterWithoutTheProgram_ClaimsNothing()
    {
        var id = Guid.NewGuid();
        // Salary 40,000: the year's cap is 10,000; 7,000 was claimed in earlier quarters of the same fiscal year.
        var amounts = QuarterArithmetic.Compute(new CostQuarter(2026, 2), [new OfficerCostInput(id, 520, 40_000, 8_000, 6_000, 91, true, 7_000)], 0, 0, 0, 0, true, P);
        amounts.ClaimOvertime.ShouldBe(3_000m);
        amounts.ClaimSalaryBenefits.ShouldBe(12_000m);
        amounts.PersonnelCost.ShouldBe(12_000m, "520 hours are a full quarter: the cost never exceeds the quarter's pay");
        CostWorkflow.FiscalQuartersBefore(new CostQuarter(2026, 2)).ShouldBe([new CostQuarter(2026, 1), new CostQuarter(2025, 4)], ignoreOrder: true);
        CostWorkflow.FiscalQuartersBefore(new CostQuarter(2025, 4)).ShouldBeEmpty("October starts the federal fiscal year");

        var none = QuarterArithmetic.Compute(new CostQuarter(2025, 3), [new OfficerCostInput(id, 100, 40_000, 8_000, 6_000, 92, true, 0)], 100, 0, 10, 10,
            CostRules.Claimable(AgreementModel.TaskForce, new CostQuarter(2025, 3), P), P);
        (none.Claimable, none.ClaimTotal).ShouldBe((false, 0m));
        none.GrossCost.ShouldBe(QuarterArithmetic.Cents(48_000m * 100 / 2080) + 6_000 + 100);
        CostRules.Claimable(AgreementModel.Jail, new CostQuarter(2026, 1), P).ShouldBeFalse();
        CostRules.Claimable(AgreementModel.WarrantService, new CostQuarter(2026, 1), P).ShouldBeFalse();
    }

    private sealed record Line(Guid OfficerId, decimal Hours, decimal Salary, decimal Benefits, decimal Overtime);

    private static object Body(IEnumerable<Line> lines, decimal training, decimal equipment, int provided, int located) => new
    {
        officers = lines.Select(l => new { officerId = l.OfficerId, hours = l.Hours, annualSalary = l.Salary, annualBenefits = l.Benefits, overtime = l.Overtime }),
        trainingCost = training, equipmentCost = equipment, leadsProvided = provided, leadsLocated = located, note = "Payroll of the quarter",
    };

    [Fact]
    public async Task ATaskForceQuarter_IsEnteredByTheAgency_SentAfterItEnds_ApprovedByIce_AndPaidByASecondPerson()
    {
        var clock = new TestClock(InQuarter);
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Agencies.SingleAsync(a => a.Id == agency.Id, Ct)).Ori = "AL0130000";   // LEMAS 2020: operating budget 4,000,000
            return await db.SaveChangesAsync(Ct);
        });
        var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
        var officerUser = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        // Authorized (letters signed five days before "since"): from October 1, from October 1, and from November 15.
        var first = await GivenOfficers.AuthorizedAsync(app, agency, officerUser, new DateTime(2025, 10, 6, 0, 0, 0, DateTimeKind.Utc), agreement);
        var second = await GivenOfficers.AuthorizedAsync(app, agency, new DateTime(2025, 11, 20, 0, 0, 0, DateTimeKind.Utc), agreement);
        var third = await GivenOfficers.AuthorizedAsync(app, agency, new DateTime(2025, 10, 6, 0, 0, 0, DateTimeKind.Utc), agreement);
        var officer = await Given.ApiClientAsync(app, officerUser);
        await GivenStops.RecordAsync(officer, agreement.Id, new DateTime(2025, 12, 1, 1, 0, 0, DateTimeKind.Utc), [new("white"), new("hispanic")]);
        await app.WithDbAsync(async (db, _) =>
        {
            var encounter = await db.Encounters.FirstAsync(e => e.AgreementId == agreement.Id, Ct);
            db.EncounterEvents.Add(new EncounterEvent { AgencyId = agency.Id, EncounterId = encounter.Id, Kind = "detainer.issued",
                At = new DateTime(2025, 12, 1, 12, 0, 0, DateTimeKind.Utc), RecordedAt = InQuarter.UtcDateTime, ByName = "Test" });
            return await db.SaveChangesAsync(Ct);
        });

        var coordinatorUser = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        var reviewerUser = await Given.UserAsync(app, Role.ProgramOffice);
        var reviewer = await Given.ApiClientAsync(app, reviewerUser);
        var payerUser = await Given.UserAsync(app, Role.ProgramOffice);

        // Opening: only the agency, once per quarter, in a quarter the agreement was in force; its authorized officers are listed.
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2025-Q4" }, Ct), HttpStatusCode.Forbidden,
            "costs.agency_prepares");
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2025-Q1" }, Ct), HttpStatusCode.UnprocessableEntity,
            "costs.agreement_in_force");
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2026-Q1" }, Ct), HttpStatusCode.BadRequest,
            "costs.invalid");
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "Q4" }, Ct), HttpStatusCode.BadRequest, "costs.invalid");
        var opened = await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2025-Q4" }, Ct));
        var id = opened.GetProperty("id").GetGuid();
        (opened.GetProperty("status").GetString(), opened.GetProperty("claimable").GetBoolean()).ShouldBe(("draft", true));
        opened.GetProperty("officers").EnumerateArray().Select(o => o.GetProperty("officerId").GetGuid()).ShouldBe([first, second, third], ignoreOrder: true);
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2025-Q4" }, Ct), HttpStatusCode.UnprocessableEntity,
            "costs.quarter_exists");

        // Entering: bad figures are a 400 naming the field; an officer of another agency is refused; nothing is half-written.
        var lines = new[]
        {
            new Line(first, 400, 60_000, 20_000, 5_000), new Line(second, 200, 52_000, 13_000, 20_000), new Line(third, 100, 48_000, 12_000, 0),
        };
        var bad = await Refused(coordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body([lines[0] with { Hours = -1 }], -5, 0, 3, 4), Ct),
            HttpStatusCode.BadRequest, "costs.invalid");
        bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["trainingCost", "leadsLocated", "officers[0].hours"], ignoreOrder: true);
        var stranger = await GivenOfficers.AuthorizedAsync(app, await Given.AgencyAsync(app, "Test Pi Police Department"), InQuarter.UtcDateTime.AddDays(-60));
        await Refused(coordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body([.. lines, new Line(stranger, 1, 1, 1, 1)], 0, 0, 0, 0), Ct),
            HttpStatusCode.UnprocessableEntity, "costs.officer_of_agency");
        await Refused(officer.PutAsJsonAsync($"/api/v1/costs/{id}", Body(lines, 0, 0, 0, 0), Ct), HttpStatusCode.Forbidden, "costs.agency_prepares");
        await Refused(officer.GetAsync($"/api/v1/costs/{id}", Ct), HttpStatusCode.Forbidden, "costs.who_reads");
        var saved = await Ok(coordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body(lines, 1_500, 2_500, 20, 17), Ct));
        saved.GetProperty("leadsLocated").GetInt32().ShouldBe(17);

        // Sending: not before the quarter has ended.
        await Refused(coordinator.PostAsync($"/api/v1/costs/{id}/submission", null, Ct), HttpStatusCode.UnprocessableEntity, "costs.quarter_not_ended");
        clock.Advance(TimeSpan.FromDays(40));
        // Forty days on, everyone signs in again.
        coordinator = await Given.ApiClientAsync(app, coordinatorUser);
        reviewer = await Given.ApiClientAsync(app, reviewerUser);
        var payer = await Given.ApiClientAsync(app, payerUser);
        var sent = await Ok(coordinator.PostAsync($"/api/v1/costs/{id}/submission", null, Ct));
        sent.GetProperty("status").GetString().ShouldBe("submitted");
        await Refused(coordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body(lines, 0, 0, 0, 0), Ct), HttpStatusCode.UnprocessableEntity, "costs.not_editable");

        // The amounts, from the rules: 92 days in the quarter, the second officer's letter signed at midnight UTC on
        // November 15, which is the evening of November 14 in the agency's zone (New York): eligible November 14 to December 31, 48 days.
        var eligible = new Dictionary<Guid, int> { [first] = 92, [second] = 48, [third] = 92 };
        var officers = sent.GetProperty("officers").EnumerateArray().ToDictionary(o => o.GetProperty("officerId").GetGuid());
        foreach (var l in lines)
        {
            var o = officers[l.OfficerId];
            o.GetProperty("eligibleDays").GetInt32().ShouldBe(eligible[l.OfficerId]);
            o.GetProperty("claimSalaryBenefits").GetDecimal().ShouldBe(QuarterArithmetic.Cents((l.Salary + l.Benefits) / 4 * eligible[l.OfficerId] / 92));
            o.GetProperty("claimOvertime").GetDecimal().ShouldBe(Math.Min(l.Overtime, l.Salary / 4));
            o.GetProperty("personnelCost").GetDecimal().ShouldBe(QuarterArithmetic.Cents(Math.Min((l.Salary + l.Benefits) / 4, (l.Salary + l.Benefits) * l.Hours / 2080)));
        }
        var a = sent.GetProperty("amounts");
        var gross = lines.Sum(l => QuarterArithmetic.Cents((l.Salary + l.Benefits) * l.Hours / 2080)) + lines.Sum(l => l.Overtime) + 1_500 + 2_500;
        a.GetProperty("grossCost").GetDecimal().ShouldBe(gross);
        a.GetProperty("claimAward").GetDecimal().ShouldBe(3 * 750m, "17 of 20 located is 85%: $750 for each of the three officers");
        var total = a.GetProperty("claimTotal").GetDecimal();
        total.ShouldBe(officers.Values.Sum(o => o.GetProperty("claimSalaryBenefits").GetDecimal() + o.GetProperty("claimOvertime").GetDecimal()) + 2_250);

        // Review and payment: ICE's program office only; the approver does not pay; never more than approved.
        await Refused(coordinator.PostAsJsonAsync($"/api/v1/costs/{id}/approval", new { }, Ct), HttpStatusCode.Forbidden, "costs.ice_reviews");
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/costs/{id}/payment", new { amount = 1, reference = "X" }, Ct), HttpStatusCode.UnprocessableEntity,
            "costs.wrong_step");
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/costs/{id}/approval", new { amount = total - 100 }, Ct), HttpStatusCode.BadRequest, "costs.invalid");
        var approved = await Ok(reviewer.PostAsJsonAsync($"/api/v1/costs/{id}/approval", new { }, Ct));
        approved.GetProperty("approvedAmount").GetDecimal().ShouldBe(total);
        await Refused(reviewer.PostAsJsonAsync($"/api/v1/costs/{id}/payment", new { amount = total, reference = "TRS-1" }, Ct), HttpStatusCode.UnprocessableEntity,
            "costs.four_eyes");
        await Refused(payer.PostAsJsonAsync($"/api/v1/costs/{id}/payment", new { amount = total + 1, reference = "TRS-1" }, Ct), HttpStatusCode.UnprocessableEntity,
            "costs.not_above_approved");
        await Refused(payer.PostAsJsonAsync($"/api/v1/costs/{id}/payment", new { amount = total }, Ct), HttpStatusCode.BadRequest, "costs.invalid");
        var paid = await Ok(payer.PostAsJsonAsync($"/api/v1/costs/{id}/payment", new { amount = total, reference = "TRS-1" }, Ct));
        (paid.GetProperty("status").GetString(), paid.GetProperty("paidAmount").GetDecimal()).ShouldBe(("paid", total));

        // Each step is audited and each wait had its deadline, now closed.
        var (actions, deadlines) = await app.WithDbAsync(async (db, _) => (
            await db.AuditEntries.Where(e => e.EntityId == id.ToString()).Select(e => e.Action).Distinct().ToListAsync(Ct),
            await db.Deadlines.Where(d => d.SubjectId == id).Select(d => new { d.Rule, d.Status }).ToListAsync(Ct)));
        actions.ShouldBe(["costs.open", "costs.save", "costs.submit", "costs.approve", "costs.pay"], ignoreOrder: true);
        deadlines.Select(d => d.Rule).ShouldBe([DeadlineRules.CostsSubmit.Code, DeadlineRules.CostsReview.Code, DeadlineRules.CostsPayment.Code], ignoreOrder: true);
        deadlines.ShouldAllBe(d => d.Status != DeadlineStatus.Open);

        // The agency's measures: per encounter and per detainer of the quarter, and the year's net cost against its LEMAS budget.
        var summary = await Ok(coordinator.GetAsync($"/api/v1/agencies/{agency.Id}/costs", Ct));
        (summary.GetProperty("encounters").GetInt32(), summary.GetProperty("detainers").GetInt32()).ShouldBe((2, 1));
        summary.GetProperty("perEncounter").GetDecimal().ShouldBe(QuarterArithmetic.Cents(gross / 2));
        summary.GetProperty("perDetainer").GetDecimal().ShouldBe(gross);
        summary.GetProperty("netCost").GetDecimal().ShouldBe(gross - total);
        summary.GetProperty("yearNetCost").GetDecimal().ShouldBe((gross - total) * 4);
        summary.GetProperty("budgetShare").GetDecimal().ShouldBe(Math.Round((gross - total) * 4 / 4_000_000m, 6));
        var list = await Ok(reviewer.GetAsync($"/api/v1/agreements/{agreement.Id}/costs", Ct));
        list.GetProperty("items")[0].GetProperty("paidAmount").GetDecimal().ShouldBe(total);
    }

    [Fact]
    public async Task AReturnedClaim_IsCorrectedAndSentAgain_AndAJailQuarterIsRecordedNotClaimed_AndOnlyItsAgencySeesIt()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 4, 20, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var taskForceAgency = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office");
        var taskForce = await Given.AgreementAsync(app, taskForceAgency, AgreementModel.TaskForce);
        var tfo = await GivenOfficers.AuthorizedAsync(app, taskForceAgency, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), taskForce);
        var jailAgency = await Given.AgencyAsync(app, "Test Sigma County Jail");
        var jail = await Given.AgreementAsync(app, jailAgency, AgreementModel.Jail);
        var jailOfficer = await GivenOfficers.AuthorizedAsync(app, jailAgency, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), jail);
        var tfCoordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, taskForceAgency.Id));
        var jailCoordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, jailAgency.Id));
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        var id = (await Ok(tfCoordinator.PostAsJsonAsync($"/api/v1/agreements/{taskForce.Id}/costs", new { quarter = "2026-Q1" }, Ct))).GetProperty("id").GetGuid();
        await Refused(jailCoordinator.GetAsync($"/api/v1/costs/{id}", Ct), HttpStatusCode.NotFound, "costs.not_found");
        await Ok(tfCoordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body([new Line(tfo, 300, 50_000, 10_000, 0)], 0, 0, 0, 0), Ct));
        await Ok(tfCoordinator.PostAsync($"/api/v1/costs/{id}/submission", null, Ct));
        await Refused(office.PostAsJsonAsync($"/api/v1/costs/{id}/return", new { reason = " " }, Ct), HttpStatusCode.BadRequest, "costs.invalid");
        var returned = await Ok(office.PostAsJsonAsync($"/api/v1/costs/{id}/return", new { reason = "The overtime sheet is missing." }, Ct));
        (returned.GetProperty("status").GetString(), returned.GetProperty("returnReason").GetString()).ShouldBe(("returned", "The overtime sheet is missing."));
        await Ok(tfCoordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body([new Line(tfo, 300, 50_000, 10_000, 1_000)], 0, 0, 0, 0), Ct));
        var again = await Ok(tfCoordinator.PostAsync($"/api/v1/costs/{id}/submission", null, Ct));
        again.GetProperty("amounts").GetProperty("claimOvertime").GetDecimal().ShouldBe(1_000m);
        again.GetProperty("amounts").GetProperty("claimAward").GetDecimal().ShouldBe(0m, "no person was asked for: no success rate, no award");

        // Jail: the MOA leaves the costs with the agency and no reimbursement is offered: recorded, never reviewed or paid.
        var jailId = (await Ok(jailCoordinator.PostAsJsonAsync($"/api/v1/agreements/{jail.Id}/costs", new { quarter = "2026-Q1" }, Ct))).GetProperty("id").GetGuid();
        await Ok(jailCoordinator.PutAsJsonAsync($"/api/v1/costs/{jailId}", Body([new Line(jailOfficer, 500, 45_000, 9_000, 2_000)], 800, 0, 0, 0), Ct));
        var reported = await Ok(jailCoordinator.PostAsync($"/api/v1/costs/{jailId}/submission", null, Ct));
        (reported.GetProperty("status").GetString(), reported.GetProperty("claimable").GetBoolean()).ShouldBe(("reported", false));
        reported.GetProperty("amounts").GetProperty("claimTotal").GetDecimal().ShouldBe(0m);
        await Refused(office.PostAsJsonAsync($"/api/v1/costs/{jailId}/approval", new { }, Ct), HttpStatusCode.UnprocessableEntity, "costs.claim_not_offered");
        (await app.WithDbAsync((db, _) => db.Deadlines.CountAsync(d => d.SubjectId == jailId && d.Status == DeadlineStatus.Open, Ct))).ShouldBe(0);
    }

    [Fact]
    public async Task ThePublicSeesTheCosts_OnlyOnceReleased_WithAnAgencyOfFewerThanThreeOfficersWithheld()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 4, 20, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var since = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        async Task<(Agency, Guid)> QuarterAsync(string name, int officers)
        {
            var agency = await Given.AgencyAsync(app, name);
            var agreement = await Given.AgreementAsync(app, agency, AgreementModel.TaskForce);
            var lines = new List<Line>();
            for (var i = 0; i < officers; i++) lines.Add(new Line(await GivenOfficers.AuthorizedAsync(app, agency, since, agreement), 200, 50_000, 10_000, 0));
            var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
            var id = (await Ok(coordinator.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/costs", new { quarter = "2026-Q1" }, Ct))).GetProperty("id").GetGuid();
            await Ok(coordinator.PutAsJsonAsync($"/api/v1/costs/{id}", Body(lines, 1_000, 0, 0, 0), Ct));
            await Ok(coordinator.PostAsync($"/api/v1/costs/{id}/submission", null, Ct));
            return (agency, id);
        }
        var (tau, _) = await QuarterAsync("Test Tau County Sheriff's Office", 3);
        var (upsilon, _) = await QuarterAsync("Test Upsilon Police Department", 1);
        var anonymous = app.Client();
        await Refused(anonymous.GetAsync("/api/v1/figures/costs", Ct), HttpStatusCode.NotFound, "costs.not_released");
        (await anonymous.GetStringAsync("/figures/costs?lang=en", Ct)).ShouldContain("not been released");

        (await anonymous.GetStringAsync($"/registry/agencies/{tau.Id}?lang=en", Ct)).ShouldNotContain("id=\"agency-costs\"");

        await GivenReleases.ApprovedAsync(app, CostMeasures.ReleaseKind);
        var tauPage = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/registry/agencies/{tau.Id}?lang=en", Ct));
        tauPage.ShouldContain($"Over 1 quarters the work cost {Section287.Features.Costs.Public.CostsModel.Money(3 * QuarterArithmetic.Cents(60_000m * 200 / 2080) + 1_000)}");
        System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/registry/agencies/{upsilon.Id}?lang=es", Ct))
            .ShouldContain("Omitido: menos de tres agentes");
        var figures = await Ok(anonymous.GetAsync("/api/v1/figures/costs", Ct));
        var rows = figures.GetProperty("agencies").EnumerateArray().ToDictionary(r => r.GetProperty("agency").GetString()!);
        var each = QuarterArithmetic.Cents(60_000m * 200 / 2080);
        rows["Test Tau County Sheriff's Office"].GetProperty("grossCost").GetDecimal().ShouldBe(3 * each + 1_000);
        rows["Test Upsilon Police Department"].GetProperty("withheld").GetBoolean().ShouldBeTrue();
        rows["Test Upsilon Police Department"].GetProperty("grossCost").ValueKind.ShouldBe(JsonValueKind.Null);
        figures.GetProperty("grossCost").GetDecimal().ShouldBe(4 * each + 2_000, "the nation's total counts the withheld agency");
        var csv = await anonymous.GetStringAsync("/api/v1/figures/costs.csv", Ct);
        csv.ShouldContain("Test Upsilon Police Department,,1,2026-Q1,2026-Q1,0,0,,,,,,,,,fewer than 3 officers");
        var english = await anonymous.GetStringAsync("/figures/costs?lang=en", Ct);
        english.ShouldContain("Test Tau County Sheriff");
        System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync("/figures/costs?lang=es", Ct)).ShouldContain("Costos de los acuerdos");
    }
}
