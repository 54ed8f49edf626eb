using System.Globalization;
using System.Text;

namespace Section287.Features.Evidence;

/// <summary>A plain-text summary of an analysis, for the command line without --json.</summary>
public static class OppText
{
    public static string Summary(OppResult r)
    {
        var s = new StringBuilder();
        void Line(string text) => s.AppendLine(text);
        string P(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        Line($"{r.Options.City}, {r.Options.State}: {r.RowsInput} stops");
        Line("Stops by race: " + string.Join(", ", r.CountsByRace.Select(c => $"{c.Race} {c.Stops}")));
        if (r.Benchmark is { } b)
        {
            Line($"Benchmark ({b.Source}): stop share / residential share");
            foreach (var row in b.Shares) Line($"  {row.Race,-24} {P(row.StopShareOverPopulationShare)}");
            Line("OPP annual stop rate (stops per resident per year, 2011-2018 vehicular)");
            foreach (var row in b.OppAnnualStopRates) Line($"  {row.Race,-24} {(row.AnnualStopRate is { } rate ? P(rate) : "no population")}");
        }
        var o = r.Outcome;
        Line($"Outcome test: {(o.OppEligible ? "OPP would publish it" : "OPP would not publish it")} — {o.Reason}");
        if (o.BeforeCountRules is { Eligible: true } pre)
        {
            Line("  search rate (before OPP's count rules): " + string.Join(", ", pre.SearchRates.Select(x => $"{x.Race} {P(x.Rate)}")));
            Line("  hit rate, pooled: " + string.Join(", ", pre.AggregateHitRates.Select(x => $"{x.Race} {P(x.Rate)}")));
        }
        var v = r.VeilOfDarkness;
        Line($"Veil of darkness: {(v.OppEligible ? "eligible" : "not eligible")} — {v.Reason}");
        foreach (var (label, stage) in new[] { ("final", v.OppFinal), ("before year rules", (VodStage?)v.BeforeYearRules) })
        {
            if (stage is not { Eligible: true }) continue;
            foreach (var m in stage.Models)
                Line($"  {label,-18} {m.Name,-22} is_dark {P(m.IsDark)} (se {P(m.StdError)}, p {m.PValue.ToString("G4", CultureInfo.InvariantCulture)}), {m.Stops} stops");
        }
        Line($"{r.Decisions.Count} decisions; --json prints them with every figure.");
        return s.ToString();
    }
}
