using System.Globalization;
using System.Text;
using Section287.Features.Agreements;

namespace Section287.Features.Evaluation;

/// <summary>The evaluation as the API and the command line give it, and as CSV: every estimate with its interval, named plainly.</summary>
public static class EvaluationJson
{
    public static object Of(CrimeEvaluationReport r) => new
    {
        outcome = r.Outcome.Code(),
        unit = "crimes known to police per 100,000 residents",
        panel = new { id = r.PanelId, source = r.PanelSource, version = r.PanelVersion, sha256 = r.PanelSha256 },
        method = new
        {
            estimator = "Callaway and Sant'Anna (2021) group-time average treatment effects, never-treated controls, varying base period, no covariates",
            aggregation = "event study weighted by cohort size; overall = cohort effects averaged with cohort-size weights",
            inference = $"county-clustered bootstrap within cohorts, {r.AllCounties.National.Replications} replications, seed {r.AllCounties.National.Seed}, "
                + $"{r.AllCounties.National.Level:P0} percentile intervals, pointwise",
            brokenSeries = $"a year at zero while the county's median year is not, or a year-on-year change by a factor over {SeriesChecks.JumpFactor} "
                + $"of at least {SeriesChecks.MinimumCountChange} crimes",
        },
        design = r.Design,
        allCounties = Run(r.AllCounties),
        withoutFlagged = Run(r.WithoutFlagged),
        flaggedCounties = r.FlaggedCounties,
        computedAt = r.ComputedAt,
    };

    private static object Run(EvaluationRun run) => new
    {
        national = Did(run.National),
        byModel = run.ByModel.ToDictionary(m => m.Key.Code(), m => Did(m.Value)),
        laterCohortsPreTrendOnly = Did(run.Later),
    };

    private static object Did(DidResult d) => new
    {
        years = new { first = d.FirstYear, last = d.LastYear },
        treatedCounties = d.TreatedUnits,
        controlCounties = d.ControlUnits,
        droppedIncomplete = d.DroppedIncomplete,
        overall = d.Overall,
        preTrendAverage = d.PreTrendAverage,
        preTrendExclusions = d.PreTrendExclusions,
        eventStudy = d.EventStudy.Select(e => new { eventTime = e.EventTime, e.Effect, cohorts = e.Cohorts, treatedCounties = e.TreatedUnits }),
        cohorts = d.Cohorts.Select(c => new { cohort = c.Group, counties = c.Units, post = c.Post, postYears = c.PostYears }),
        groupTime = d.Cells.Select(c => new { cohort = c.Group, year = c.Year, baseYear = c.BaseYear, c.Effect }),
    };

    /// <summary>One row per estimate: which set of counties, which analysis, which estimate, the value and its interval.</summary>
    public static string Csv(CrimeEvaluationReport r)
    {
        var csv = new StringBuilder("outcome,counties,analysis,estimate,key,value,standard_error,lower,upper,treated_counties,control_counties\n");
        void Line(string set, string analysis, string estimate, string key, Estimate? e, int treated, int controls)
        {
            if (e is null) return;
            csv.Append(CultureInfo.InvariantCulture,
                $"{r.Outcome.Code()},{set},{analysis},{estimate},{key},{e.Value:R},{e.StandardError:R},{e.Lower:R},{e.Upper:R},{treated},{controls}\n");
        }
        foreach (var (set, run) in new[] { ("all", r.AllCounties), ("without_flagged", r.WithoutFlagged) })
        {
            var analyses = new List<(string, DidResult)> { ("national", run.National), ("later_cohorts", run.Later) };
            analyses.AddRange(run.ByModel.Select(m => ("model_" + m.Key.Code(), m.Value)));
            foreach (var (name, d) in analyses)
            {
                Line(set, name, "overall", "", d.Overall, d.TreatedUnits, d.ControlUnits);
                Line(set, name, "pre_trend_average", "", d.PreTrendAverage, d.TreatedUnits, d.ControlUnits);
                foreach (var e in d.EventStudy) Line(set, name, "event_time", e.EventTime.ToString(CultureInfo.InvariantCulture), e.Effect, e.TreatedUnits, d.ControlUnits);
                foreach (var c in d.Cohorts) Line(set, name, "cohort", c.Group.ToString(CultureInfo.InvariantCulture), c.Post, c.Units, d.ControlUnits);
            }
        }
        return csv.ToString();
    }
}
