namespace Section287.Features.Transparency;

/// <summary>One race group's indicators in one area and quarter: null where a count they need is hidden or not released.</summary>
public sealed record RaceIndicator(string Race, string RaceName, int? Stops, double? SearchRate, double? HitRate, double? SearchRateVersusWhite);

public sealed record AreaIndicators(string Level, string Area, string State, string Name, IReadOnlyList<RaceIndicator> Races);

public sealed record QuarterIndicators(string Quarter, IReadOnlyList<AreaIndicators> Areas);

/// <summary>
/// The disparity indicators of the evidence work, for the public (issue 18), computed from published cells only, so they can
/// reveal nothing the gate hid: per area and OPP race group, the search rate (searches per stop), the hit rate (searches that found
/// contraband per search: the outcome test's ingredient) and the search rate relative to white drivers'. A rate is shown only when
/// both of its counts are published; a rate on fewer than k stops cannot occur, since smaller counts are hidden. These are
/// descriptive: OPP's tests with their benchmarks and models run on staff pages (Evidence), not here.
/// </summary>
public static class DisparityIndicators
{
    public static IReadOnlyList<QuarterIndicators> From(PublicFiguresView view)
    {
        var kinds = view.Kinds.ToDictionary(k => k.Code);
        if (!kinds.TryGetValue(FigureKinds.Stops.Code, out var stops) || !kinds.TryGetValue(FigureKinds.StopSearches.Code, out var searches)) return [];
        kinds.TryGetValue(FigureKinds.StopContraband.Code, out var contraband);
        static Dictionary<(string, string, string), IReadOnlyDictionary<string, int?>> Cells(PublishedKind? kind) =>
            kind?.Quarters.SelectMany(q => q.Rows.Select(r => (q.Quarter, r))).ToDictionary(x => (x.Quarter, x.r.Level, x.r.Area), x => x.r.Parts) ?? [];
        var searched = Cells(searches);
        var found = Cells(contraband);
        // Null where a count is hidden; NaN where both are published but there is nothing to divide by (no search, no hit rate).
        static double? Rate(int? part, int? whole) => part is { } p && whole is { } w ? (w > 0 ? (double)p / w : double.NaN) : null;
        return stops.Quarters.Select(q => new QuarterIndicators(q.Quarter, q.Rows.Select(row =>
        {
            var key = (q.Quarter, row.Level, row.Area);
            var s = searched.GetValueOrDefault(key);
            var f = found.GetValueOrDefault(key);
            var white = Rate(s?.GetValueOrDefault("white"), row.Parts.GetValueOrDefault("white"));
            var races = stops.Parts.Select(p =>
            {
                var n = row.Parts.GetValueOrDefault(p.Code);
                var searchRate = Rate(s?.GetValueOrDefault(p.Code), n);
                return new RaceIndicator(p.Code, p.Name, n, searchRate, Rate(f?.GetValueOrDefault(p.Code), s?.GetValueOrDefault(p.Code)),
                    p.Code == "white" ? null : searchRate is { } r && white is { } w ? (w > 0 && !double.IsNaN(r) ? r / w : double.NaN) : null);
            }).ToList();
            return new AreaIndicators(row.Level, row.Area, row.State, row.Name, races);
        }).ToList())).ToList();
    }
}
