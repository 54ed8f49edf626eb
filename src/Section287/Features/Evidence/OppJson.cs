using System.Text.Json;
using System.Text.Json.Nodes;

namespace Section287.Features.Evidence;

/// <summary>
/// An <see cref="OppResult"/> in the reference's JSON layout: <c>headline</c> with exactly the reference's keys and
/// nesting (so a third city can be checked against R the same way), then the detail, the notes and <c>decisions</c>.
/// Tables are arrays of row objects, as jsonlite writes data frames; a number that is not finite is null.
/// </summary>
public static class OppJson
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static JsonObject ToJson(OppResult r, string? input = null) => new()
    {
        ["headline"] = Headline(r),
        ["meta"] = Meta(r, input),
        ["raw"] = new JsonObject { ["n_rows"] = r.RowsInput, ["counts_by_race"] = Rows(r.CountsByRace, c => new JsonObject
        {
            ["race"] = c.Race, ["n_stops"] = c.Stops, ["share_of_all"] = N(c.ShareOfAll), ["share_of_known_race"] = N(c.ShareOfKnownRace),
        }) },
        ["benchmark"] = r.Benchmark is { } b ? Benchmark(b) : null,
        ["outcome"] = Outcome(r.Outcome),
        ["veil_of_darkness"] = Vod(r.VeilOfDarkness),
        ["decisions"] = Rows(r.Decisions, d => new JsonObject
        {
            ["pipeline"] = d.Pipeline, ["step"] = d.Step, ["action"] = d.Action, ["reason"] = d.Reason, ["result"] = d.Result,
            ["rows_before"] = d.RowsBefore, ["rows_after"] = d.RowsAfter, ["details"] = d.Details,
        }),
    };

    public static JsonObject Headline(OppResult r)
    {
        var o = r.Outcome;
        return new JsonObject
        {
            ["stops_by_race"] = ByRace(r.CountsByRace, c => c.Race, c => (JsonNode)c.Stops),
            ["stop_share_over_population_share"] = r.Benchmark is { } b1 ? ByRace(b1.Shares, s => s.Race, s => N(s.StopShareOverPopulationShare)) : null,
            ["opp_annual_stop_rate"] = r.Benchmark is { } b2 ? ByRace(b2.OppAnnualStopRates, s => s.Race, s => N(s.AnnualStopRate)) : null,
            ["outcome_test_opp_eligible"] = o.OppEligible,
            ["search_rate_before_count_rules"] = o.HasSearchData ? RatesOrEmpty(o.BeforeCountRules, x => x.SearchRates, s => s.Race, s => N(s.Rate)) : null,
            ["hit_rate_pooled_before_count_rules"] = o.HasSearchData ? RatesOrEmpty(o.BeforeCountRules, x => x.AggregateHitRates, h => h.Race, h => N(h.Rate)) : null,
            ["hit_rate_unweighted_mean_across_subgeographies_before_count_rules"] = o.HasSearchData
                ? RatesOrEmpty(o.BeforeCountRules, x => x.UnweightedMeanAcrossSubgeographies, h => h.Race, h => N(h.UnweightedMeanHitRate)) : null,
            ["vod_opp_eligible"] = r.VeilOfDarkness.OppEligible,
            ["vod_opp_final"] = PickModels(r.VeilOfDarkness.OppFinal),
            ["vod_before_year_rules"] = PickModels(r.VeilOfDarkness.BeforeYearRules),
        };
    }

    // R's rates_by_race over an empty table is an empty unnamed list, which jsonlite writes as [].
    private static JsonNode RatesOrEmpty<T>(OutcomeRates? rates, Func<OutcomeRates, IReadOnlyList<T>> table, Func<T, string> race, Func<T, JsonNode?> value) =>
        rates is { Eligible: true } ? ByRace(table(rates), race, value) : new JsonArray();

    private static JsonObject? PickModels(VodStage? stage)
    {
        if (stage is not { Eligible: true }) return null;
        var o = new JsonObject();
        foreach (var m in stage.Models)
            o[m.Name] = new JsonObject
            {
                ["is_dark"] = N(m.IsDark), ["std_error"] = N(m.StdError), ["p_value"] = N(m.PValue), ["n_stops"] = m.Stops,
                ["converged"] = m.Converged, ["warnings"] = m.Warnings.Count > 0 ? new JsonArray(m.Warnings.Select(w => (JsonNode)w!).ToArray()) : null,
            };
        return o;
    }

    private static JsonObject Meta(OppResult r, string? input)
    {
        var meta = BaseMeta(r, input);
        if (r.Options.Period is { } period)
            meta["period"] = new JsonObject
            {
                ["from"] = period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["to"] = period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            };
        if (r.Options.Places is { } places)
            meta["places"] = new JsonArray(places.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name, ["center_lat"] = p.CenterLat, ["center_lng"] = p.CenterLng, ["time_zone"] = p.Zone.Id,
            }).ToArray());
        return meta;
    }

    private static JsonObject BaseMeta(OppResult r, string? input) => new()
    {
        ["city"] = r.Options.City, ["state"] = r.Options.State, ["input"] = input, ["n_rows_input"] = r.RowsInput,
        ["center_lat"] = r.Options.CenterLat, ["center_lng"] = r.Options.CenterLng, ["time_zone"] = r.Options.Zone.Id,
        ["sun_algorithm"] = "noaa", ["subgeography_column"] = r.SubgeographyColumn,
        ["discretionary_search_filter"] = r.Options.DiscretionaryAsExecuted ? "as_executed" : "intent",
        ["method"] = "Stanford Open Policing Project (github.com/stanford-policylab/opp, commit fdb3b9f8), as the independent reference opp_reference.R computes it",
        ["timing_seconds"] = new JsonObject { ["analysis_elapsed"] = r.Elapsed.TotalSeconds },
        ["notes"] = new JsonArray(Notes.Select(n => (JsonNode)n!).ToArray()),
    };

    public static readonly string[] Notes =
    [
        "Filters follow OPP lib/eligibility.R (commit fdb3b9f): load_base_for, load_disparity_for, load_vod_base_for, load_full_vod_for; every step is in `decisions`.",
        "Search rates = searches / stops on the load_disparity_for data (OPP prima_facie_stats.R search_rates). OPP would report none for a location its minimum-count rules eliminate; `outcome.before_count_rules` gives the figures on the same data without those two rules.",
        "OPP's aggregate hit rate pools the subgeographies of a geography and then averages geographies without weights; for one city it is the pooled hit rate (`aggregate_hit_rates_opp`). The unweighted mean across subgeographies is reported separately; OPP's code does not compute it.",
        "Discretionary-search filter: applied as OPP's action text describes it unless as_executed is chosen (OPP's code at HEAD tests colnames(tbl) and so never drops any search).",
        "Veil of darkness: NOAA sun times at the city centre; minute = hour*60+minute (seconds dropped), sun times floored to the minute; intertwilight = [min dusk minute, max dusk minute]; stops with sunset_minute <= minute <= dusk_minute removed; is_dark = minute >= dusk_minute; rounded_minute = nearest 5; black vs white; binomial GLM on rows aggregated by (is_dark, rounded_minute[, subgeography]); spline knots from the aggregated rows.",
        "For one city OPP's geography factor has one level, so its model reduces to `time_only`; `time_plus_*` and `time_times_*` use the subgeography (additive, and interacted with the spline — numerically fragile).",
    ];

    private static JsonObject Benchmark(BenchmarkResult b)
    {
        JsonArray Shares(IReadOnlyList<ShareRow> rows) => Rows(rows, s => new JsonObject
        {
            ["race"] = s.Race, ["population"] = N(s.Population), ["population_share"] = N(s.PopulationShare), ["n_stops"] = s.Stops,
            ["stop_share"] = N(s.StopShare), ["stop_share_over_population_share"] = N(s.StopShareOverPopulationShare),
            ["stops_per_1000_residents_whole_period"] = N(s.StopsPer1000ResidentsWholePeriod),
        });
        var white = b.OppAnnualStopRates.FirstOrDefault(s => s.Race == "white")?.AnnualStopRate;
        var ratios = new JsonObject();
        foreach (var s in b.OppAnnualStopRates.Where(s => s.Race != "white"))
            ratios[$"{s.Race}_vs_white"] = N(s.AnnualStopRate / white);
        return new JsonObject
        {
            ["source"] = b.Source, ["total_population"] = N(b.TotalPopulation), ["race_columns_sum_to_total"] = b.RaceColumnsSumToTotal,
            ["stop_share_vs_population_share"] = Shares(b.Shares), ["stop_share_vs_population_share_vehicular"] = Shares(b.SharesVehicular),
            ["opp_annual_stop_rates"] = Rows(b.OppAnnualStopRates, s => new JsonObject
            {
                ["race"] = s.Race, ["n_stops"] = s.Stops, ["n_months"] = s.Months, ["average_monthly_stops"] = N(s.AverageMonthlyStops),
                ["population"] = N(s.Population), ["average_annual_stops"] = N(s.AverageAnnualStops), ["annual_stop_rate"] = N(s.AnnualStopRate),
            }),
            ["opp_stop_rate_ratio_to_white"] = ratios,
        };
    }

    private static JsonObject Outcome(OutcomeResult o)
    {
        if (!o.HasSearchData) return new JsonObject { ["opp_eligible"] = false, ["reason"] = o.Reason };
        return new JsonObject
        {
            ["opp_eligible"] = o.OppEligible, ["reason"] = o.Reason,
            ["subgeographies_meeting_min_searches"] = new JsonArray(o.SubgeographiesMeetingMinSearches.Select(s => (JsonNode)s!).ToArray()),
            ["opp_final"] = o.OppFinal is { } f ? Rates(f) : null,
            ["before_count_rules"] = o.BeforeCountRules is { } b ? Rates(b) : null,
            ["only_subgeographies_meeting_min_searches"] = o.OnlySubgeographiesMeetingMinSearches is { } m ? Rates(m) : null,
        };
    }

    private static JsonObject Rates(OutcomeRates r)
    {
        if (!r.Eligible) return new JsonObject { ["eligible"] = false };
        JsonObject Search(SearchRate s)
        {
            var o = s.Subgeography is null ? new JsonObject() : new JsonObject { ["subgeography"] = s.Subgeography };
            o["race"] = s.Race;
            o["n_stops"] = s.Stops;
            o["n_searches"] = s.Searches;
            o["search_rate"] = N(s.Rate);
            return o;
        }
        JsonObject Hit(HitRate h)
        {
            var o = new JsonObject { ["race"] = h.Race };
            if (h.Subgeography is not null) o["subgeography"] = h.Subgeography;
            o["n_contraband_found"] = h.ContrabandFound;
            o["n_search_conducted"] = h.Searches;
            o["hit_rate"] = N(h.Rate);
            return o;
        }
        return new JsonObject
        {
            ["eligible"] = true, ["n_stops"] = r.Stops,
            ["subgeographies"] = new JsonArray(r.Subgeographies.Select(s => (JsonNode)s!).ToArray()),
            ["search_rates"] = Rows(r.SearchRates, Search), ["search_rates_by_subgeography"] = Rows(r.SearchRatesBySubgeography, Search),
            ["prepare_for_disparity"] = new JsonObject
            {
                ["rows_dropped_missing"] = r.RowsDroppedMissing, ["rows_dropped_contraband_without_search"] = r.RowsDroppedContrabandWithoutSearch,
            },
            ["hit_rates_by_subgeography"] = Rows(r.HitRatesBySubgeography, Hit),
            ["aggregate_hit_rates_opp"] = Rows(r.AggregateHitRates, Hit),
            ["unweighted_mean_across_subgeographies"] = Rows(r.UnweightedMeanAcrossSubgeographies, m => new JsonObject
            {
                ["race"] = m.Race, ["n_subgeographies"] = m.Subgeographies, ["unweighted_mean_hit_rate"] = N(m.UnweightedMeanHitRate),
            }),
        };
    }

    private static JsonObject Vod(VodResult v)
    {
        var o = new JsonObject
        {
            ["opp_eligible"] = v.OppEligible, ["reason"] = v.Reason,
            ["opp_final"] = v.OppFinal is { } f ? Stage(f) : null,
            ["before_year_rules"] = Stage(v.BeforeYearRules),
        };
        if (v.AfterPartialYearRuleOnly is { } a) o["after_partial_year_rule_only"] = Stage(a);
        o["sun_times_by_date"] = new JsonObject
        {
            ["note"] = "local clock times at the city center for every date with a stop in the intertwilight sample (before the year rules); minutes are floored",
            ["date"] = Column(v.SunTimesByDate, d => d.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ["sunset_local"] = Column(v.SunTimesByDate, d => d.SunsetLocal),
            ["dusk_local"] = Column(v.SunTimesByDate, d => d.DuskLocal),
            ["sunset_minute"] = Column(v.SunTimesByDate, d => d.SunsetMinute),
            ["dusk_minute"] = Column(v.SunTimesByDate, d => d.DuskMinute),
        };
        if (v.SunTimesByDate.Any(d => d.Place is not null))
        {
            var sun = (JsonObject)o["sun_times_by_date"]!;
            sun["note"] = "local clock times at each agency's center for every date with a stop there in the intertwilight sample (before the year rules); minutes are floored";
            sun["place"] = Column(v.SunTimesByDate, d => d.Place);
        }
        return o;
    }

    private static JsonObject Stage(VodStage s)
    {
        if (!s.Eligible) return s.Reason is null ? new JsonObject { ["eligible"] = false } : new JsonObject { ["eligible"] = false, ["reason"] = s.Reason };
        var models = new JsonObject();
        foreach (var m in s.Models)
        {
            var node = new JsonObject
            {
                ["formula"] = m.Formula, ["fit_on"] = "aggregated rows (OPP train_vod_model)",
                ["is_dark"] = N(m.IsDark), ["std_error"] = N(m.StdError), ["z_value"] = N(m.ZValue), ["p_value"] = N(m.PValue),
                ["odds_ratio"] = N(m.OddsRatio), ["ci95"] = new JsonArray(N(m.Ci95.Low), N(m.Ci95.High)),
                ["n_stops"] = m.Stops, ["n_model_rows"] = m.ModelRows, ["n_coefficients"] = m.Coefficients, ["n_coefficients_na"] = m.CoefficientsAliased,
                ["spline_interior_knots"] = new JsonArray(m.InteriorKnots.Select(k => N(k)).ToArray()),
                ["spline_boundary_knots"] = new JsonArray(m.BoundaryKnots.Select(k => N(k)).ToArray()),
                ["deviance"] = N(m.Deviance), ["df_residual"] = m.ResidualDf, ["converged"] = m.Converged, ["iterations"] = m.Iterations,
                ["warnings"] = new JsonArray(m.Warnings.Select(w => (JsonNode)w!).ToArray()),
            };
            if (m.StopsDroppedMissingSubgeography is { } dropped) node["n_stops_dropped_missing_subgeography"] = dropped;
            models[m.Name] = node;
        }
        return new JsonObject
        {
            ["eligible"] = true, ["n_stops"] = s.Stops, ["n_black"] = s.Black, ["n_white"] = s.White,
            ["years"] = new JsonArray(s.Years.Select(y => (JsonNode)y).ToArray()),
            ["minute_range"] = new JsonArray(s.MinuteRange.Select(y => (JsonNode)y).ToArray()),
            ["dusk_minute_range"] = new JsonArray(s.DuskMinuteRange.Select(y => (JsonNode)y).ToArray()),
            ["counts_by_light"] = Rows(s.CountsByLight, c => new JsonObject
            {
                ["is_dark"] = c.IsDark, ["black"] = c.Black, ["white"] = c.White, ["n"] = c.Stops, ["share_black"] = N(c.ShareBlack),
            }),
            ["share_black_light"] = N(s.ShareBlackLight), ["share_black_dark"] = N(s.ShareBlackDark),
            ["unadjusted_log_odds_ratio"] = N(s.UnadjustedLogOddsRatio),
            ["models"] = models,
        };
    }

    private static JsonObject ByRace<T>(IEnumerable<T> rows, Func<T, string> race, Func<T, JsonNode?> value)
    {
        var o = new JsonObject();
        foreach (var row in rows) o[race(row)] = value(row);
        return o;
    }

    private static JsonArray Rows<T>(IEnumerable<T> rows, Func<T, JsonNode> row) => new(rows.Select(row).ToArray());

    private static JsonArray Column<T, TValue>(IEnumerable<T> rows, Func<T, TValue> value) =>
        new(rows.Select(r => JsonValue.Create(value(r)) as JsonNode).ToArray());

    private static JsonNode? N(double? v) => v is { } d && double.IsFinite(d) ? JsonValue.Create(d) : null;
}
