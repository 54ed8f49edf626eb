namespace Section287.Features.Evaluation;

/// <summary>
/// One unit of a yearly panel (a county): the first year it was treated (null when it is a control), and its outcome per
/// year from <see cref="StaggeredDid.Run"/>'s first year (NaN where the year is missing).
/// </summary>
public sealed record PanelUnit(string Id, int? Group, double[] Outcome);

/// <summary>A point estimate with its bootstrap standard error and percentile interval.</summary>
public sealed record Estimate(double Value, double StandardError, double Lower, double Upper)
{
    /// <summary>Whether the interval leaves zero out: the estimate is distinguishable from no effect at the stated level.</summary>
    public bool ExcludesZero => Lower > 0 || Upper < 0;
}

/// <summary>ATT(g, t): the effect in year t on the counties first treated in year g.</summary>
public sealed record GroupTimeEffect(int Group, int Year, int BaseYear, Estimate Effect, int TreatedUnits);

/// <summary>The effect e years after (e ≥ 0) or before (e &lt; 0) treatment began, averaged over the cohorts that reach e.</summary>
public sealed record EventTimeEffect(int EventTime, Estimate Effect, int Cohorts, int TreatedUnits);

/// <summary>One cohort (the counties first treated in one year): its average effect over its post-period years, if it has any.</summary>
public sealed record CohortEffect(int Group, int Units, Estimate? Post, int PostYears);

public sealed record DidResult(
    int FirstYear,
    int LastYear,
    int TreatedUnits,
    int ControlUnits,
    int DroppedIncomplete,
    int DroppedTreatedBeforeWindow,
    IReadOnlyList<GroupTimeEffect> Cells,
    IReadOnlyList<EventTimeEffect> EventStudy,
    IReadOnlyList<CohortEffect> Cohorts,
    Estimate? Overall,
    Estimate? PreTrendAverage,
    int Replications,
    int Seed,
    double Level)
{
    /// <summary>The pre-period event times whose interval leaves zero out.</summary>
    public IReadOnlyList<int> PreTrendExclusions =>
        EventStudy.Where(e => e.EventTime < 0 && e.Effect.ExcludesZero).Select(e => e.EventTime).ToList();
}

/// <summary>
/// Callaway and Sant'Anna's difference-in-differences for staggered adoption ("Difference-in-Differences with multiple time
/// periods", Journal of Econometrics 225(2), 2021), unconditional (no covariates), with never-treated units as the comparison
/// group — the estimator of the R package <c>did</c> with <c>control_group = "nevertreated"</c> and
/// <c>base_period = "varying"</c>:
/// <list type="bullet">
/// <item>ATT(g, t) = mean over cohort g of (Y_t − Y_b) minus the same mean over the controls, where the base year b is g − 1
/// for t ≥ g (the last year before treatment) and t − 1 for t &lt; g (so pre-period cells are year-on-year placebo effects);</item>
/// <item>the event study θ(e) averages ATT(g, g + e) over the cohorts observed at e, weighted by cohort size;</item>
/// <item>each cohort's effect θ(g) averages its post-period cells, and the overall effect averages θ(g) weighted by cohort
/// size (the package's <c>aggte(type = "group")</c> summary, which its authors recommend as the single number);</item>
/// <item>the pre-trend average is the mean of θ(e) over e &lt; 0.</item>
/// </list>
/// Inference: a unit-clustered (county-clustered) nonparametric bootstrap, resampling whole units with replacement within
/// each cohort and within the controls (so each unit's whole series travels together, and cohort sizes — the aggregation
/// weights — stay fixed), with a seeded generator so the same data and seed give the same intervals; intervals are
/// percentile intervals at the stated level, pointwise. The panel must be balanced: a unit missing any year is dropped and
/// counted, as the package does for panel data. Units treated in or before the first year have no pre-period and are
/// dropped and counted.
/// </summary>
public static class StaggeredDid
{
    public const int DefaultReplications = 999;
    public const int DefaultSeed = 287;

    public static DidResult Run(IReadOnlyList<PanelUnit> units, int firstYear, int lastYear,
        int replications = DefaultReplications, int seed = DefaultSeed, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lastYear, firstYear + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replications, 19);
        var years = lastYear - firstYear + 1;

        var complete = units.Where(u => u.Outcome.Length >= years && u.Outcome.Take(years).All(double.IsFinite)).ToList();
        var droppedIncomplete = units.Count - complete.Count;
        var droppedEarly = complete.Count(u => u.Group <= firstYear);
        var controls = complete.Where(u => u.Group is null).ToArray();
        var cohorts = complete.Where(u => u.Group > firstYear).GroupBy(u => u.Group!.Value).OrderBy(g => g.Key)
            .Select(g => (Group: g.Key, Units: g.ToArray())).ToArray();

