using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Shared;

namespace Section287.Features.Costs;

public sealed record OpenQuarterInput(string? Quarter);

public sealed record OfficerLineInput(Guid? OfficerId, decimal? Hours, decimal? AnnualSalary, decimal? AnnualBenefits, decimal? Overtime);

public sealed record QuarterCostInput(IReadOnlyList<OfficerLineInput>? Officers, decimal? TrainingCost, decimal? EquipmentCost, int? LeadsProvided,
    int? LeadsLocated, string? Note, long? Version);

public sealed record ReturnInput(string? Reason);

public sealed record ApproveInput(decimal? Amount, string? Note);

public sealed record PaymentInput(decimal? Amount, string? Reference);

public sealed record OfficerLineView(Guid OfficerId, string Officer, decimal Hours, decimal AnnualSalary, decimal AnnualBenefits, decimal Overtime,
    int? EligibleDays, bool? EligibleOnLastDay, decimal? PersonnelCost, decimal? ClaimSalaryBenefits, decimal? ClaimOvertime);

public sealed record QuarterCostView(Guid Id, Guid AgencyId, string Agency, Guid AgreementId, string Model, string Quarter, DateOnly From, DateOnly To,
    string Status, bool Claimable, IReadOnlyList<OfficerLineView> Officers, decimal TrainingCost, decimal EquipmentCost, int LeadsProvided,
    int LeadsLocated, string Note, string OpenedByName, DateTime? SubmittedAt, string? SubmittedByName, QuarterAmounts Amounts, DateTime? ReturnedAt,
    string? ReturnReason, DateTime? ApprovedAt, string? ApprovedByName, decimal? ApprovedAmount, DateTime? PaidAt, string? PaidByName, decimal? PaidAmount,
    string? PaymentReference, long Version, Guid? ApprovedById);

public sealed record QuarterCostRow(Guid Id, string Quarter, string Status, bool Claimable, decimal? GrossCost, decimal? ClaimTotal,
    decimal? ApprovedAmount, decimal? PaidAmount);

/// <summary>
/// A quarter's costs from the agency's entry to ICE's payment: the coordinator opens, enters and sends; the program office returns or
/// approves; a second person of the program office pays. Each step is audited, notified and kept on a deadline.
/// </summary>
public sealed class CostWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify)
{
    public static readonly Rule WhoReads = new("costs.who_reads",
        "An agency's costs and claims are read by its coordinator, ICE's program office and field supervisors, and oversight; officers do not read their colleagues' pay.",
        Rule.PolicyReason("salaries are personnel records: shown to those who prepare, review or audit the claim"), RuleKind.Role, RuleBasis.Policy);

    private static readonly Role[] Readers = [Role.ProgramOffice, Role.FieldSupervisor, Role.AgencyCoordinator, Role.Oversight];

    public static bool Reads(Role role) => Readers.Contains(role);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private ReimbursementParameters Parameters => ReimbursementParameters.Bundled;

    private IQueryable<Agreement> AgreementsInScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    public static readonly Error NotFound = Error.NotFound("costs.not_found", "No such quarter of costs among those you can see.");

