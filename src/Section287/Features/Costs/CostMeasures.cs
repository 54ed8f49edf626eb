using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Costs;

/// <summary>An agency's operating budget and population served in LEMAS 2020, by ORI (bundled <c>lemas2020_budget_by_ori.csv</c>).</summary>
public sealed record AgencyBudget(string Ori, string Name, decimal OperatingBudget, int? Population);

public static class LemasBudgets
{
    public const string FileName = "lemas2020_budget_by_ori.csv";
    public const int Year = 2020;

    private static readonly Lazy<IReadOnlyDictionary<string, AgencyBudget>> All = new(() => Read(ReferenceData.OpenBundled(FileName)));

    public static AgencyBudget? Of(string? ori) => ori is { Length: > 0 } o ? All.Value.GetValueOrDefault(o.Trim().ToUpperInvariant()) : null;

    public static int Count => All.Value.Count;

    /// <summary>Rows with a real ORI and a budget; "NA" and the file's "-1" placeholders are left out.</summary>
    public static IReadOnlyDictionary<string, AgencyBudget> Read(Stream stream)
    {
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        var rows = new Dictionary<string, AgencyBudget>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var f = CsvLine.Split(line);
            if (f.Length < 5 || f[0].Length != 9) continue;
            if (!decimal.TryParse(f[4], NumberStyles.Number, CultureInfo.InvariantCulture, out var budget) || budget <= 0) continue;
            rows[f[0].ToUpperInvariant()] = new AgencyBudget(f[0].ToUpperInvariant(), f[1], budget,
                int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop) ? pop : null);
        }
        return rows;
    }
}

/// <summary>
/// An agency's costs over the quarters it sent: what the work cost (gross), what ICE paid, what is left to the agency (net), per
/// encounter and per detainer issued under its agreements in those quarters, and the last four quarters' net cost as a share of its
/// LEMAS 2020 operating budget where LEMAS has the agency. Officers counts the distinct officers on those quarters.
/// </summary>
public sealed record AgencyCostSummary(Guid AgencyId, string Agency, string State, string? Ori, int Quarters, string? FirstQuarter, string? LastQuarter,
    int Officers, decimal GrossCost, decimal Claimed, decimal Approved, decimal Paid, decimal NetCost, int Encounters, int Detainers, decimal? PerEncounter,
    decimal? PerDetainer, decimal? YearNetCost, decimal? OperatingBudget, decimal? BudgetShare);

/// <summary>An agency's row on the public portal: the money is null where it is withheld (fewer than three officers).</summary>
public sealed record PublicAgencyCosts(string Agency, string State, string? Ori, int Quarters, string? FirstQuarter, string? LastQuarter, int Encounters,
    int Detainers, decimal? GrossCost, decimal? Paid, decimal? NetCost, decimal? PerEncounter, decimal? PerDetainer, decimal? YearNetCost,
    decimal? OperatingBudget, decimal? BudgetShare, bool Withheld)
{
    public static PublicAgencyCosts Of(AgencyCostSummary s, int minOfficers) => s.Officers >= minOfficers
        ? new(s.Agency, s.State, s.Ori, s.Quarters, s.FirstQuarter, s.LastQuarter, s.Encounters, s.Detainers, s.GrossCost, s.Paid, s.NetCost,
            s.PerEncounter, s.PerDetainer, s.YearNetCost, s.OperatingBudget, s.BudgetShare, false)
        : new(s.Agency, s.State, s.Ori, s.Quarters, s.FirstQuarter, s.LastQuarter, s.Encounters, s.Detainers, null, null, null, null, null, null,
            s.OperatingBudget, null, true);
}

public sealed record NationalCosts(IReadOnlyList<PublicAgencyCosts> Agencies, int AgenciesReporting, int Quarters, decimal GrossCost, decimal Paid,
    decimal NetCost, int Encounters, int Detainers, decimal? PerEncounter, decimal? PerDetainer, int Suppressed, int K);

public sealed class CostMeasures(AppDbContext db)
{
    public const string ReleaseKind = "agreement-costs";

    /// <summary>
    /// Section287 policy: an agency's money is published only when its quarters name at least three officers, so that no officer's
    /// pay can be read from its total. The national totals include every agency.
    /// </summary>
    public const int MinOfficers = 3;

    private static readonly QuarterCostStatus[] Sent =
        [QuarterCostStatus.Submitted, QuarterCostStatus.Approved, QuarterCostStatus.Paid, QuarterCostStatus.Reported];

    public Task<bool> ReleasedAsync(CancellationToken ct) =>
        db.ReleaseRequests.AsNoTracking().AnyAsync(r => r.Kind == ReleaseKind && r.Status == Transparency.ReleaseStatus.Approved, ct);

    public async Task<Result<AgencyCostSummary>> ForAgencyAsync(Guid agencyId, Actor actor, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return AgencyErrors.NotFound;
        if (!CostWorkflow.Reads(actor.Role)) return CostWorkflow.WhoReads;
        return (await SummariesAsync([agencyId], ct)).Single();
    }

