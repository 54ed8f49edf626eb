using System.Diagnostics;
using System.Globalization;

namespace Section287.Features.Evidence;

/// <summary>
/// The Stanford Open Policing Project's disparity statistics for one place, computed as the independent reference
/// (<c>reference/opp/opp_reference.R</c>, from OPP's <c>lib/eligibility.R</c>, <c>prima_facie_stats.R</c>,
/// <c>outcome_test.R</c>, <c>opp.R</c> and <c>veil_of_darkness.R</c> at commit fdb3b9f8) computes them: OPP's base
/// pipeline, the population benchmark, search and hit rates with OPP's filters and count rules, and the veil of
/// darkness. Each filter records a <see cref="Decision"/>; the texts are the reference's, so the two logs can be read
/// side by side. Rows are indices into the <see cref="StopData"/>; counts are sums of weights.
/// </summary>
public sealed class OppAnalysis
{
    public static readonly string[] BaseRaces = ["white", "black", "hispanic"];
    private static readonly string[] DiscretionaryBases = ["plain view", "consent", "probable cause", "k9"];

    private readonly StopData data;
    private readonly OppOptions options;
    private readonly List<Decision> decisions = [];
    private readonly int[] month;
    private Category? sub;
    private string? subColumn;
    private int[] sunsetMinute = [], duskMinute = [];
    private readonly Dictionary<long, SunTimes.Day> sunByPlaceDate = [];
    private readonly OppPlace?[] places;

    private OppAnalysis(StopData data, OppOptions options)
    {
        this.data = data;
        this.options = options;
        month = new int[data.Count];
        places = data.Place is { } p && options.Places is { } known
            ? p.Levels.Select(l => known.GetValueOrDefault(l)).ToArray()
            : [];
        var cache = new Dictionary<int, int>();
        for (var i = 0; i < data.Count; i++)
        {
            var d = data.Date[i];
            if (d == StopData.NoDate) { month[i] = -1; continue; }
            if (!cache.TryGetValue(d, out var m)) cache[d] = m = StopData.MonthKey(d);
            month[i] = m;
        }
    }

    /// <summary>R's order for text in these outputs (its locale collation): case folded first, then as written.</summary>
    public static readonly Comparer<string?> Collation = Comparer<string?>.Create((a, b) =>
    {
        var c = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : string.CompareOrdinal(b, a);
    });

    public static OppResult Run(StopData data, OppOptions options)
    {
        var clock = Stopwatch.StartNew();
        var a = new OppAnalysis(data, options);
        var all = Enumerable.Range(0, data.Count).ToArray();
        var counts = a.RawCounts(all);
        var baseRows = a.BasePipeline(all);
        var benchmark = a.Benchmark(all, baseRows);
        var hasSearch = data.Columns.Contains("search_conducted") && data.Columns.Contains("contraband_found");
        var (disparity, preCountRules, meeting) = a.DisparityPipeline(baseRows);
        var outcome = a.Outcome(hasSearch, disparity, preCountRules, meeting);
        var vod = a.VodPipeline(baseRows);
        return new OppResult(options, a.Weighted(all), a.subColumn, counts, benchmark, outcome, vod, a.decisions, clock.Elapsed);
    }

    // ---------------------------------------------------------------- the decision log and small helpers

    private void Add(string pipeline, string action, string reason, long before, long after, string? result = null, string? details = null)
    {
        result ??= after < before ? $"removed {before - after} rows" : "no change";
        var step = decisions.Count(d => d.Pipeline == pipeline) + 1;
        decisions.Add(new Decision(pipeline, step, action, reason, result, before, after, details));
    }

    private long Weighted(int[] rows)
    {
        if (data.Weight is null) return rows.Length;
        long s = 0;
        foreach (var i in rows) s += data.Weight[i];
        return s;
    }

