using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Evaluation;

public enum CrimeOutcome
{
    /// <summary>Index violent crime (murder, rape, robbery, aggravated assault) per 100,000 residents.</summary>
    Violent,

    /// <summary>Index property crime (burglary, larceny-theft, motor vehicle theft) per 100,000 residents.</summary>
    Property,
}

public static class CrimeOutcomes
{
    public static string Code(this CrimeOutcome outcome) => outcome == CrimeOutcome.Violent ? "violent" : "property";

    public static CrimeOutcome? FromCode(string? code) => code switch
    {
        null or "" or "violent" => CrimeOutcome.Violent,
        "property" => CrimeOutcome.Property,
        _ => null,
    };
}

/// <summary>How the counties of the panel were sorted for the design, and why some were left out.</summary>
public sealed record EvaluationDesign(
    int PanelCounties,
    int TreatedInWindow,
    int TreatedBeforeWindow,
    int TreatedAfterWindow,
    int Controls,
    int ControlsLeftOutStatewide,
    int TreatedNotInPanel,
    int Unplaced,
    int FromMonitorOnly,
    int Flagged,
    IReadOnlyList<string> StatewideStates);

/// <summary>The estimates on one set of counties: the nation, each model, and the cohorts after the panel (pre-trends only).</summary>
public sealed record EvaluationRun(DidResult National, IReadOnlyDictionary<AgreementModel, DidResult> ByModel, DidResult Later);

public sealed record CrimeEvaluationReport(
    Guid PanelId,
    string PanelSource,
    string PanelVersion,
    string PanelSha256,
    CrimeOutcome Outcome,
    EvaluationDesign Design,
    EvaluationRun AllCounties,
    EvaluationRun WithoutFlagged,
    IReadOnlyList<string> FlaggedCounties,
    DateTime ComputedAt);

/// <summary>
/// Did crime change where agreements began? Counties of the newest crime panel, treated from the year their first agreement
/// began (<see cref="Treatment"/>), compared with counties never treated in the panel's years by <see cref="StaggeredDid"/>
/// (Callaway and Sant'Anna, never-treated controls, county-clustered bootstrap, 999 replications, seed 287), for violent or
/// property crime per 100,000 residents:
/// <list type="bullet">
/// <item>Cohorts treated in the panel's first year or before have no pre-period: marked, and kept out of the controls.</item>
/// <item>Cohorts that began after the panel's last year (2025 and later for the 2009–2024 panel) have no post-period: they get
/// pre-trend checks only, against the never-treated counties; they are not used as controls either.</item>
/// <item>A county in a state whose state agency held an agreement in the panel's years is no clean control and is left out.</item>
/// <item>Counties whose series look broken (<see cref="SeriesChecks"/>) are flagged; every result is given with and without them.</item>
/// </list>
/// Computed on the first request for a panel and registry version and kept until either changes.
/// </summary>
public sealed class CrimeEvaluation(AppDbContext db, Treatment treatment, CrimePanels panels, EvaluationCache cache, TimeProvider clock)
{
    /// <summary>The release that puts the evaluation on the public portal (both offices approve it, like a kind of figure).</summary>
    public const string ReleaseKind = "crime-evaluation";

    public Task<bool> ReleasedAsync(CancellationToken ct) =>
        db.ReleaseRequests.AsNoTracking().AnyAsync(r => r.Kind == ReleaseKind && r.Status == Transparency.ReleaseStatus.Approved, ct);

    public async Task<Result<CrimeEvaluationReport>> RunAsync(CrimeOutcome outcome, CancellationToken ct)
    {
        var panel = await panels.NewestAsync(ct);
        if (panel is null)
            return Error.NotFound("evaluation.no_panel", "No crime panel has been imported; the evaluation needs one (import-crime-panel).");
        var registry = await PublicVersions.ReadAsync(db, PublicVersions.Registry, ct);
        var key = $"{panel.Id}:{registry}:{outcome.Code()}";
        return await cache.GetAsync(key, () => ComputeAsync(panel, outcome, ct));
    }

