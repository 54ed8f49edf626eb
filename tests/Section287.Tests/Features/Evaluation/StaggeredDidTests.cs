using Section287.Features.Evaluation;

namespace Section287.Tests.Features.Evaluation;

/// <summary>
/// The staggered difference-in-differences estimator on simulated panels whose effect is known: no effect, a constant
/// effect, effects that differ by cohort and grow with time since treatment. Treated counties sit at other levels than the
/// controls and every year moves all counties alike (the parallel trends the method assumes), so a plain before-after or
/// treated-versus-control comparison would be wrong and only the method gets it right. Each interval must hold the true
/// effect at about its stated rate (95%): over many simulated panels, at least 88% of the time (a binomial allowance of
/// three standard errors for 100 panels).
/// </summary>
public sealed class StaggeredDidTests
{
    private const int First = 2009, Last = 2020;

    /// <summary>A panel: county fixed effects (treated counties higher), a common year effect, noise, and the given effect.</summary>
    private static List<PanelUnit> Simulate(Random random, Func<int, int, double> effect, int controls = 150, int perCohort = 40,
        int[]? cohorts = null)
    {
        cohorts ??= [2012, 2015, 2018];
        var yearEffect = Enumerable.Range(0, Last - First + 1).Select(_ => Normal(random) * 20).ToArray();
        var units = new List<PanelUnit>();
        PanelUnit Unit(string id, int? g)
        {
            var level = 300 + (g is null ? 0 : 150) + Normal(random) * 60;
            var y = new double[Last - First + 1];
            for (var t = 0; t < y.Length; t++)
            {
                var year = First + t;
                y[t] = level + yearEffect[t] + 3 * t + Normal(random) * 15 + (g is { } gg && year >= gg ? effect(gg, year - gg) : 0);
            }
            return new PanelUnit(id, g, y);
        }
        for (var i = 0; i < controls; i++) units.Add(Unit($"c{i}", null));
        foreach (var g in cohorts)
            for (var i = 0; i < perCohort; i++) units.Add(Unit($"{g}-{i}", g));
        return units;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>The true overall effect: each cohort's mean effect over its post years, averaged with cohort-size weights.</summary>
    private static double TrueOverall(Func<int, int, double> effect, int[] cohorts) =>
        cohorts.Average(g => Enumerable.Range(g, Last - g + 1).Average(year => effect(g, year - g)));

    /// <summary>
    /// How often the overall interval holds the truth over many panels, the mean error, and the ratio of the bootstrap's
    /// standard error to the estimate's real spread across panels (near 1 when the intervals are neither too wide nor too narrow).
    /// </summary>
    private static (int Covered, double MeanError, double SeRatio) Coverage(Func<int, int, double> effect, int panels, int seed)
    {
        var random = new Random(seed);
        int[] cohorts = [2012, 2015, 2018];
        var truth = TrueOverall(effect, cohorts);
        var covered = 0;
        double error = 0;
        var estimates = new List<double>();
        var errors = new List<double>();
        for (var p = 0; p < panels; p++)
        {
            var result = StaggeredDid.Run(Simulate(random, effect, cohorts: cohorts), First, Last, replications: 199, seed: p + 1);
            var overall = result.Overall!;
            if (overall.Lower <= truth && truth <= overall.Upper) covered++;
            error += overall.Value - truth;
            estimates.Add(overall.Value);
            errors.Add(overall.StandardError);
        }
        var mean = estimates.Average();
        var spread = Math.Sqrt(estimates.Sum(v => (v - mean) * (v - mean)) / (panels - 1));
        return (covered, error / panels, errors.Average() / spread);
    }

    [Fact]
    public void With_no_effect_the_interval_holds_zero_at_its_stated_rate()
    {
        var (covered, meanError, seRatio) = Coverage((_, _) => 0, panels: 100, seed: 11);
        Assert.InRange(covered, 88, 100);
        Assert.InRange(seRatio, 0.75, 1.33);
        Assert.InRange(meanError, -2, 2);
    }

    [Fact]
    public void A_constant_effect_is_recovered_within_its_interval_at_the_stated_rate()
    {
        var (covered, meanError, seRatio) = Coverage((_, _) => -40, panels: 100, seed: 12);
        Assert.InRange(covered, 88, 100);
        Assert.InRange(seRatio, 0.75, 1.33);
        Assert.InRange(meanError, -2, 2);
    }

    [Fact]
    public void Effects_that_differ_by_cohort_and_grow_with_time_are_recovered_cohort_by_cohort_and_by_event_time()
    {
        static double Effect(int g, int e) => (g == 2012 ? -10 : g == 2015 ? -30 : -60) - 5 * e;
        var (covered, meanError, seRatio) = Coverage(Effect, panels: 100, seed: 13);
        Assert.InRange(covered, 88, 100);
        Assert.InRange(seRatio, 0.75, 1.33);
        Assert.InRange(meanError, -2, 2);

        // One large panel: each cohort's effect and each event time's, against their true values.
        var result = StaggeredDid.Run(Simulate(new Random(5), Effect, controls: 800, perCohort: 300), First, Last, replications: 299);
        foreach (var cohort in result.Cohorts)
        {
            var truth = Enumerable.Range(cohort.Group, Last - cohort.Group + 1).Average(year => Effect(cohort.Group, year - cohort.Group));
            Assert.InRange(truth, cohort.Post!.Lower - 1, cohort.Post.Upper + 1);
            Assert.Equal(Last - cohort.Group + 1, cohort.PostYears);
        }
        foreach (var e in result.EventStudy.Where(e => e.EventTime >= 0))
        {
            var reaching = new[] { 2012, 2015, 2018 }.Where(g => g + e.EventTime <= Last).ToArray();
            Assert.Equal(reaching.Length, e.Cohorts);
            var truth = reaching.Average(g => Effect(g, e.EventTime));
            Assert.InRange(truth, e.Effect.Lower - 2, e.Effect.Upper + 2);
        }
        // Parallel trends hold in the simulation: the pre-period placebo effects are about zero.
        Assert.InRange(result.PreTrendAverage!.Value, -3, 3);
        Assert.True(result.PreTrendAverage.Lower <= 0 && 0 <= result.PreTrendAverage.Upper);
    }

    [Fact]
    public void Each_group_time_effect_is_the_difference_of_mean_changes_from_the_right_base_year()
    {
        // Two years before and after for one cohort of two counties and two controls, small enough to follow by hand.
        var units = new List<PanelUnit>
        {
            new("a", 2011, [10, 12, 20, 25]),
            new("b", 2011, [30, 31, 36, 44]),
            new("x", null, [50, 51, 53, 54]),
            new("y", null, [70, 73, 74, 77]),
        };
        var result = StaggeredDid.Run(units, 2009, 2012, replications: 99);
        double Change(string id, int t, int b) { var u = units.Single(u => u.Id == id); return u.Outcome[t - 2009] - u.Outcome[b - 2009]; }
        double Att(int t, int b) => (Change("a", t, b) + Change("b", t, b)) / 2 - (Change("x", t, b) + Change("y", t, b)) / 2;

        var cell2010 = result.Cells.Single(c => c.Year == 2010);
        Assert.Equal(2009, cell2010.BaseYear);                   // pre-period: the year before
        Assert.Equal(Att(2010, 2009), cell2010.Effect.Value, 10);
        var cell2012 = result.Cells.Single(c => c.Year == 2012);
        Assert.Equal(2010, cell2012.BaseYear);                   // post-period: the last year before treatment
        Assert.Equal(Att(2012, 2010), cell2012.Effect.Value, 10);
        Assert.Equal((Att(2011, 2010) + Att(2012, 2010)) / 2, result.Overall!.Value, 10);
        Assert.Equal(Att(2010, 2009), result.PreTrendAverage!.Value, 10);
    }

    [Fact]
    public void A_cohort_that_diverged_before_treatment_shows_in_the_pre_trend()
    {
        var random = new Random(21);
        var units = Simulate(random, (_, _) => 0, controls: 300, perCohort: 100);
        // The 2018 cohort's crime was already falling by 10 a year before it was treated.
        units = units.Select(u => u.Group == 2018 ? u with { Outcome = u.Outcome.Select((v, t) => v - 10 * t).ToArray() } : u).ToList();
        var result = StaggeredDid.Run(units, First, Last, replications: 199);
        Assert.NotEmpty(result.PreTrendExclusions);
        Assert.True(result.PreTrendAverage!.Upper < 0);
    }

    [Fact]
    public void A_cohort_treated_after_the_panel_gets_pre_period_checks_only()
    {
        var units = Simulate(new Random(3), (_, _) => 0, cohorts: [2022]);
        var result = StaggeredDid.Run(units, First, Last, replications: 99);
        var cohort = Assert.Single(result.Cohorts);
        Assert.Null(cohort.Post);
        Assert.Equal(0, cohort.PostYears);
        Assert.Null(result.Overall);
        Assert.All(result.EventStudy, e => Assert.True(e.EventTime < 0));
        Assert.NotNull(result.PreTrendAverage);
    }

    [Fact]
    public void The_bootstrap_is_reproducible_from_its_seed_and_differs_with_another()
    {
        var units = Simulate(new Random(8), (_, e) => -20);
        var one = StaggeredDid.Run(units, First, Last, replications: 199, seed: 42);
        var again = StaggeredDid.Run(units, First, Last, replications: 199, seed: 42);
        var other = StaggeredDid.Run(units, First, Last, replications: 199, seed: 43);
        Assert.Equal(one.Overall, again.Overall);
        Assert.Equal(one.Overall!.Value, other.Overall!.Value);          // the estimate does not depend on the seed
        Assert.NotEqual(one.Overall.Lower, other.Overall.Lower);         // its interval does
    }

    [Fact]
    public void Units_missing_a_year_or_treated_before_the_panel_are_dropped_and_counted()
    {
        var units = Simulate(new Random(4), (_, _) => 0);
        var broken = units[0].Outcome.ToArray();
        broken[3] = double.NaN;
        units[0] = units[0] with { Outcome = broken };
        units.Add(new PanelUnit("old", First, units[1].Outcome));
        var result = StaggeredDid.Run(units, First, Last, replications: 99);
        Assert.Equal(1, result.DroppedIncomplete);
        Assert.Equal(1, result.DroppedTreatedBeforeWindow);
        Assert.Equal(149, result.ControlUnits);
        Assert.Equal(120, result.TreatedUnits);
    }
}
