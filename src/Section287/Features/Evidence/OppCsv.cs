using System.Globalization;
using System.Text;

namespace Section287.Features.Evidence;

/// <summary>Every figure of an analysis as one long table (test, stage, group, measure, value), then the decision log.</summary>
public static class OppCsv
{
    public static string Figures(OppResult r)
    {
        var s = new StringBuilder("test,stage,group,measure,value\n");
        void Row(string test, string stage, string group, string measure, double? value) =>
            s.Append(Field(test)).Append(',').Append(Field(stage)).Append(',').Append(Field(group)).Append(',').Append(Field(measure)).Append(',')
                .Append(value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "").Append('\n');
        foreach (var c in r.CountsByRace) Row("stops", "all rows", c.Race, "stops", c.Stops);
        if (r.Benchmark is { } b)
        {
            foreach (var x in b.Shares)
            {
                Row("benchmark", "all rows", x.Race, "stop_share", x.StopShare);
                Row("benchmark", "all rows", x.Race, "population_share", x.PopulationShare);
                Row("benchmark", "all rows", x.Race, "stop_share_over_population_share", x.StopShareOverPopulationShare);
            }
            foreach (var x in b.OppAnnualStopRates) Row("benchmark", "opp base", x.Race, "annual_stop_rate", x.AnnualStopRate);
        }
        foreach (var (stage, rates) in new[] { ("opp final", r.Outcome.OppFinal), ("before count rules", r.Outcome.BeforeCountRules) })
        {
            if (rates is not { Eligible: true }) continue;
            foreach (var x in rates.SearchRates) Row("search rate", stage, x.Race, "search_rate", x.Rate);
            foreach (var x in rates.AggregateHitRates) Row("hit rate", stage, x.Race, "hit_rate_pooled", x.Rate);
            foreach (var x in rates.UnweightedMeanAcrossSubgeographies) Row("hit rate", stage, x.Race, "hit_rate_unweighted_mean", x.UnweightedMeanHitRate);
        }
        foreach (var (stage, vod) in new[] { ("opp final", r.VeilOfDarkness.OppFinal), ("before year rules", (VodStage?)r.VeilOfDarkness.BeforeYearRules) })
        {
            if (vod is not { Eligible: true }) continue;
            foreach (var m in vod.Models)
            {
                Row("veil of darkness", stage, m.Name, "is_dark", m.IsDark);
                Row("veil of darkness", stage, m.Name, "std_error", m.StdError);
                Row("veil of darkness", stage, m.Name, "p_value", m.PValue);
                Row("veil of darkness", stage, m.Name, "n_stops", m.Stops);
            }
        }
        s.Append("\npipeline,step,action,reason,result,rows_before,rows_after,details\n");
        foreach (var d in r.Decisions)
            s.Append(string.Join(",", new[] { d.Pipeline, d.Step.ToString(CultureInfo.InvariantCulture), d.Action, d.Reason, d.Result,
                d.RowsBefore.ToString(CultureInfo.InvariantCulture), d.RowsAfter.ToString(CultureInfo.InvariantCulture), d.Details ?? "" }.Select(Field))).Append('\n');
        return s.ToString();
    }

    /// <summary>A CSV field (<see cref="Common.TableFile.Field"/>).</summary>
    public static string Field(string text) => Common.TableFile.Field(text);
}
