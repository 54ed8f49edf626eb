namespace Section287.Features.Evidence;

/// <summary>The place and choices an OPP analysis needs besides the stops.</summary>
/// <param name="DiscretionaryAsExecuted">false (the default, as the reference's primary): the discretionary-search filter is
/// applied as OPP's text describes it; true: as OPP's code at HEAD executes it, which never filters.</param>
/// <param name="Period">the analysis window; OPP's is 2011-01-01..2018-12-31 (the default). The product's own encounters are
/// analysed over the period the reader chooses.</param>
/// <param name="Places">for stops from several places (<see cref="StopData.Place"/>), each place's centre and clock: sun times,
/// the inter-twilight window and the year rules are then taken per place, as OPP does per geography for a state.</param>
public sealed record OppOptions(string City, string State, double CenterLat, double CenterLng, TimeZoneInfo Zone,
    PopulationBenchmark? Benchmark, bool DiscretionaryAsExecuted = false, OppPeriod? Period = null,
    IReadOnlyDictionary<string, OppPlace>? Places = null)
{
    public OppPeriod Window => Period ?? OppPeriod.Opp;
}

/// <summary>The days an analysis covers, both included.</summary>
public sealed record OppPeriod(DateOnly From, DateOnly To)
{
    public static readonly OppPeriod Opp = new(new DateOnly(2011, 1, 1), new DateOnly(2018, 12, 31));
}

/// <summary>One place of a several-place analysis: its name as people read it, its centre and its clock.</summary>
public sealed record OppPlace(string Name, double CenterLat, double CenterLng, TimeZoneInfo Zone);

/// <summary>One step of a pipeline, as OPP's <c>add_decision</c> records it: what was done, why, and the rows before and after.</summary>
public sealed record Decision(string Pipeline, int Step, string Action, string Reason, string Result, long RowsBefore, long RowsAfter, string? Details);

public sealed record RaceCount(string Race, long Stops, double ShareOfAll, double? ShareOfKnownRace);

public sealed record ShareRow(string Race, double Population, double PopulationShare, long Stops, double StopShare,
    double StopShareOverPopulationShare, double StopsPer1000ResidentsWholePeriod);

public sealed record OppStopRate(string Race, long Stops, int Months, double AverageMonthlyStops, double? Population,
    double AverageAnnualStops, double? AnnualStopRate);

public sealed record BenchmarkResult(string Source, double TotalPopulation, bool RaceColumnsSumToTotal,
    IReadOnlyList<ShareRow> Shares, IReadOnlyList<ShareRow> SharesVehicular, IReadOnlyList<OppStopRate> OppAnnualStopRates);

public sealed record SearchRate(string Race, string? Subgeography, long Stops, long Searches, double Rate);

public sealed record HitRate(string Race, string? Subgeography, long ContrabandFound, long Searches, double Rate);

public sealed record MeanHitRate(string Race, int Subgeographies, double UnweightedMeanHitRate);

public sealed record OutcomeRates(bool Eligible, long Stops, IReadOnlyList<string> Subgeographies,
    IReadOnlyList<SearchRate> SearchRates, IReadOnlyList<SearchRate> SearchRatesBySubgeography,
    long RowsDroppedMissing, long RowsDroppedContrabandWithoutSearch,
    IReadOnlyList<HitRate> HitRatesBySubgeography, IReadOnlyList<HitRate> AggregateHitRates, IReadOnlyList<MeanHitRate> UnweightedMeanAcrossSubgeographies);

/// <summary>The outcome test (search and hit rates). <see cref="HasSearchData"/> false: the file records no searches or no contraband.</summary>
public sealed record OutcomeResult(bool HasSearchData, bool OppEligible, string Reason, IReadOnlyList<string> SubgeographiesMeetingMinSearches,
    OutcomeRates? OppFinal, OutcomeRates? BeforeCountRules, OutcomeRates? OnlySubgeographiesMeetingMinSearches);

public sealed record VodModel(string Name, string Formula, double IsDark, double StdError, double ZValue, double PValue,
    long Stops, int ModelRows, int Coefficients, int CoefficientsAliased, double[] InteriorKnots, double[] BoundaryKnots,
    double Deviance, int ResidualDf, bool Converged, int Iterations, IReadOnlyList<string> Warnings, long? StopsDroppedMissingSubgeography)
{
    public double OddsRatio => Math.Exp(IsDark);
    public (double Low, double High) Ci95 => (IsDark - 1.96 * StdError, IsDark + 1.96 * StdError);
}

public sealed record LightCount(bool IsDark, long White, long Black)
{
    public long Stops => White + Black;
    public double ShareBlack => (double)Black / Stops;
}

public sealed record VodStage(bool Eligible, string? Reason, long Stops, long Black, long White, IReadOnlyList<int> Years,
    int[] MinuteRange, int[] DuskMinuteRange, IReadOnlyList<LightCount> CountsByLight, double ShareBlackLight, double ShareBlackDark,
    double UnadjustedLogOddsRatio, IReadOnlyList<VodModel> Models)
{
    public static VodStage Ineligible(string? reason = null) => new(false, reason, 0, 0, 0, [], [], [], [], 0, 0, 0, []);
}

public sealed record SunDay(DateOnly Date, string SunsetLocal, string DuskLocal, int SunsetMinute, int DuskMinute, string? Place = null);

public sealed record VodResult(bool OppEligible, string Reason, VodStage? OppFinal, VodStage BeforeYearRules, VodStage? AfterPartialYearRuleOnly,
    IReadOnlyList<SunDay> SunTimesByDate);

/// <summary>Everything one OPP analysis of one place found, and every decision it took on the way.</summary>
public sealed record OppResult(OppOptions Options, long RowsInput, string? SubgeographyColumn, IReadOnlyList<RaceCount> CountsByRace,
    BenchmarkResult? Benchmark, OutcomeResult Outcome, VodResult VeilOfDarkness, IReadOnlyList<Decision> Decisions, TimeSpan Elapsed);