    public async Task<Result<Page<QuarterCostRow>>> ListAsync(Guid agreementId, Actor actor, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await AgreementsInScope.AnyAsync(a => a.Id == agreementId, ct)) return AgreementErrors.NotFound;
        if (!Reads(actor.Role)) return WhoReads;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var rows = await db.QuarterCosts.AsNoTracking().Where(q => q.AgreementId == agreementId)
            .OrderByDescending(q => q.Year).ThenByDescending(q => q.Quarter)
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return new Page<QuarterCostRow>(rows.Items.Select(Row).ToList(), rows.PageNumber, rows.PageSize, rows.Total);
    }

    public static QuarterCostRow Row(QuarterCost q) => new(q.Id, q.Period.Code, Code(q.Status), q.Claimable, q.IsSent ? q.GrossCost : null,
        q.IsSent && q.Claimable ? q.ClaimTotal : null, q.ApprovedAmount, q.PaidAmount);

    public static string Code(QuarterCostStatus status) => status.ToString().ToLowerInvariant();

    public async Task<Result<QuarterCostView>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var q = await db.QuarterCosts.AsNoTracking().Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return NotFound;
        if (!Reads(actor.Role)) return WhoReads;
        return await ViewAsync(q, ct);
    }

    public async Task<Result<QuarterCostView>> OpenAsync(Guid agreementId, Actor actor, OpenQuarterInput input, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.Include(a => a.Agency).FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return CostRules.AgencyPrepares;
        if (CostQuarter.Parse(input.Quarter) is not { } quarter)
            return Error.Invalid("costs.invalid", "Give the quarter as 2026-Q1 (January to March) ... 2026-Q4 (October to December).",
                new Dictionary<string, string[]> { ["quarter"] = ["Give the quarter as 2026-Q1 ... 2026-Q4."] });
        var zone = UsTimeZones.Find(agreement.Agency.TimeZone);
        var today = ZonedTime.DayOf(Now, zone);
        if (quarter.First > today)
            return Error.Invalid("costs.invalid", "That quarter has not begun.", new Dictionary<string, string[]> { ["quarter"] = ["Choose this quarter or an earlier one."] });
        if (InForce(agreement) is not var (start, end) || start > quarter.Last || (end is { } e && e < quarter.First))
            return CostRules.ActiveAgreement.Refuse($"The agreement was in force {Span(InForce(agreement))}; {quarter.Code} runs {quarter.First:yyyy-MM-dd} to {quarter.Last:yyyy-MM-dd}.");
        if (await db.QuarterCosts.AnyAsync(q => q.AgreementId == agreementId && q.Year == quarter.Year && q.Quarter == quarter.Number, ct))
            return CostRules.OneQuarterOnce;
        var cost = new QuarterCost
        {
            AgencyId = agreement.AgencyId, AgreementId = agreement.Id, Year = quarter.Year, Quarter = quarter.Number, Status = QuarterCostStatus.Draft,
            Claimable = CostRules.Claimable(agreement.Model, quarter, Parameters), OpenedByName = actor.Name,
        };
        // The officers authorized under this agreement at some time in the quarter, ready for their hours and pay.
        var officers = await AuthorizedOfficersAsync(agreement.Id, quarter, zone, ct);
        foreach (var officerId in officers) cost.Lines.Add(new QuarterCostLine { QuarterCostId = cost.Id, OfficerId = officerId });
        db.QuarterCosts.Add(cost);
        deadlines.OpenUntil(DeadlineRules.CostsSubmit, agreement.AgencyId, "quarter_cost", cost.Id, $"Costs of {quarter.Code}",
            ZonedTime.EndOfDayUtc(quarter.Last.AddDays(DeadlineRules.CostsSubmit.Length), zone));
        change.For("costs.open", $"{quarter.Code}{(cost.Claimable ? ", a reimbursement claim" : ", costs only")}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ViewAsync(cost, ct);
    }

    public async Task<Result<QuarterCostView>> SaveAsync(Guid id, Actor actor, QuarterCostInput input, CancellationToken ct)
    {
        var (q, refused) = await ForAgencyAsync(id, actor, ct);
        if (q is null) return refused!;
        if (input.Version is { } v && v != q.Version) return CommonErrors.StaleEdit;
        var errors = new Dictionary<string, string[]>();
        static bool Money(decimal? d) => d is null or (>= 0 and <= 10_000_000m);
        if (!Money(input.TrainingCost)) errors["trainingCost"] = ["Give the training cost in dollars, zero or more."];
        if (!Money(input.EquipmentCost)) errors["equipmentCost"] = ["Give the equipment cost in dollars, zero or more."];
        if (input.LeadsProvided is < 0 or > 100_000) errors["leadsProvided"] = ["Give the number of people ICE asked the agency to locate, zero or more."];
        if (input.LeadsLocated is < 0 || (input.LeadsLocated ?? 0) > (input.LeadsProvided ?? 0))
            errors["leadsLocated"] = ["The people located cannot be more than those ICE asked the agency to locate."];
        var lines = input.Officers ?? [];
        var maxHours = q.Period.Days * 24m;
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.OfficerId is null) errors[$"officers[{i}].officerId"] = ["Choose the officer."];
            if (l.Hours is < 0 || l.Hours > maxHours) errors[$"officers[{i}].hours"] = [$"Give the hours in 287(g) duties in the quarter, 0 to {maxHours:0}."];
            if (!Money(l.AnnualSalary) || l.AnnualSalary > 1_000_000m) errors[$"officers[{i}].annualSalary"] = ["Give the annual salary in dollars, 0 to 1,000,000."];
            if (!Money(l.AnnualBenefits) || l.AnnualBenefits > 1_000_000m) errors[$"officers[{i}].annualBenefits"] = ["Give the annual benefits in dollars, 0 to 1,000,000."];
            if (!Money(l.Overtime) || l.Overtime > 1_000_000m) errors[$"officers[{i}].overtime"] = ["Give the overtime paid in the quarter in dollars, 0 to 1,000,000."];
        }
        if (lines.Where(l => l.OfficerId is not null).GroupBy(l => l.OfficerId).Any(g => g.Count() > 1)) errors["officers"] = ["Each officer appears once."];
        if (errors.Count > 0) return Error.Invalid("costs.invalid", "The quarter's costs are not complete.", errors);
        var officerIds = lines.Select(l => l.OfficerId!.Value).ToList();
        var own = await db.Officers.Where(o => o.AgencyId == q.AgencyId && officerIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (own.Count != officerIds.Count) return CostRules.OfficerOfAgency;

        q.TrainingCost = QuarterArithmetic.Cents(input.TrainingCost ?? 0);
        q.EquipmentCost = QuarterArithmetic.Cents(input.EquipmentCost ?? 0);
        q.LeadsProvided = input.LeadsProvided ?? 0;
        q.LeadsLocated = input.LeadsLocated ?? 0;
        q.Note = input.Note?.Trim() ?? "";
        var byOfficer = q.Lines.ToDictionary(l => l.OfficerId);
        foreach (var gone in q.Lines.Where(l => !officerIds.Contains(l.OfficerId)).ToList())
        {
            q.Lines.Remove(gone);
            db.Remove(gone);
        }
        foreach (var l in lines)
        {
            if (!byOfficer.TryGetValue(l.OfficerId!.Value, out var line))
            {
                line = new QuarterCostLine { QuarterCostId = q.Id, OfficerId = l.OfficerId.Value };
                q.Lines.Add(line);
                db.Add(line);
            }
            line.Hours = Math.Round(l.Hours ?? 0, 2);
            line.AnnualSalary = QuarterArithmetic.Cents(l.AnnualSalary ?? 0);
            line.AnnualBenefits = QuarterArithmetic.Cents(l.AnnualBenefits ?? 0);
            line.Overtime = QuarterArithmetic.Cents(l.Overtime ?? 0);
        }
        db.Entry(q).State = EntityState.Modified;
        change.For("costs.save", $"{q.Period.Code}: {lines.Count} officers, training {q.TrainingCost:0.00}, equipment {q.EquipmentCost:0.00}");
        return await SavedAsync(q, ct);
    }

    /// <summary>The coordinator sends the quarter: eligibility is read from the authorizations, the amounts computed and frozen.</summary>
    public async Task<Result<QuarterCostView>> SubmitAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var (q, refused) = await ForAgencyAsync(id, actor, ct);
        if (q is null) return refused!;
        var zone = await ZoneAsync(q.AgencyId, ct);
        if (ZonedTime.DayOf(Now, zone) <= q.Period.Last) return CostRules.QuarterNotEnded.Refuse($"{q.Period.Code} ends on {q.Period.Last:yyyy-MM-dd}.");
        var amounts = await ComputeAsync(q, zone, ct);
        foreach (var line in q.Lines)
        {
            var r = amounts.Officers.Single(o => o.OfficerId == line.OfficerId);
            line.PersonnelCost = r.PersonnelCost;
            line.ClaimSalaryBenefits = r.ClaimSalaryBenefits;
            line.ClaimOvertime = r.ClaimOvertime;
        }
        q.GrossCost = amounts.GrossCost;
        q.ClaimSalaryBenefits = amounts.ClaimSalaryBenefits;
        q.ClaimOvertime = amounts.ClaimOvertime;
        q.ClaimAward = amounts.ClaimAward;
        q.ClaimTotal = amounts.ClaimTotal;
        q.SubmittedAt = Now;
        q.SubmittedByName = actor.Name;
        q.Status = q.Claimable ? QuarterCostStatus.Submitted : QuarterCostStatus.Reported;
        await deadlines.CloseAsync(q.Id, DeadlineRules.CostsSubmit, ct);
        if (q.Claimable)
        {
            deadlines.Open(DeadlineRules.CostsReview, q.AgencyId, "quarter_cost", q.Id, $"Review the reimbursement claim of {q.Period.Code}");
            await notify.ToRoleAsync(Role.ProgramOffice, q.AgencyId, "costs.submitted",
                $"A reimbursement claim of {q.ClaimTotal:C} for {q.Period.Code} waits for review.", Links.For("quarter_cost", q.Id), ct);
        }
        change.For("costs.submit", $"{q.Period.Code}: cost {q.GrossCost:0.00}{(q.Claimable ? $", claim {q.ClaimTotal:0.00}" : "")}");
        return await SavedAsync(q, ct);
    }

    public async Task<Result<QuarterCostView>> ReturnAsync(Guid id, Actor actor, ReturnInput input, CancellationToken ct)
    {
        var (q, refused) = await ForIceAsync(id, actor, QuarterCostStatus.Submitted, ct);
        if (q is null) return refused!;
        if (string.IsNullOrWhiteSpace(input.Reason))
            return Error.Invalid("costs.invalid", "Say why the claim goes back, so the agency can correct it.",
                new Dictionary<string, string[]> { ["reason"] = ["Say what the agency should correct."] });
        q.Status = QuarterCostStatus.Returned;
        q.ReturnedAt = Now;
        q.ReturnReason = input.Reason.Trim();
        await deadlines.CloseAsync(q.Id, DeadlineRules.CostsReview, ct);
        var zone = await ZoneAsync(q.AgencyId, ct);
        deadlines.OpenUntil(DeadlineRules.CostsSubmit, q.AgencyId, "quarter_cost", q.Id, $"Correct and send again the costs of {q.Period.Code}",
            ZonedTime.EndOfDayUtc(ZonedTime.DayOf(Now, zone).AddDays(DeadlineRules.CostsSubmit.Length), zone));
        await notify.ToRoleAsync(Role.AgencyCoordinator, q.AgencyId, "costs.returned",
            $"ICE returned the reimbursement claim of {q.Period.Code}: {q.ReturnReason}", Links.For("quarter_cost", q.Id), ct);
        change.For("costs.return", q.ReturnReason);
        return await SavedAsync(q, ct);
    }

    /// <summary>The program office approves the claim: its total, or less with a reason.</summary>
    public async Task<Result<QuarterCostView>> ApproveAsync(Guid id, Actor actor, ApproveInput input, CancellationToken ct)
    {
        var (q, refused) = await ForIceAsync(id, actor, QuarterCostStatus.Submitted, ct);
        if (q is null) return refused!;
        var amount = input.Amount ?? q.ClaimTotal;
        if (amount < 0 || amount > q.ClaimTotal)
            return Error.Invalid("costs.invalid", $"Approve the claim's total ({q.ClaimTotal:0.00}) or less.",
                new Dictionary<string, string[]> { ["amount"] = [$"Give an amount from 0 to {q.ClaimTotal:0.00}."] });
        if (amount < q.ClaimTotal && string.IsNullOrWhiteSpace(input.Note))
            return Error.Invalid("costs.invalid", "Say why less than the claim is approved.",
                new Dictionary<string, string[]> { ["note"] = ["Say why less than the claim is approved."] });
        q.Status = QuarterCostStatus.Approved;
        q.ApprovedAt = Now;
        q.ApprovedById = actor.Id;
        q.ApprovedByName = actor.Name;
        q.ApprovedAmount = QuarterArithmetic.Cents(amount);
        await deadlines.CloseAsync(q.Id, DeadlineRules.CostsReview, ct);
        deadlines.Open(DeadlineRules.CostsPayment, q.AgencyId, "quarter_cost", q.Id, $"Pay the approved claim of {q.Period.Code}");
        await notify.ToRoleAsync(Role.AgencyCoordinator, q.AgencyId, "costs.approved",
            $"ICE approved {q.ApprovedAmount:C} of the reimbursement claim of {q.Period.Code}.", Links.For("quarter_cost", q.Id), ct);
        change.For("costs.approve", $"{q.ApprovedAmount:0.00} of {q.ClaimTotal:0.00}{(string.IsNullOrWhiteSpace(input.Note) ? "" : $": {input.Note.Trim()}")}");
        return await SavedAsync(q, ct);
    }

    /// <summary>A second person of the program office records the payment, never more than approved.</summary>
    public async Task<Result<QuarterCostView>> PayAsync(Guid id, Actor actor, PaymentInput input, CancellationToken ct)
    {
        var (q, refused) = await ForIceAsync(id, actor, QuarterCostStatus.Approved, ct);
        if (q is null) return refused!;
        if (q.ApprovedById == actor.Id) return CostRules.FourEyes;
        var errors = new Dictionary<string, string[]>();
        if (input.Amount is not { } amount || amount < 0) errors["amount"] = ["Give the amount paid in dollars."];
        if (string.IsNullOrWhiteSpace(input.Reference) || input.Reference.Trim().Length > 100)
            errors["reference"] = ["Give the payment's reference (the Treasury or financial system's number), up to 100 characters."];
        if (errors.Count > 0) return Error.Invalid("costs.invalid", "The payment is not complete.", errors);
        if (input.Amount > q.ApprovedAmount) return CostRules.NotAboveApproved.Refuse($"ICE approved {q.ApprovedAmount:0.00}.");
        q.Status = QuarterCostStatus.Paid;
        q.PaidAt = Now;
        q.PaidById = actor.Id;
        q.PaidByName = actor.Name;
        q.PaidAmount = QuarterArithmetic.Cents(input.Amount!.Value);
        q.PaymentReference = input.Reference!.Trim();
        await deadlines.CloseAsync(q.Id, DeadlineRules.CostsPayment, ct);
        await notify.ToRoleAsync(Role.AgencyCoordinator, q.AgencyId, "costs.paid",
            $"ICE paid {q.PaidAmount:C} for {q.Period.Code} (reference {q.PaymentReference}).", Links.For("quarter_cost", q.Id), ct);
        change.For("costs.pay", $"{q.PaidAmount:0.00}, reference {q.PaymentReference}");
        return await SavedAsync(q, ct);
    }

    /// <summary>A quarter the coordinator may still change: found in scope, the coordinator's, not sent (or returned).</summary>
    private async Task<(QuarterCost? Quarter, Error? Refused)> ForAgencyAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var q = await db.QuarterCosts.Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return (null, NotFound);
        if (actor.Role != Role.AgencyCoordinator) return (null, CostRules.AgencyPrepares);
        if (!q.IsEditable) return (null, CostRules.NotEditable);
        return (q, null);
    }

    /// <summary>A claim at the step ICE's program office acts on: found in scope, a claim, at that step.</summary>
    private async Task<(QuarterCost? Quarter, Error? Refused)> ForIceAsync(Guid id, Actor actor, QuarterCostStatus step, CancellationToken ct)
    {
        var q = await db.QuarterCosts.Include(x => x.Lines).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (q is null) return (null, NotFound);
        if (actor.Role != Role.ProgramOffice) return (null, CostRules.IceReviews);
        if (!q.Claimable) return (null, CostRules.OnlyTaskForce);
        if (q.Status != step) return (null, CostRules.WrongStep);
        return (q, null);
    }

    private async Task<Result<QuarterCostView>> SavedAsync(QuarterCost q, CancellationToken ct)
    {
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ViewAsync(q, ct);
    }

    /// <summary>The day the agreement came into force and the day it ended (null while it lasts); null if it never did.</summary>
    public static (DateOnly Start, DateOnly? End)? InForce(Agreement a)
    {
        if (a.Status is AgreementStatus.Draft or AgreementStatus.PendingSignature) return null;
        if ((a.ActivatedOn ?? a.SignedOn ?? a.FirstListedOn) is not { } start) return null;
        DateOnly? end = a.Status switch
        {
            AgreementStatus.Terminated => a.TerminationEffectiveOn ?? a.RemovedOn ?? a.LastListedOn,
            AgreementStatus.Expired or AgreementStatus.Removed => a.RemovedOn ?? a.LastListedOn,
            _ => null,
        };
        return (start, end);
    }

    private static string Span((DateOnly Start, DateOnly? End)? span) => span is not var (start, end) ? "never"
        : $"from {start:yyyy-MM-dd}{(end is { } e ? $" to {e:yyyy-MM-dd}" : "")}";

    private async Task<TimeZoneInfo> ZoneAsync(Guid agencyId, CancellationToken ct) =>
        UsTimeZones.Find(await db.Agencies.Where(a => a.Id == agencyId).Select(a => a.TimeZone).SingleAsync(ct));

    private async Task<List<Guid>> AuthorizedOfficersAsync(Guid agreementId, CostQuarter quarter, TimeZoneInfo zone, CancellationToken ct)
    {
        var from = ZonedTime.StartOfDayUtc(quarter.First, zone);
        var until = ZonedTime.StartOfDayUtc(quarter.Last.AddDays(1), zone);
        return await db.Authorizations.AsNoTracking()
            .Where(a => a.AgreementId == agreementId && a.StartsAt < until && (a.RevokedAt == null || a.RevokedAt > from) && (a.ExpiresAt == null || a.ExpiresAt > from))
            .Select(a => a.OfficerId).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// The quarter's amounts as they stand: eligibility from the officer's authorizations under this agreement (a day counts when the
    /// officer held one in force and not suspended at the day's end in the agency's zone), and the overtime earlier quarters of the
    /// fiscal year already claimed for the officer.
    /// </summary>
    public async Task<QuarterAmounts> ComputeAsync(QuarterCost q, TimeZoneInfo zone, CancellationToken ct)
    {
        var officerIds = q.Lines.Select(l => l.OfficerId).ToList();
        var authorizations = await db.Authorizations.AsNoTracking().Include(a => a.Suspensions)
            .Where(a => a.AgreementId == q.AgreementId && officerIds.Contains(a.OfficerId)).ToListAsync(ct);
        var separated = await db.Officers.AsNoTracking().Where(o => officerIds.Contains(o.Id)).Select(o => new { o.Id, o.SeparatedAt })
            .ToDictionaryAsync(o => o.Id, o => o.SeparatedAt, ct);
        var fiscalQuarters = FiscalQuartersBefore(q.Period);
        var earlier = await db.QuarterCosts.AsNoTracking()
            .Where(x => x.AgencyId == q.AgencyId && x.Id != q.Id && x.Claimable
                && (x.Status == QuarterCostStatus.Submitted || x.Status == QuarterCostStatus.Approved || x.Status == QuarterCostStatus.Paid))
            .Select(x => new { x.Year, x.Quarter, x.Lines }).ToListAsync(ct);
        var overtimeBefore = earlier.Where(x => fiscalQuarters.Contains(new CostQuarter(x.Year, x.Quarter))).SelectMany(x => x.Lines)
            .GroupBy(l => l.OfficerId).ToDictionary(g => g.Key, g => g.Sum(l => l.ClaimOvertime));
        bool EligibleAt(Guid officerId, DateOnly day)
        {
            var at = ZonedTime.EndOfDayUtc(day, zone);
            if (separated.GetValueOrDefault(officerId) is { } s && s <= at) return false;
            return authorizations.Any(a => a.OfficerId == officerId && a.IsInForceAt(at) && a.SuspensionAt(at) is null);
        }
        var inputs = new List<OfficerCostInput>();
        foreach (var line in q.Lines)
        {
            var days = 0;
            for (var d = q.Period.First; d <= q.Period.Last; d = d.AddDays(1)) if (EligibleAt(line.OfficerId, d)) days++;
            var last = EligibleAt(line.OfficerId, q.Period.Last);
            line.EligibleDays = days;
            line.EligibleOnLastDay = last;
            inputs.Add(new OfficerCostInput(line.OfficerId, line.Hours, line.AnnualSalary, line.AnnualBenefits, line.Overtime, days, last,
                overtimeBefore.GetValueOrDefault(line.OfficerId)));
        }
        return QuarterArithmetic.Compute(q.Period, inputs, q.TrainingCost, q.EquipmentCost, q.LeadsProvided, q.LeadsLocated, q.Claimable, Parameters);
    }

    /// <summary>The quarters of the same federal fiscal year that come before this one.</summary>
    public static HashSet<CostQuarter> FiscalQuartersBefore(CostQuarter quarter)
    {
        var set = new HashSet<CostQuarter>();
        for (var p = quarter.Previous; p.FiscalYear == quarter.FiscalYear; p = p.Previous) set.Add(p);
        return set;
    }

    private async Task<QuarterCostView> ViewAsync(QuarterCost q, CancellationToken ct)
    {
        var ids = q.Lines.Select(l => l.OfficerId).ToList();
        var names = await db.Officers.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.FullName, o.BadgeNumber })
            .ToDictionaryAsync(o => o.Id, o => $"{o.FullName} (badge {o.BadgeNumber})", ct);
        var head = await db.Agreements.AsNoTracking().Where(a => a.Id == q.AgreementId).Select(a => new { a.Model, a.Agency.Name }).SingleAsync(ct);
        // Sent: the frozen amounts. Still being entered: what it would come to if sent now.
        var amounts = q.IsSent
            ? new QuarterAmounts(q.Lines.Select(l => new OfficerCostResult(l.OfficerId, l.PersonnelCost, l.Overtime, l.ClaimSalaryBenefits, l.ClaimOvertime)).ToList(),
                q.Lines.Sum(l => l.PersonnelCost), q.Lines.Sum(l => l.Overtime), q.TrainingCost, q.EquipmentCost, q.GrossCost,
                q.LeadsProvided > 0 ? Math.Min(1m, (decimal)q.LeadsLocated / q.LeadsProvided) : null, q.Lines.Count(l => l.EligibleOnLastDay),
                q.Claimable ? Parameters.AwardPerOfficer(q.LeadsProvided > 0 ? Math.Min(1m, (decimal)q.LeadsLocated / q.LeadsProvided) : null) : 0,
                q.ClaimSalaryBenefits, q.ClaimOvertime, q.ClaimAward, q.Claimable)
            : await ComputeAsync(q, await ZoneAsync(q.AgencyId, ct), ct);
        var results = amounts.Officers.ToDictionary(o => o.OfficerId);
        var lines = q.Lines.OrderBy(l => names.GetValueOrDefault(l.OfficerId), StringComparer.Ordinal).Select(l => new OfficerLineView(l.OfficerId,
            names.GetValueOrDefault(l.OfficerId) ?? "unknown", l.Hours, l.AnnualSalary, l.AnnualBenefits, l.Overtime, l.EligibleDays, l.EligibleOnLastDay,
            results.GetValueOrDefault(l.OfficerId)?.PersonnelCost, results.GetValueOrDefault(l.OfficerId)?.ClaimSalaryBenefits,
            results.GetValueOrDefault(l.OfficerId)?.ClaimOvertime)).ToList();
        return new QuarterCostView(q.Id, q.AgencyId, head.Name, q.AgreementId, head.Model.Code(), q.Period.Code, q.Period.First, q.Period.Last,
            Code(q.Status), q.Claimable, lines, q.TrainingCost, q.EquipmentCost, q.LeadsProvided, q.LeadsLocated, q.Note, q.OpenedByName, q.SubmittedAt,
            q.SubmittedByName, amounts, q.ReturnedAt, q.ReturnReason, q.ApprovedAt, q.ApprovedByName, q.ApprovedAmount, q.PaidAt, q.PaidByName,
            q.PaidAmount, q.PaymentReference, q.Version, q.ApprovedById);
    }
}
