using System.Globalization;
using Section287.Common;
using Section287.Data.Reference;
using Section287.Features.Agreements;

namespace Section287.Features.Costs;

/// <summary>
/// The reimbursement ICE offers from 2025-10-01, read from the bundled <c>reimbursement_parameters_2025.csv</c> (each row names its
/// source: DHS's press release of 2025-09-02 as republished). The MOAs themselves put every personnel cost on the agency (jail 2020
/// and warrant service 2025, section E; task force 2025, section X: "at the LEA's expense ... Whether or not the LEA receives
/// financial reimbursement for such costs through a federal grant or other funding mechanism is not material to this MOA"), so
/// the reimbursement is a program beside the agreement, not a term of it.
/// </summary>
public sealed record ReimbursementParameters(
    decimal SalaryAndBenefitsShare, decimal OvertimeCapShare, decimal AwardTier1, decimal AwardTier2, decimal AwardTier3, DateOnly EffectiveFrom,
    string Source, string SourceUrl)
{
    public const string FileName = "reimbursement_parameters_2025.csv";

    public static ReimbursementParameters Bundled { get; } = Read(ReferenceData.OpenBundled(FileName));

    /// <summary>Reads the parameters file: one row per parameter, its value, and the day it applies from.</summary>
    public static ReimbursementParameters Read(Stream stream)
    {
        using var reader = new StreamReader(stream);
        var rows = new Dictionary<string, (string Value, string From, string Title, string Url)>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var f = CsvLine.Split(line);
            if (f.Length >= 7) rows[f[0]] = (f[1], f[4], f[5], f[6]);
        }
        decimal Value(string name) => rows.TryGetValue(name, out var r) && decimal.TryParse(r.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v)
            ? v : throw new InvalidOperationException($"The reimbursement parameters have no value for {name}.");
        var salary = rows["salary_and_benefits_reimbursement_share"];
        return new ReimbursementParameters(Value("salary_and_benefits_reimbursement_share"), Value("overtime_reimbursement_cap_share_of_salary"),
            Value("performance_award_tier1_per_officer_per_quarter"), Value("performance_award_tier2_per_officer_per_quarter"),
            Value("performance_award_tier3_per_officer_per_quarter"), DateOnly.ParseExact(salary.From, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            salary.Title, salary.Url);
    }

    /// <summary>
    /// The award per task force officer for a quarter's success rate (the share of the people ICE asked the agency to locate whom it
    /// located): 90–100%, 80–89%, 70–79%; below 70% the source states no award, so none is paid.
    /// </summary>
    public decimal AwardPerOfficer(decimal? successRate) => successRate switch
    {
        null => 0,
        >= 0.90m => AwardTier1,
        >= 0.80m => AwardTier2,
        >= 0.70m => AwardTier3,
        _ => 0,
    };
}

/// <summary>A calendar quarter (1: January–March ... 4: October–December) and its federal fiscal year (which starts on October 1).</summary>
public readonly record struct CostQuarter(int Year, int Number)
{
    public DateOnly First => new(Year, (Number - 1) * 3 + 1, 1);

    public DateOnly Last => First.AddMonths(3).AddDays(-1);

    public int Days => Last.DayNumber - First.DayNumber + 1;

    public int FiscalYear => Number == 4 ? Year + 1 : Year;

    public bool IsValid => Number is >= 1 and <= 4 && Year is >= 2000 and <= 2100;

    public string Code => $"{Year}-Q{Number}";

    public override string ToString() => Code;

    public static CostQuarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public static CostQuarter? Parse(string? code)
    {
        var text = code?.Trim().ToUpperInvariant() ?? "";
        if (text.Length != 7 || text[4] != '-' || text[5] != 'Q') return null;
        if (!int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return null;
        var q = new CostQuarter(year, number);
        return q.IsValid ? q : null;
    }

    public CostQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);
}

/// <summary>
/// The rules of costs and reimbursement claims. The money is computed from the parameters; what the rules refuse is an action out of
/// place (a claim where no reimbursement is offered, a payment by the person who approved it, a payment above what was approved).
/// </summary>
public static class CostRules
{
    private const string Release = "DHS press release of 2025-09-02 (reimbursement_parameters_2025.csv)";