    /// <summary>Every agency that sent a quarter, for the public portal: read in the system's scope, money withheld below three officers.</summary>
    public async Task<NationalCosts> NationalAsync(CancellationToken ct)
    {
        db.Scope.Become(AccessScope.System());
        var ids = await db.QuarterCosts.AsNoTracking().Where(q => Sent.Contains(q.Status)).Select(q => q.AgencyId).Distinct().ToListAsync(ct);
        var all = await SummariesAsync(ids, ct);
        var shown = all.Select(s => PublicAgencyCosts.Of(s, MinOfficers))
            .OrderBy(s => s.State, StringComparer.Ordinal).ThenBy(s => s.Agency, StringComparer.Ordinal).ToList();
        var gross = all.Sum(s => s.GrossCost);
        var encounters = all.Sum(s => s.Encounters);
        var detainers = all.Sum(s => s.Detainers);
        return new NationalCosts(shown, all.Count, all.Sum(s => s.Quarters), gross, all.Sum(s => s.Paid), all.Sum(s => s.NetCost), encounters, detainers,
            encounters > 0 ? Round(gross / encounters) : null, detainers > 0 ? Round(gross / detainers) : null, shown.Count(s => s.Withheld), MinOfficers);
    }

    /// <summary>One agency's row for its public page: null before the release or when it has sent no quarter.</summary>
    public async Task<PublicAgencyCosts?> PublicForAgencyAsync(Guid agencyId, CancellationToken ct)
    {
        if (!await ReleasedAsync(ct)) return null;
        db.Scope.Become(AccessScope.System());
        if (!await db.QuarterCosts.AnyAsync(q => q.AgencyId == agencyId && Sent.Contains(q.Status), ct)) return null;
        return PublicAgencyCosts.Of((await SummariesAsync([agencyId], ct)).Single(), MinOfficers);
    }

    private async Task<List<AgencyCostSummary>> SummariesAsync(IReadOnlyCollection<Guid> agencyIds, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.State, a.Ori, a.TimeZone }).ToListAsync(ct);
        var quarters = await db.QuarterCosts.AsNoTracking().Include(q => q.Lines).Where(q => agencyIds.Contains(q.AgencyId) && Sent.Contains(q.Status))
            .ToListAsync(ct);
        var result = new List<AgencyCostSummary>();
        foreach (var agency in agencies)
        {
            var mine = quarters.Where(q => q.AgencyId == agency.Id).OrderBy(q => q.Year).ThenBy(q => q.Quarter).ToList();
            var zone = UsTimeZones.Find(agency.TimeZone);
            int encounters = 0, detainers = 0;
            foreach (var q in mine)
            {
                var start = ZonedTime.StartOfDayUtc(q.Period.First, zone);
                var until = ZonedTime.StartOfDayUtc(q.Period.Last.AddDays(1), zone);
                encounters += await db.Encounters.AsNoTracking().CountAsync(e => e.AgreementId == q.AgreementId && e.OccurredAt >= start && e.OccurredAt < until, ct);
                detainers += await (from ev in db.EncounterEvents.AsNoTracking()
                                    join e in db.Encounters on ev.EncounterId equals e.Id
                                    where e.AgreementId == q.AgreementId && ev.Kind == "detainer.issued" && ev.At >= start && ev.At < until
                                    select ev.Id).CountAsync(ct);
            }
            var gross = mine.Sum(q => q.GrossCost);
            var paid = mine.Sum(q => q.PaidAmount ?? 0);
            // The newest four quarters reported (any of the agency's agreements), their net cost made a year's.
            var lastFour = mine.Select(q => q.Period).Distinct().OrderByDescending(p => p.Year).ThenByDescending(p => p.Number).Take(4).ToHashSet();
            decimal? yearNet = lastFour.Count == 0 ? null
                : Round(mine.Where(q => lastFour.Contains(q.Period)).Sum(q => q.GrossCost - (q.PaidAmount ?? 0)) * 4m / lastFour.Count);
            var budget = LemasBudgets.Of(agency.Ori);
            result.Add(new AgencyCostSummary(agency.Id, agency.Name, agency.State, agency.Ori, mine.Count, mine.FirstOrDefault()?.Period.Code,
                mine.LastOrDefault()?.Period.Code, mine.SelectMany(q => q.Lines).Select(l => l.OfficerId).Distinct().Count(), gross,
                mine.Where(q => q.Claimable).Sum(q => q.ClaimTotal), mine.Sum(q => q.ApprovedAmount ?? 0), paid, gross - paid, encounters, detainers,
                encounters > 0 ? Round(gross / encounters) : null, detainers > 0 ? Round(gross / detainers) : null, yearNet, budget?.OperatingBudget,
                (yearNet is { } y && budget is { } b) ? Math.Round(y / b.OperatingBudget, 6) : null));
        }
        return result;
    }

    private static decimal Round(decimal d) => QuarterArithmetic.Cents(d);

    public static string Csv(NationalCosts n)
    {
        var sb = new StringBuilder("state,agency,ori,quarters,first_quarter,last_quarter,encounters,detainers,gross_cost,paid,net_cost,cost_per_encounter,cost_per_detainer,year_net_cost,lemas2020_operating_budget,budget_share,withheld\n");
        static string M(decimal? d) => d is null ? "" : d.Value.ToString("0.00", CultureInfo.InvariantCulture);
        foreach (var s in n.Agencies)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{s.State},{TableFile.Field(s.Agency)},{s.Ori},{s.Quarters},{s.FirstQuarter},{s.LastQuarter},{s.Encounters},{s.Detainers},{M(s.GrossCost)},{M(s.Paid)},{M(s.NetCost)},{M(s.PerEncounter)},{M(s.PerDetainer)},{M(s.YearNetCost)},{s.OperatingBudget?.ToString("0", CultureInfo.InvariantCulture)},{s.BudgetShare?.ToString("0.000000", CultureInfo.InvariantCulture)},{(s.Withheld ? "fewer than 3 officers" : "")}\n");
        }
        return sb.ToString();
    }
}