        // The cells: every (g, t) with a base year in the panel.
        var cells = new List<(int G, int Cohort, int T, int B)>();
        for (var c = 0; c < cohorts.Length; c++)
        {
            var g = cohorts[c].Group;
            for (var t = firstYear + 1; t <= lastYear; t++)
                cells.Add((g, c, t, t >= g ? g - 1 : t - 1));
        }
        var eventTimes = cells.Select(x => x.T - x.G).Distinct().Order().ToArray();

        if (controls.Length == 0 || cohorts.Length == 0)
            return new DidResult(firstYear, lastYear, cohorts.Sum(c => c.Units.Length), controls.Length, droppedIncomplete, droppedEarly,
                [], [], cohorts.Select(c => new CohortEffect(c.Group, c.Units.Length, null, 0)).ToList(), null, null, replications, seed, level);

        // Statistics in a fixed order: cells, then event times, then cohorts' post averages, then overall, then pre average.
        double[] Statistics(double[][] cohortSums, double[] controlSums)
        {
            var att = new double[cells.Count];
            for (var k = 0; k < cells.Count; k++)
            {
                var (g, c, t, b) = cells[k];
                var n = cohorts[c].Units.Length;
                att[k] = (cohortSums[c][t - firstYear] - cohortSums[c][b - firstYear]) / n
                    - (controlSums[t - firstYear] - controlSums[b - firstYear]) / controls.Length;
            }
            var stats = new List<double>(att);
            foreach (var e in eventTimes)
            {
                double sum = 0, weight = 0;
                for (var k = 0; k < cells.Count; k++)
                    if (cells[k].T - cells[k].G == e) { var n = cohorts[cells[k].Cohort].Units.Length; sum += n * att[k]; weight += n; }
                stats.Add(sum / weight);
            }
            double overall = 0, overallWeight = 0;
            for (var c = 0; c < cohorts.Length; c++)
            {
                double sum = 0; var count = 0;
                for (var k = 0; k < cells.Count; k++)
                    if (cells[k].Cohort == c && cells[k].T >= cells[k].G) { sum += att[k]; count++; }
                var post = count == 0 ? double.NaN : sum / count;
                stats.Add(post);
                if (count > 0) { overall += cohorts[c].Units.Length * post; overallWeight += cohorts[c].Units.Length; }
            }
            stats.Add(overallWeight == 0 ? double.NaN : overall / overallWeight);
            var pre = eventTimes.Select((e, i) => (e, i)).Where(x => x.e < 0).Select(x => stats[cells.Count + x.i]).ToList();
            stats.Add(pre.Count == 0 ? double.NaN : pre.Average());
            return stats.ToArray();
        }

        double[] Sums(PanelUnit[] group, int[]? draw)
        {
            var sums = new double[years];
            if (draw is null)
                foreach (var u in group) for (var y = 0; y < years; y++) sums[y] += u.Outcome[y];
            else
                foreach (var i in draw) for (var y = 0; y < years; y++) sums[y] += group[i].Outcome[y];
            return sums;
        }

        var point = Statistics(cohorts.Select(c => Sums(c.Units, null)).ToArray(), Sums(controls, null));

        var random = new Random(seed);
        var replicates = new double[replications][];
        int[] Draw(int n) { var d = new int[n]; for (var i = 0; i < n; i++) d[i] = random.Next(n); return d; }
        for (var r = 0; r < replications; r++)
        {
            var cohortSums = cohorts.Select(c => Sums(c.Units, Draw(c.Units.Length))).ToArray();
            replicates[r] = Statistics(cohortSums, Sums(controls, Draw(controls.Length)));
        }

        var alpha = (1 - level) / 2;
        Estimate? At(int index)
        {
            if (!double.IsFinite(point[index])) return null;
            var values = replicates.Select(r => r[index]).Where(double.IsFinite).Order().ToArray();
            var mean = values.Average();
            var se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            return new Estimate(point[index], se, Quantile(values, alpha), Quantile(values, 1 - alpha));
        }

        var cellEffects = cells.Select((x, k) => new GroupTimeEffect(x.G, x.T, x.B, At(k)!, cohorts[x.Cohort].Units.Length)).ToList();
        var events = eventTimes.Select((e, i) =>
        {
            var reaching = cells.Where(x => x.T - x.G == e).Select(x => x.Cohort).Distinct().ToList();
            return new EventTimeEffect(e, At(cells.Count + i)!, reaching.Count, reaching.Sum(c => cohorts[c].Units.Length));
        }).ToList();
        var offset = cells.Count + eventTimes.Length;
        var cohortEffects = cohorts.Select((c, i) =>
            new CohortEffect(c.Group, c.Units.Length, At(offset + i), cells.Count(x => x.Cohort == i && x.T >= x.G))).ToList();
        offset += cohorts.Length;
        return new DidResult(firstYear, lastYear, cohorts.Sum(c => c.Units.Length), controls.Length, droppedIncomplete, droppedEarly,
            cellEffects, events, cohortEffects, At(offset), At(offset + 1), replications, seed, level);
    }

    /// <summary>The type-7 quantile (R's default) of sorted values.</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