    public static readonly Rule OnlyTaskForce = new("costs.claim_not_offered",
        "ICE reimburses salaries, overtime and performance awards only for task force officers, and only for quarters from October 1, 2025: this quarter's costs are recorded, not claimed.",
        $"{Release}: \"fully reimburse ... each eligible trained 287(g) officer\" (Task Force Model), from 2025-10-01; the MOAs (jail and warrant service, section E; task force, section X) leave every personnel cost with the agency");

    public static readonly Rule AgencyPrepares = new("costs.agency_prepares",
        "Only the agency's coordinator enters its costs and prepares its reimbursement claim.",
        Rule.PolicyReason("the agency holds its payroll; ICE reviews what it claims, so the two sides are never one person"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule IceReviews = new("costs.ice_reviews",
        "Only ICE's program office reviews and pays reimbursement claims.",
        Rule.PolicyReason("the reimbursement is paid from ICE's appropriation; the program office administers the 287(g) program"), RuleKind.Role,
        RuleBasis.Policy);

    public static readonly Rule FourEyes = new("costs.four_eyes",
        "The person who approved a claim does not record its payment: a second person of ICE's program office pays it.",
        Rule.PolicyReason("four eyes on federal money: review and payment are separate duties, as in any disbursement"), Basis: RuleBasis.Policy);

    public static readonly Rule NotAboveApproved = new("costs.not_above_approved",
        "A payment cannot be more than the amount ICE approved for the claim.",
        Rule.PolicyReason("ICE pays what it reviewed; a larger sum needs a new review"), Basis: RuleBasis.Policy);

    public static readonly Rule QuarterNotEnded = new("costs.quarter_not_ended",
        "A quarter's costs are sent once the quarter has ended: its salaries, overtime and results are known only then.",
        Rule.PolicyReason("the reimbursement is quarterly and the performance award is judged on the whole quarter's results"), Basis: RuleBasis.Policy);

    public static readonly Rule NotEditable = new("costs.not_editable",
        "The quarter was sent to ICE; it is changed only after ICE returns it with a reason.",
        Rule.PolicyReason("what ICE reviews and pays is what the agency sent; a change goes back through review"), Basis: RuleBasis.Policy);

    public static readonly Rule WrongStep = new("costs.wrong_step",
        "That step does not follow from where the quarter is now (prepared, sent, returned, approved, paid).",
        Rule.PolicyReason("a claim moves through its steps in order so that each is reviewed once"), Basis: RuleBasis.Policy);

    public static readonly Rule OneQuarterOnce = new("costs.quarter_exists",
        "The agreement already has a record for that quarter: open it instead.",
        Rule.PolicyReason("one record per agreement and quarter, so no cost is counted twice"), Basis: RuleBasis.Policy);

    public static readonly Rule OfficerOfAgency = new("costs.officer_of_agency",
        "Each officer on the quarter must be one of the agency's own officers.",
        Rule.PolicyReason("an agreement's costs are the agency's personnel"), Basis: RuleBasis.Policy);

    public static readonly Rule ActiveAgreement = new("costs.agreement_in_force",
        "Costs are recorded for quarters in which the agreement was in force.",
        Rule.PolicyReason("a quarter before the agreement's start or after its end has no 287(g) duties to cost"), Basis: RuleBasis.Policy);

    /// <summary>Whether ICE's reimbursement is offered for this model and quarter.</summary>
    public static bool Claimable(AgreementModel model, CostQuarter quarter, ReimbursementParameters p) =>
        model == AgreementModel.TaskForce && quarter.First >= p.EffectiveFrom;

    /// <summary>A full-time year: 2,080 paid hours (52 weeks of 40), the federal standard, used to cost the hours in 287(g) duties.</summary>
    public const decimal FullTimeHours = 2080m;
}

/// <summary>One officer's line of a quarter, as entered, with the days the officer was eligible (authorized, not suspended).</summary>
public sealed record OfficerCostInput(Guid OfficerId, decimal Hours, decimal AnnualSalary, decimal AnnualBenefits, decimal Overtime, int EligibleDays,
    bool EligibleOnLastDay, decimal OvertimeReimbursedEarlierInFiscalYear);

public sealed record OfficerCostResult(Guid OfficerId, decimal PersonnelCost, decimal OvertimeCost, decimal ClaimSalaryBenefits, decimal ClaimOvertime);

/// <summary>What a quarter cost and what may be claimed for it, every amount in dollars and rounded to the cent.</summary>
public sealed record QuarterAmounts(IReadOnlyList<OfficerCostResult> Officers, decimal PersonnelCost, decimal OvertimeCost, decimal TrainingCost,
    decimal EquipmentCost, decimal GrossCost, decimal? SuccessRate, int AwardOfficers, decimal AwardPerOfficer, decimal ClaimSalaryBenefits,
    decimal ClaimOvertime, decimal ClaimAward, bool Claimable)
{
    public decimal ClaimTotal => ClaimSalaryBenefits + ClaimOvertime + ClaimAward;
}

/// <summary>
/// The arithmetic of a quarter, pure: the cost of the hours in 287(g) duties, and the claim under the parameters.
/// <list type="bullet">
/// <item>Personnel cost: (salary + benefits) × hours in 287(g) duties ÷ 2,080, never more than the quarter's pay (a quarter of the year's).</item>
/// <item>Salary and benefits claimed: the quarter's pay × the share (100%) × the days of the quarter the officer was eligible ÷ its days.</item>
/// <item>Overtime claimed: the overtime paid for 287(g) duties, up to 25% of the annual salary across the fiscal year (what earlier
/// quarters of the same year claimed is taken off), for an officer eligible some day of the quarter.</item>
/// <item>Performance award: the tier of the success rate × the officers eligible on the quarter's last day (Section287 policy: an award
/// is per task force officer, and an officer who left before the quarter closed is no longer one).</item>
/// </list>
/// </summary>
public static class QuarterArithmetic
{
    public static QuarterAmounts Compute(CostQuarter quarter, IReadOnlyList<OfficerCostInput> officers, decimal training, decimal equipment,
        int leadsProvided, int leadsLocated, bool claimable, ReimbursementParameters p)
    {
        var results = new List<OfficerCostResult>();
        foreach (var o in officers)
        {
            var quarterPay = (o.AnnualSalary + o.AnnualBenefits) / 4m;
            var personnel = Math.Min(quarterPay, (o.AnnualSalary + o.AnnualBenefits) * o.Hours / CostRules.FullTimeHours);
            decimal claimPay = 0, claimOvertime = 0;
            if (claimable && o.EligibleDays > 0)
            {
                claimPay = quarterPay * p.SalaryAndBenefitsShare * Math.Min(o.EligibleDays, quarter.Days) / quarter.Days;
                var capLeft = Math.Max(0, o.AnnualSalary * p.OvertimeCapShare - o.OvertimeReimbursedEarlierInFiscalYear);
                claimOvertime = Math.Min(o.Overtime, capLeft);
            }
            results.Add(new OfficerCostResult(o.OfficerId, Cents(personnel), Cents(o.Overtime), Cents(claimPay), Cents(claimOvertime)));
        }
        decimal? rate = leadsProvided > 0 ? Math.Min(1m, (decimal)leadsLocated / leadsProvided) : null;
        var awardOfficers = claimable ? officers.Count(o => o.EligibleOnLastDay) : 0;
        var perOfficer = claimable ? p.AwardPerOfficer(rate) : 0;
        var personnelCost = results.Sum(r => r.PersonnelCost);
        var overtimeCost = results.Sum(r => r.OvertimeCost);
        return new QuarterAmounts(results, personnelCost, overtimeCost, Cents(training), Cents(equipment),
            personnelCost + overtimeCost + Cents(training) + Cents(equipment), rate, awardOfficers, perOfficer,
            results.Sum(r => r.ClaimSalaryBenefits), results.Sum(r => r.ClaimOvertime), Cents(perOfficer * awardOfficers), claimable);
    }

    public static decimal Cents(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
