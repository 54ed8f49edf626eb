using System.Globalization;
using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Shared;

namespace Section287.Features.Evaluation;

/// <summary>What the evaluation pages (staff and public) show: one outcome, on all counties or without the flagged ones.</summary>
public sealed record EvaluationView(CrimeEvaluationReport Report, bool WithoutFlagged, string Action, string CsvUrl)
{
    public EvaluationRun Run => WithoutFlagged ? Report.WithoutFlagged : Report.AllCounties;

    public DidResult National => Run.National;

    public string OutcomeWords => Texts.T(Report.Outcome == CrimeOutcome.Violent ? "eval.violent" : "eval.property");

    public static string Number(double value) => value.ToString("0.0", CultureInfo.CurrentCulture);

    public static string Interval(Estimate? e) => e is null ? "—" : $"{Number(e.Lower)} – {Number(e.Upper)}";

    public string? Headline()
    {
        if (National.Overall is not { } overall) return null;
        var cohorts = National.Cohorts.Where(c => c.Post is not null).Select(c => c.Group).ToList();
        return Texts.T("eval.headline", National.TreatedUnits, cohorts.Min(), cohorts.Max(), OutcomeWords, Number(Math.Abs(overall.Value)),
            Texts.T(overall.Value >= 0 ? "eval.higher" : "eval.lower"), Number(overall.Lower), Number(overall.Upper));
    }

    public string? Significance() => National.Overall is { } o ? Texts.T(o.ExcludesZero ? "eval.change" : "eval.nochange") : null;

    public string? PreTrend() => National.PreTrendAverage is { } p
        ? Texts.T(p.ExcludesZero ? "eval.pretrend.bad" : "eval.pretrend.ok", Number(p.Value), Number(p.Lower), Number(p.Upper))
        : null;

    public string? Later() => Run.Later.PreTrendAverage is { } p
        ? Texts.T("eval.later", Run.Later.TreatedUnits, Report.AllCounties.National.LastYear, Number(p.Value), Number(p.Lower), Number(p.Upper))
        : null;

    public EstimateChart Chart() => new("eval-chart", Texts.T("eval.chart.title", OutcomeWords), Texts.T("eval.chart.x"), Texts.T("eval.chart.y"),
        National.EventStudy.Select(e => new EstimatePoint(e.EventTime, e.Effect.Value, e.Effect.Lower, e.Effect.Upper, e.EventTime < 0)).ToList());

    public static string ModelName(AgreementModel model) => model.IceName();
}