    private static string F(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>OPP's coverage_rate: 1 − null rate, the null rate rounded to 4 digits.</summary>
    private double Coverage(IEnumerable<int> rows, Func<int, bool> blank)
    {
        long total = 0, missing = 0;
        foreach (var i in rows)
        {
            var w = data.W(i);
            total += w;
            if (blank(i)) missing += w;
        }
        return 1 - Math.Round((double)missing / total, 4, MidpointRounding.ToEven);
    }

    private int[] StepMonthsLowCoverage(int[] rows, string pipeline, string column, bool columnPresent, Func<int, bool> blank,
        (string Name, bool Present, Func<int, bool> Holds)? predicate = null)
    {
        var action = $"remove months where {column} is recorded less than 50% of the time";
        var reason = $"{column} data is unreliable";
        long n0 = Weighted(rows);
        if (predicate is { Present: false } p0)
        {
            Add(pipeline, action, reason, n0, 0, $"eliminated: {p0.Name} not recorded");
            return [];
        }
        if (!columnPresent)
        {
            Add(pipeline, action, reason, n0, 0, $"eliminated: {column} not recorded");
            return [];
        }
        var assessed = predicate is { } p ? rows.Where(p.Holds).ToArray() : rows;
        if (assessed.Length == 0)
        {
            Add(pipeline, action, reason, n0, n0, "no change (no rows to assess)");
            return rows;
        }
        var coverage = assessed.GroupBy(i => month[i]).OrderBy(g => g.Key)
            .Select(g => (Month: g.Key, Coverage: Coverage(g, blank))).ToList();
        var bad = coverage.Where(c => c.Coverage < 0.5).Select(c => c.Month).ToHashSet();
        var kept = bad.Count == 0 ? rows : rows.Where(i => !bad.Contains(month[i])).ToArray();
        Add(pipeline, action, reason, n0, Weighted(kept),
            bad.Count > 0 ? "removed months " + string.Join(", ", bad.Order().Select(StopData.MonthText)) : "no change",
            F("monthly coverage min {0:0.0000}", coverage.Min(c => c.Coverage)));
        return kept;
    }

    private int[] StepRemoveNa(int[] rows, string pipeline, string column, bool present, Func<int, bool> isNa)
    {
        var action = $"remove rows where {column} is NA";
        var reason = $"each of {column} is required for analysis";
        var n0 = Weighted(rows);
        if (!present)
        {
            Add(pipeline, action, reason, n0, 0, $"eliminated: {column} not recorded");
            return [];
        }
        var kept = rows.Where(i => !isNa(i)).ToArray();
        Add(pipeline, action, reason, n0, Weighted(kept));
        return kept;
    }

    private int[] StepFilterRaces(int[] rows, string pipeline, string[] races)
    {
        var action = "filter to races " + string.Join(", ", races);
        var n0 = Weighted(rows);
        if (!data.Columns.Contains("subject_race"))
        {
            Add(pipeline, action, "analysis uses only these", n0, 0, "eliminated: race not recorded");
            return [];
        }
        var codes = races.Select(data.Race.CodeOf).Where(c => c >= 0).ToHashSet();
        var kept = rows.Where(i => codes.Contains(data.Race.Codes[i])).ToArray();
        Add(pipeline, action, "analysis uses only these", n0, Weighted(kept));
        return kept;
    }

    private string RaceOf(int row) => data.Race.Value(row) ?? "NA";
    private bool Is(int row, string race) => data.Race.Value(row) == race;
    private int SubOf(int row) => sub is null ? -1 : sub.Codes[row];
    private string SubText(int code) => sub!.Levels[code];

    // ---------------------------------------------------------------- raw counts

    private List<RaceCount> RawCounts(int[] all)
    {
        var byRace = all.GroupBy(RaceOf).Select(g => (Race: g.Key, N: Weighted(g.ToArray()))).ToList();
        var total = byRace.Sum(r => r.N);
        var known = byRace.Where(r => r.Race != "NA").Sum(r => r.N);
        return byRace.OrderBy(r => r.Race, Collation)
            .Select(r => new RaceCount(r.Race, r.N, (double)r.N / total, r.Race == "NA" ? null : (double)r.N / known)).ToList();
    }

    // ---------------------------------------------------------------- OPP's base pipeline (load_base_for)

    private int[] BasePipeline(int[] rows)
    {
        const string P = "base";
        Add(P, "initialize", "all rows of the input file", Weighted(rows), Weighted(rows), "start");
        Add(P, "keep only highway patrol if statewide", "some states have several departments", Weighted(rows), Weighted(rows), "no change (city data)");

        var n0 = Weighted(rows);
        if (!data.Columns.Contains("type"))
        {
            Add(P, "filter to vehicular stops", "pedestrian stops are qualitatively different", n0, 0, "eliminated: type not recorded");
            return [];
        }
        var vehicular = data.Type.CodeOf("vehicular");
        rows = rows.Where(i => data.Type.Codes[i] == vehicular && vehicular >= 0).ToArray();
        Add(P, "filter to vehicular stops", "pedestrian stops are qualitatively different", n0, Weighted(rows));

        n0 = Weighted(rows);
        var (from, to) = (options.Window.From.DayNumber - StopData.Epoch, options.Window.To.DayNumber - StopData.Epoch);
        rows = rows.Where(i => data.Date[i] != StopData.NoDate && data.Date[i] >= from && data.Date[i] <= to).ToArray();
        Add(P, F("filter to {0:yyyy-MM-dd}..{1:yyyy-MM-dd}", options.Window.From, options.Window.To), "target time period for analysis", n0, Weighted(rows));

        n0 = Weighted(rows);
        var perMonth = rows.GroupBy(i => month[i]).ToDictionary(g => g.Key, g => Weighted(g.ToArray()));
        var bad = perMonth.Where(m => m.Value < 50).Select(m => m.Key).Order().ToList();
        if (bad.Count > 0)
        {
            var badSet = bad.ToHashSet();
            rows = rows.Where(i => !badSet.Contains(month[i])).ToArray();
        }
        Add(P, "remove months with fewer than 50 stops", "data is too sparse to trust", n0, Weighted(rows),
            bad.Count > 0 ? "removed months " + string.Join(", ", bad.Select(StopData.MonthText)) : "no change",
            perMonth.Count > 0 ? F("{0} months, min {1} stops", perMonth.Count, perMonth.Values.Min()) : "0 months");

        var unknown = data.Race.Levels.Select(l => l.Contains("unknown", StringComparison.Ordinal)).ToArray();
        rows = StepMonthsLowCoverage(rows, P, "subject_race", data.Columns.Contains("subject_race"),
            i => data.Race.IsBlank(i) || unknown[data.Race.Codes[i]]);
        rows = StepFilterRaces(rows, P, BaseRaces);

        var present = StopData.SubgeographyColumns.Where(data.Subgeographies.ContainsKey).ToList();
        string result;
        if (present.Count > 0)
        {
            var best = present.Select(c => (Column: c, Na: rows.Sum(i => data.Subgeographies[c].IsNa(i) ? (long)data.W(i) : 0)))
                .Aggregate((x, y) => y.Na < x.Na ? y : x);
            subColumn = best.Column;
            sub = data.Subgeographies[best.Column];
            var total = Weighted(rows);
            var distinct = rows.Select(i => sub.Codes[i]).Where(c => c >= 0).Distinct().Count();
            result = F("selected subgeography {0} ({1:0.00}% null, {2} distinct values)", subColumn,
                total == 0 ? double.NaN : 100.0 * best.Na / total, distinct);
        }
        else result = "no subgeography column present";
        Add(P, "add subgeography", "necessary for some analyses", Weighted(rows), Weighted(rows), result);

        n0 = Weighted(rows);
        if (sub is not null && Anomalous(options.City) is { } anomalous)
            rows = rows.Where(i => !(sub.Codes[i] >= 0 && anomalous(sub.Levels[sub.Codes[i]]))).ToArray();
        Add(P, "remove anomalous subgeographies", "OPP lists anomalous values for a few cities only", n0, Weighted(rows),
            Weighted(rows) < n0 ? null : $"no change (none listed for {options.City})");
        return rows;
    }

    /// <summary>OPP's <c>remove_anomalous_subgeographies</c>: values it lists for a few cities only.</summary>
    private static Func<string, bool>? Anomalous(string city) => city switch
    {
        "Arlington" => s => s is "N" or "E" or "S" or "W",
        "Louisville" => s => s.Contains("DIVISON", StringComparison.Ordinal),
        "Nashville" => s => s == "U",
        "Philadelphia" => s => s == "77",
        "Plano" => s => s == "999",
        "San Diego" => s => s == "Unknown",
        _ => null,
    };

    // ---------------------------------------------------------------- benchmark (stop share; OPP's stop_rates_by_geo)

    private BenchmarkResult? Benchmark(int[] all, int[] baseRows)
    {
        var b = options.Benchmark;
        if (b is null) return null;
        var populationTotal = b.Groups.Sum(g => g.Population);
        List<ShareRow> Shares(IEnumerable<int> rows)
        {
            var n = b.Groups.ToDictionary(g => g.Race, _ => 0L);
            foreach (var i in rows)
                if (data.Race.Value(i) is { } r && n.ContainsKey(r)) n[r] += data.W(i);
            var stops = n.Values.Sum();
            return b.Groups.Select(g =>
            {
                var share = (double)n[g.Race] / stops;
                var popShare = g.Population / populationTotal;
                return new ShareRow(g.Race, g.Population, popShare, n[g.Race], share, share / popShare, 1000.0 * n[g.Race] / g.Population);
            }).ToList();
        }
        var vehicularCode = data.Type.CodeOf("vehicular");
        var vehicular = data.Columns.Contains("type") ? all.Where(i => vehicularCode >= 0 && data.Type.Codes[i] == vehicularCode) : all;
        var rates = baseRows.GroupBy(RaceOf).OrderBy(g => g.Key, Collation).Select(g =>
        {
            var monthly = g.GroupBy(i => month[i]).Select(m => (double)Weighted(m.ToArray())).ToList();
            var average = monthly.Average();
            var population = b.PopulationOf(g.Key);
            return new OppStopRate(g.Key, (long)monthly.Sum(), monthly.Count, average, population, average * 12,
                population is { } p ? average * 12 / p : null);
        }).ToList();
        return new BenchmarkResult(b.Source, b.Total, b.SumsToTotal, Shares(all), Shares(vehicular), rates);
    }

    // ---------------------------------------------------------------- OPP's load_disparity_for

    private (int[] Final, int[] PreCountRules, List<string> Meeting) DisparityPipeline(int[] rows)
    {
        const string P = "disparity";
        Add(P, "start from base pipeline", "load_disparity_for starts from load_base_for", Weighted(rows), Weighted(rows), "start");
        var unreliable = options.City is "Arlington" or "Pittsburgh";
        Add(P, "remove locations with unreliable search data", "OPP excludes VA statewide, Arlington, Pittsburgh",
            Weighted(rows), unreliable ? 0 : Weighted(rows), unreliable ? "eliminated" : "no change");
        if (unreliable) return ([], [], []);

        var searched = data.SearchConducted;
        rows = StepMonthsLowCoverage(rows, P, "search_conducted", searched is not null, i => searched![i] < 0);
        if (rows.Length == 0) return ([], [], []);

        const string action = "keep only plain view, consent, probable cause, k9 and NA searches where search_basis is reliable (>= 50% recorded among searches)";
        const string reason = "the officer decides to make these searches and is not obligated";
        var n0 = Weighted(rows);
        var basis = data.SearchBasis;
        if (options.DiscretionaryAsExecuted)
            Add(P, action, reason, n0, n0, "no change: reproduces OPP HEAD, whose check reads colnames(tbl) and so never sees search_basis");
        else if (basis is null)
            Add(P, action, reason, n0, n0, "no change: search_basis not recorded; all searches kept");
        else
        {
            var coverage = Coverage(rows.Where(i => searched![i] == 1), basis.IsBlank);
            if (coverage < 0.5)
                Add(P, action, reason, n0, n0, F("no change: search_basis coverage {0:0.0000} < 0.5", coverage));
            else
            {
                var allowed = DiscretionaryBases.Select(basis.CodeOf).Where(c => c >= 0).ToHashSet();
                // R's three-valued logic: a row whose search_conducted is NA is not kept.
                rows = rows.Where(i => searched![i] == 0 || (searched[i] == 1 && (basis.IsNa(i) || allowed.Contains(basis.Codes[i])))).ToArray();
                Add(P, action, reason, n0, Weighted(rows), null, F("search_basis coverage among searches {0:0.0000}", coverage));
            }
        }

        rows = StepRemoveNa(rows, P, "search_conducted", true, i => searched![i] < 0);
        Add(P, "remove locations with unreliable contraband data", "OPP excludes AZ and MA statewide", Weighted(rows), Weighted(rows), "no change");
        var contraband = data.ContrabandFound;
        rows = StepMonthsLowCoverage(rows, P, "contraband_found", contraband is not null, i => contraband![i] < 0,
            ("search_conducted", true, i => searched![i] == 1));
        rows = StepMonthsLowCoverage(rows, P, "subgeography", true, i => sub is null || sub.IsBlank(i));
        rows = StepRemoveNa(rows, P, "subgeography", true, i => SubOf(i) < 0);
        var pre = rows;

        n0 = Weighted(rows);
        var races = rows.Select(RaceOf).Distinct().ToList();
        var subs = rows.Select(SubOf).Distinct().ToList();
        var searches = new Dictionary<(int, string), long>();
        foreach (var i in rows)
            if (searched![i] == 1)
                searches[(SubOf(i), RaceOf(i))] = searches.GetValueOrDefault((SubOf(i), RaceOf(i))) + data.W(i);
        var tooFew = subs.Where(s => races.Any(r => searches.GetValueOrDefault((s, r)) < 50)).ToHashSet();
        rows = rows.Where(i => !tooFew.Contains(SubOf(i))).ToArray();
        Add(P, "remove subgeographies with fewer than 50 searches per race", "need sufficient data per race (OPP calls them locations)",
            n0, Weighted(rows), tooFew.Count > 0 ? "removed " + string.Join("; ", tooFew.Select(SubText).Order(Collation)) : "no change");

        n0 = Weighted(rows);
        var left = rows.Select(SubOf).Distinct().Count();
        if (left < 3) rows = [];
        Add(P, "remove locations with fewer than 3 subgeographies", "need enough subgeographies to roll up to the city", n0, Weighted(rows),
            left < 3 ? $"location eliminated ({left} subgeographies left)" : $"no change ({left} subgeographies)");
        var meeting = subs.Where(s => !tooFew.Contains(s)).Select(SubText).Order(Collation).ToList();
        return (rows, pre, meeting);
    }

    private OutcomeResult Outcome(bool hasSearch, int[] final, int[] pre, List<string> meeting)
    {
        if (!hasSearch)
            return new OutcomeResult(false, false, "search_conducted / contraband_found not in the data; OPP's load_disparity_for eliminates the location",
                [], null, null, null);
        var eligible = final.Length > 0;
        var meetingSet = meeting.ToHashSet();
        return new OutcomeResult(true, eligible,
            eligible ? "passes OPP's minimum-count rules"
                : "OPP's load_disparity_for eliminates the location: fewer than 3 subgeographies have >= 50 searches for each of white, black and hispanic drivers",
            meeting, eligible ? Rates(final) : null, Rates(pre), Rates(pre.Where(i => meetingSet.Contains(SubText(SubOf(i)))).ToArray()));
    }

    /// <summary>OPP's search_rates, then opp_prepare_for_disparity and the hit rates of outcome_test.R.</summary>
    private OutcomeRates Rates(int[] rows)
    {
        if (rows.Length == 0) return new OutcomeRates(false, 0, [], [], [], 0, 0, [], [], []);
        var searched = data.SearchConducted!;
        var contraband = data.ContrabandFound!;
        SearchRate Search(IGrouping<(string Race, string? Sub), int> g)
        {
            long stops = 0, searches = 0;
            foreach (var i in g)
            {
                stops += data.W(i);
                if (searched[i] == 1) searches += data.W(i);
            }
            return new SearchRate(g.Key.Race, g.Key.Sub, stops, searches, (double)searches / stops);
        }
        var byRace = rows.GroupBy(i => (RaceOf(i), (string?)null)).Select(Search).OrderBy(r => r.Race, Collation).ToList();
        var bySub = rows.GroupBy(i => (RaceOf(i), (string?)SubText(SubOf(i)))).Select(Search)
            .OrderBy(r => r.Subgeography, Collation).ThenBy(r => r.Race, Collation).ToList();

        long droppedMissing = 0, droppedInconsistent = 0;
        var hits = new Dictionary<(string Race, string Sub), (long Found, long Searches)>();
        foreach (var i in rows)
        {
            var c = contraband[i];
            if (c < 0 && searched[i] == 0) c = 0;
            if (data.Race.IsNa(i) || searched[i] < 0 || c < 0 || SubOf(i) < 0) { droppedMissing += data.W(i); continue; }
            if (c == 1 && searched[i] == 0) { droppedInconsistent += data.W(i); continue; }
            if (searched[i] != 1) continue;
            var key = (RaceOf(i), SubText(SubOf(i)));
            var (found, n) = hits.GetValueOrDefault(key);
            hits[key] = (found + (c == 1 ? data.W(i) : 0), n + data.W(i));
        }
        var hitBySub = hits.Select(h => new HitRate(h.Key.Race, h.Key.Sub, h.Value.Found, h.Value.Searches, (double)h.Value.Found / h.Value.Searches))
            .OrderBy(h => h.Race, Collation).ThenBy(h => h.Subgeography, Collation).ToList();
        var pooled = hitBySub.GroupBy(h => h.Race).OrderBy(g => g.Key, Collation).Select(g =>
        {
            var found = g.Sum(h => h.ContrabandFound);
            var n = g.Sum(h => h.Searches);
            return new HitRate(g.Key, null, found, n, (double)found / n);
        }).ToList();
        var mean = hitBySub.GroupBy(h => h.Race).OrderBy(g => g.Key, Collation)
            .Select(g => new MeanHitRate(g.Key, g.Count(), g.Average(h => h.Rate))).ToList();
        return new OutcomeRates(true, Weighted(rows), rows.Select(i => SubText(SubOf(i))).Distinct().Order(Collation).ToList(),
            byRace, bySub, droppedMissing, droppedInconsistent, hitBySub, pooled, mean);
    }

    // ---------------------------------------------------------------- veil of darkness (load_vod_base_for, load_full_vod_for, prep_vod_data)

    private VodResult VodPipeline(int[] rows)
    {
        const string P = "vod";
        Add(P, "start from base pipeline", "load_vod_base_for starts from load_base_for", Weighted(rows), Weighted(rows), "start");
        rows = StepMonthsLowCoverage(rows, P, "time", data.Columns.Contains("time"), i => data.Minute[i] < 0);
        rows = StepRemoveNa(rows, P, "time", data.Columns.Contains("time"), i => data.Minute[i] < 0);
        rows = StepFilterRaces(rows, P, ["white", "black"]);
        if (!Several)
        {
            var geography = $"{options.City}, {options.State}";
            Add(P, "use city as geography", "OPP pools cities and counties; here one city", Weighted(rows), Weighted(rows), $"geography = {geography}");
            rows = StepRemoveNa(rows, P, "geography", true, _ => false);
            Add(P, "add location for sun times", "necessary for computing sunset times", Weighted(rows), Weighted(rows),
                F("center {0:0.0000000}, {1:0.0000000} for every stop", options.CenterLat, options.CenterLng));
        }
        else
        {
            var named = rows.Select(PlaceOf).Where(c => c >= 0 && places[c] is not null).Distinct().Count();
            Add(P, "use agency as geography", "several agencies: each is a geography with its own centre and clock, as OPP pools counties for a state",
                Weighted(rows), Weighted(rows), $"geography = each of {named} agencies");
            rows = StepRemoveNa(rows, P, "geography", true, i => PlaceOf(i) < 0 || places[PlaceOf(i)] is null);
            var centres = rows.Select(PlaceOf).Distinct().Order().Select(c => places[c]!)
                .Select(p => F("{0} {1:0.0000000}, {2:0.0000000}", p.Name, p.CenterLat, p.CenterLng)).ToList();
            Add(P, "add location for sun times", "necessary for computing sunset times", Weighted(rows), Weighted(rows),
                "center of each agency: " + string.Join("; ", centres));
        }

        sunsetMinute = new int[data.Count];
        duskMinute = new int[data.Count];
        long noSun = 0;
        foreach (var i in rows)
        {
            var day = Sun(PlaceOf(i), data.Date[i]);
            sunsetMinute[i] = day.SunsetMinute;
            duskMinute[i] = day.DuskMinute;
            if (day.DuskMinute < 0) noSun += data.W(i);
        }
        var total = Weighted(rows);
        Add(P, "add sunset and dusk times", Several ? "noaa algorithm, local time of each agency" : $"noaa algorithm, local time {options.Zone.Id}", total, total,
            F("{0:0.00}% NA", total == 0 ? double.NaN : 100.0 * noSun / total));

        var n0 = Weighted(rows);
        var windows = rows.GroupBy(PlaceOf).OrderBy(g => g.Key)
            .Select(g => (Place: g.Key, Lo: g.Min(i => duskMinute[i]), Hi: g.Max(i => duskMinute[i]))).ToList();
        if (windows.Count > 0)
        {
            var window = windows.ToDictionary(w => w.Place);
            rows = rows.Where(i => window[PlaceOf(i)] is var w && data.Minute[i] >= w.Lo && data.Minute[i] <= w.Hi).ToArray();
        }
        string Window((int Place, int Lo, int Hi) w) =>
            F("minute in [{0}, {1}] = [{2:00}:{3:00}, {4:00}:{5:00}]", w.Lo, w.Hi, w.Lo / 60, w.Lo % 60, w.Hi / 60, w.Hi % 60);
        Add(P, "filter to the intertwilight period", Several ? "range of dusk times over each agency's data" : "range of dusk times over the data",
            n0, Weighted(rows), null,
            Several ? string.Join("; ", windows.Select(w => places[w.Place]!.Name + ": " + Window(w)))
                : Window(windows.Count > 0 ? windows[0] : (0, 0, 0)));

        n0 = Weighted(rows);
        rows = rows.Where(i => !(data.Minute[i] >= sunsetMinute[i] && data.Minute[i] <= duskMinute[i])).ToArray();
        Add(P, "remove stops between sunset and dusk (inclusive)", "ambiguous light", n0, Weighted(rows));
        var beforeYearRules = rows;

        n0 = Weighted(rows);
        var years = rows.GroupBy(i => (Place: PlaceOf(i), StopData.ToDate(data.Date[i]).Year)).OrderBy(g => g.Key).Select(g =>
        {
            var dates = g.Select(i => data.Date[i]).Distinct().ToList();
            var first = StopData.ToDate(dates.Min());
            var last = StopData.ToDate(dates.Max());
            var months = g.Select(i => month[i]).Distinct().Count();
            var keep = dates.Count >= 100 && months == 12
                && ((first.Month, first.Day).CompareTo((1, 15)) <= 0 || (last.Month, last.Day).CompareTo((12, 15)) >= 0);
            return (Year: g.Key, Days: dates.Count, Months: months, First: first, Last: last, Keep: keep);
        }).ToList();
        var fullYears = years.Where(y => y.Keep).Select(y => y.Year).ToHashSet();
        rows = rows.Where(i => fullYears.Contains((PlaceOf(i), StopData.ToDate(data.Date[i]).Year))).ToArray();
        Add(P, "remove geography-years with partial data", "need full years: >=100 days, 12 months, starts by Jan 15 or ends after Dec 15",
            n0, Weighted(rows), null, string.Join("; ", years.Select(y =>
                F("{0}: {1} days, {2} months, {3:yyyy-MM-dd}..{4:yyyy-MM-dd} -> {5}", YearText(y.Year), y.Days, y.Months, y.First, y.Last, y.Keep ? "kept" : "removed"))));
        var afterPartialYears = rows;

        n0 = Weighted(rows);
        var perYear = rows.GroupBy(i => (Place: PlaceOf(i), StopData.ToDate(data.Date[i]).Year)).OrderBy(g => g.Key).Select(g =>
        {
            long white = 0, black = 0;
            foreach (var i in g)
            {
                if (Is(i, "white")) white += data.W(i);
                else black += data.W(i);
            }
            return (Year: g.Key, White: white, Black: black, Keep: white >= 100 && black >= 100);
        }).ToList();
        var enough = perYear.Where(y => y.Keep).Select(y => y.Year).ToHashSet();
        rows = rows.Where(i => enough.Contains((PlaceOf(i), StopData.ToDate(data.Date[i]).Year))).ToArray();
        Add(P, "remove geography-years with fewer than 100 stops per race", "need sufficient data for the vod model", n0, Weighted(rows), null,
            string.Join("; ", perYear.Select(y => F("{0}: white {1}, black {2} -> {3}", YearText(y.Year), y.White, y.Black, y.Keep ? "kept" : "removed"))));
        Add(P, "select top 20 geographies", "only for statewide data", Weighted(rows), Weighted(rows),
            Several ? "no change (every agency kept: the product pools agencies, not a state's counties)" : "no change (single city)");
        Add(P, "add is_dark and rounded_minute", "prep_vod_data: is_dark = minute >= dusk_minute; rounded_minute = nearest 5 minutes",
            Weighted(rows), Weighted(rows), "columns added");

        var eligible = rows.Length > 0;
        var sun = beforeYearRules.Select(i => (Place: PlaceOf(i), Date: data.Date[i])).Distinct().Order().Select(k =>
        {
            var s = Sun(k.Place, k.Date);
            return new SunDay(StopData.ToDate(k.Date), s.SunsetLocal, s.DuskLocal, s.SunsetMinute, s.DuskMinute, Several ? places[k.Place]!.Name : null);
        }).ToList();
        return new VodResult(eligible,
            eligible ? "passes OPP's year rules"
                : "OPP's load_full_vod_for eliminates the location: no year is both complete (>= 100 days, 12 months) and has >= 100 stops of each of black and white drivers in the analysis window",
            eligible ? Stage(rows) : null, Stage(beforeYearRules),
            afterPartialYears.Length != rows.Length ? Stage(afterPartialYears) : null, sun);
    }

    private bool IsDark(int i) => data.Minute[i] >= duskMinute[i];

    /// <summary>Stops from several places, each with its centre and clock (else every stop is at the options' one centre).</summary>
    private bool Several => places.Length > 0;

    private int PlaceOf(int row) => Several ? data.Place!.Codes[row] : 0;

    private string YearText((int Place, int Year) key) =>
        Several ? F("{0} {1}", places[key.Place]!.Name, key.Year) : key.Year.ToString(CultureInfo.InvariantCulture);

    private SunTimes.Day Sun(int place, int date)
    {
        var key = ((long)place << 32) | (uint)date;
        if (!sunByPlaceDate.TryGetValue(key, out var day))
        {
            var (lat, lng, zone) = Several ? (places[place]!.CenterLat, places[place]!.CenterLng, places[place]!.Zone)
                : (options.CenterLat, options.CenterLng, options.Zone);
            sunByPlaceDate[key] = day = SunTimes.For(date, lat, lng, zone);
        }
        return day;
    }
    private static int Rounded(int minute) => (int)(Math.Round(minute / 5.0, MidpointRounding.ToEven) * 5);

    // The year rules only remove rows, so two stages with as many rows are the same stops: fitted once.
    private readonly Dictionary<int, VodStage> stages = [];

    private VodStage Stage(int[] rows)
    {
        if (stages.TryGetValue(rows.Length, out var same)) return same;
        return stages[rows.Length] = FitStage(rows);
    }

    private VodStage FitStage(int[] rows)
    {
        if (rows.Length == 0) return VodStage.Ineligible();
        var light = new long[2];
        var lightBlack = new long[2];
        long black = 0, white = 0;
        foreach (var i in rows)
        {
            var d = IsDark(i) ? 1 : 0;
            light[d] += data.W(i);
            if (Is(i, "black")) { lightBlack[d] += data.W(i); black += data.W(i); }
            else white += data.W(i);
        }
        var counts = new List<LightCount>();
        for (var d = 0; d < 2; d++) if (light[d] > 0) counts.Add(new LightCount(d == 1, light[d] - lightBlack[d], lightBlack[d]));
        if (light[0] == 0 || light[1] == 0) return VodStage.Ineligible("no light or no dark stops");
        var l = counts[0];
        var k = counts[1];
        var models = new List<VodModel> { Model("time_only", rows, null) };
        if (subColumn is not null)
        {
            var withSub = rows.Where(i => SubOf(i) >= 0).ToArray();
            var dropped = Weighted(rows) - Weighted(withSub);
            models.Add(Model($"time_plus_{subColumn}", withSub, false) with { StopsDroppedMissingSubgeography = dropped });
            models.Add(Model($"time_times_{subColumn}", withSub, true) with { StopsDroppedMissingSubgeography = dropped });
        }
        var minutes = rows.Select(i => (int)data.Minute[i]).ToList();
        var dusks = rows.Select(i => duskMinute[i]).ToList();
        return new VodStage(true, null, Weighted(rows), black, white,
            rows.Select(i => StopData.ToDate(data.Date[i]).Year).Distinct().Order().ToList(),
            [minutes.Min(), minutes.Max()], [dusks.Min(), dusks.Max()], counts, l.ShareBlack, k.ShareBlack,
            Math.Log(((double)k.Black / k.White) / ((double)l.Black / l.White)), models);
    }

    /// <summary>
    /// OPP's train_vod_model: glm(cbind(n_black, n_white) ~ is_dark + ns(rounded_minute, df = 6) [+ or * geography]) on
    /// rows aggregated by (is_dark, rounded_minute[, geography]); the spline's knots come from the aggregated rows.
    /// </summary>
    private VodModel Model(string name, int[] rows, bool? interact)
    {
        var useGeo = interact is not null;
        var cells = new Dictionary<(bool Dark, int Minute, int Geo), (double N, double Black)>();
        foreach (var i in rows)
        {
            var key = (IsDark(i), Rounded(data.Minute[i]), useGeo ? SubOf(i) : -1);
            var (n, b) = cells.GetValueOrDefault(key);
            cells[key] = (n + data.W(i), b + (Is(i, "black") ? data.W(i) : 0));
        }
        var keys = cells.Keys.OrderBy(c => c.Dark).ThenBy(c => c.Minute).ThenBy(c => c.Geo).ToList();
        var m = keys.Count;
        var x = keys.Select(c => (double)c.Minute).ToList();
        var knots = NaturalSpline.KnotsFor(x, 6);
        var spline = NaturalSpline.Basis(x, knots);
        var columns = new List<double[]> { Enumerable.Repeat(1.0, m).ToArray(), keys.Select(c => c.Dark ? 1.0 : 0.0).ToArray() };
        columns.AddRange(spline);
        var geoText = "";
        if (useGeo)
        {
            var levels = keys.Select(c => c.Geo).Distinct().OrderBy(SubText, Collation).ToList();
            var dummies = levels.Skip(1).Select(level => keys.Select(c => c.Geo == level ? 1.0 : 0.0).ToArray()).ToList();
            columns.AddRange(dummies);
            if (interact == true)
                foreach (var dummy in dummies)
                    foreach (var s in spline)
                        columns.Add(s.Select((v, r) => v * dummy[r]).ToArray());
            geoText = (interact == true ? " * " : " + ") + subColumn;
        }
        var fit = BinomialGlm.FitCounts(columns.ToArray(), keys.Select(c => cells[c].Black).ToArray(), keys.Select(c => cells[c].N).ToArray());
        var estimate = fit.Coefficients[1];
        var se = fit.StandardErrors[1];
        var z = estimate / se;
        return new VodModel(name, "cbind(n_minority, n_majority) ~ is_dark + ns(rounded_minute, df = 6)" + geoText,
            estimate, se, z, BinomialGlm.WaldP(z), Weighted(rows), m, columns.Count, fit.Aliased.Count(a => a),
            knots.Interior, [knots.Lower, knots.Upper], fit.Deviance, fit.ResidualDf, fit.Converged, fit.Iterations, fit.Warnings, null);
    }
}