    private async Task<CrimeEvaluationReport> ComputeAsync(CrimePanel panel, CrimeOutcome outcome, CancellationToken ct)
    {
        var assignment = await treatment.AssignAsync(ct);
        var rows = await db.CountyCrimeYears.AsNoTracking().Where(r => r.PanelId == panel.Id).ToListAsync(ct);
        return Compute(panel, rows, assignment, outcome, clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>The evaluation of one outcome from a panel's rows and a treatment assignment (no database: the benchmark calls it too).</summary>
    public static CrimeEvaluationReport Compute(CrimePanel panel, IEnumerable<CountyCrimeYear> rows, TreatmentAssignment assignment,
        CrimeOutcome outcome, DateTime now)
    {
        var (first, last) = (panel.FirstYear, panel.LastYear);
        var years = last - first + 1;
        var series = new SortedDictionary<string, (double[] Rate, double[] Population)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.Year < first || r.Year > last) continue;
            if (!series.TryGetValue(r.CountyFips, out var s))
                series[r.CountyFips] = s = (Enumerable.Repeat(double.NaN, years).ToArray(), Enumerable.Repeat(double.NaN, years).ToArray());
            s.Rate[r.Year - first] = (outcome == CrimeOutcome.Violent ? r.ViolentRate : r.PropertyRate) ?? double.NaN;
            s.Population[r.Year - first] = r.Population ?? double.NaN;
        }

        var statewide = assignment.StatewideByState.Values.Where(s => s.Start.Year <= last).Select(s => s.State).ToHashSet(StringComparer.Ordinal);
        var statesByFips = Data.Reference.ReferenceData.Bundled.States.ToDictionary(x => x.Fips, StringComparer.Ordinal);
        var flagged = series.Where(s => SeriesChecks.LooksBroken(s.Value.Rate, s.Value.Population)).Select(s => s.Key).ToHashSet(StringComparer.Ordinal);

        var window = new List<(PanelUnit Unit, AgreementModel Model)>();
        var later = new List<PanelUnit>();
        var controls = new List<PanelUnit>();
        int before = 0, leftOut = 0;
        foreach (var (fips, s) in series)
        {
            if (assignment.Counties.TryGetValue(fips, out var treated))
            {
                var unit = new PanelUnit(fips, treated.Year, s.Rate);
                if (treated.Year <= first) before++;
                else if (treated.Year <= last) window.Add((unit, treated.Model));
                else later.Add(unit);
            }
            else if (statesByFips.GetValueOrDefault(fips[..2]) is { } state && statewide.Contains(state.Code)) leftOut++;
            else controls.Add(new PanelUnit(fips, null, s.Rate));
        }

        EvaluationRun Run(Func<PanelUnit, bool> keep)
        {
            var kept = controls.Where(keep).ToList();
            var national = StaggeredDid.Run(window.Where(w => keep(w.Unit)).Select(w => w.Unit).Concat(kept).ToList(), first, last);
            var byModel = Enum.GetValues<AgreementModel>()
                .Select(m => (Model: m, Units: window.Where(w => w.Model == m && keep(w.Unit)).Select(w => w.Unit).ToList()))
                .Where(m => m.Units.Count > 0)
                .ToDictionary(m => m.Model, m => StaggeredDid.Run(m.Units.Concat(kept).ToList(), first, last));
            var laterRun = StaggeredDid.Run(later.Where(keep).Concat(kept).ToList(), first, last);
            return new EvaluationRun(national, byModel, laterRun);
        }

        var design = new EvaluationDesign(series.Count, window.Count, before, later.Count, controls.Count, leftOut,
            assignment.Counties.Keys.Count(k => !series.ContainsKey(k)), assignment.Unplaced, assignment.FromMonitorOnly, flagged.Count,
            statewide.Order(StringComparer.Ordinal).ToList());
        return new CrimeEvaluationReport(panel.Id, panel.Source, panel.Version, panel.Sha256, outcome, design,
            Run(_ => true), Run(u => !flagged.Contains(u.Id)), flagged.Order(StringComparer.Ordinal).ToList(), now);
    }
}

/// <summary>
/// Checks a county's series for the breaks the panel's own notes warn of (agencies that stopped reporting, notably when the FBI
/// moved to NIBRS in 2021): a year at zero while the county's typical (median) year is not, or a rate that triples or falls below
/// a third from one year to the next by at least 10 crimes (so that a small county's 2 to 7 robberies is not a break).
/// </summary>
public static class SeriesChecks
{
    public const double JumpFactor = 3.0;
    public const double MinimumCountChange = 10;

    public static bool LooksBroken(double[] rate, double[] population)
    {
        var known = rate.Where(double.IsFinite).Order().ToArray();
        if (known.Length == 0) return false;
        var median = known.Length % 2 == 1 ? known[known.Length / 2] : (known[known.Length / 2 - 1] + known[known.Length / 2]) / 2;
        for (var t = 0; t < rate.Length; t++)
        {
            if (!double.IsFinite(rate[t])) continue;
            if (rate[t] == 0 && median > 0) return true;
            if (t == 0 || !double.IsFinite(rate[t - 1]) || rate[t - 1] <= 0 || rate[t] <= 0) continue;
            var ratio = rate[t] / rate[t - 1];
            var change = Math.Abs(rate[t] * Population(population, t) - rate[t - 1] * Population(population, t - 1)) / 100_000;
            if ((ratio > JumpFactor || ratio < 1 / JumpFactor) && change >= MinimumCountChange) return true;
        }
        return false;
    }

    private static double Population(double[] population, int t) => double.IsFinite(population[t]) ? population[t] : 0;
}

/// <summary>Evaluations kept per panel, registry version and outcome (a few at a time; a new registry version replaces them).</summary>
public sealed class EvaluationCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CrimeEvaluationReport>>> entries = new(StringComparer.Ordinal);

    public async Task<Result<CrimeEvaluationReport>> GetAsync(string key, Func<Task<CrimeEvaluationReport>> compute)
    {
        // Only this key's panel and registry version are worth keeping: older versions go when a newer one is asked for.
        var prefix = key[..key.LastIndexOf(':')];
        foreach (var old in entries.Keys.Where(k => !k.StartsWith(prefix + ":", StringComparison.Ordinal))) entries.TryRemove(old, out _);
        var lazy = entries.GetOrAdd(key, _ => new Lazy<Task<CrimeEvaluationReport>>(compute));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            entries.TryRemove(key, out _);
            throw;
        }
    }
}
