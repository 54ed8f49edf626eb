using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Section287.Data.Reference;

/// <summary>An area's outline as an SVG path, and its bounding box, in the atlas's drawing plane.</summary>
public sealed record AtlasShape(string Fips, string Name, string Path, double MinX, double MinY, double MaxX, double MaxY);

/// <summary>
/// The Census Bureau's county and state boundaries drawn for a map: the bundled <c>us-atlas</c> 3.0.1 <c>counties-albers-10m.json</c>
/// (SOURCES.md), which the package already projects to Albers USA (Alaska and Hawaii as insets) in a 975 × 610 plane. Each shared arc
/// is simplified once (points closer than a tolerance to the last kept one are dropped, ends kept), so neighbouring areas keep
/// a common border: the nation drawing uses a tolerance of half a unit, the state drawing (zoomed to one state) a tenth.
/// </summary>
public static class UsAtlasShapes
{
    public const double Width = 975;
    public const double Height = 610;
    private const string Resource = "Section287.Reference.us-atlas-counties-albers-10m.json";

    private static readonly Lazy<Atlas> Coarse = new(() => Load(0.5, 1));
    private static readonly Lazy<Atlas> Fine = new(() => Load(0.1, 2));

    private sealed record Atlas(IReadOnlyDictionary<string, AtlasShape> States, IReadOnlyDictionary<string, AtlasShape> Counties);

    /// <summary>Every state (and the District of Columbia and Puerto Rico where the atlas has them), keyed by state FIPS, for the nation map.</summary>
    public static IReadOnlyDictionary<string, AtlasShape> States => Coarse.Value.States;

    /// <summary>A state's outline drawn finely, for its own map.</summary>
    public static AtlasShape? StateDetail(string stateFips) => Fine.Value.States.GetValueOrDefault(stateFips);

    /// <summary>The counties of a state (by its FIPS), drawn finely.</summary>
    public static IReadOnlyList<AtlasShape> CountiesOf(string stateFips) =>
        Fine.Value.Counties.Values.Where(c => c.Fips.StartsWith(stateFips, StringComparison.Ordinal)).OrderBy(c => c.Fips, StringComparer.Ordinal).ToList();

    private static Atlas Load(double tolerance, int decimals)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("The bundled projected atlas is missing.");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        // Each arc is thinned with its ends kept, so shared borders stay shared.
        var arcs = UsAtlas.Arcs(root).Select(points =>
        {
            var kept = new List<(double X, double Y)> { points[0] };
            for (var i = 1; i < points.Length - 1; i++)
                if (Math.Abs(points[i].X - kept[^1].X) + Math.Abs(points[i].Y - kept[^1].Y) >= tolerance) kept.Add(points[i]);
            if (points.Length > 1) kept.Add(points[^1]);
            return kept.ToArray();
        }).ToList();

        Dictionary<string, AtlasShape> Shapes(string name)
        {
            var result = new Dictionary<string, AtlasShape>(StringComparer.Ordinal);
            foreach (var g in root.GetProperty("objects").GetProperty(name).GetProperty("geometries").EnumerateArray())
            {
                if (!g.TryGetProperty("id", out var id) || !g.TryGetProperty("arcs", out var shape)) continue;
                var polygons = g.GetProperty("type").GetString() switch
                {
                    "Polygon" => [shape],
                    "MultiPolygon" => shape.EnumerateArray().ToList(),
                    _ => new List<JsonElement>(),
                };
                var path = new StringBuilder();
                double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
                foreach (var ring in polygons.SelectMany(p => p.EnumerateArray()))
                {
                    var first = true;
                    foreach (var index in ring.EnumerateArray())
                    {
                        var i = index.GetInt32();
                        var arc = arcs[i < 0 ? ~i : i];
                        IEnumerable<(double X, double Y)> points = i < 0 ? arc.Reverse() : arc;
                        // Consecutive arcs share their joining point: each arc after the first starts one point in.
                        foreach (var (px, py) in first ? points : points.Skip(1))
                        {
                            path.Append(first ? 'M' : ' ').Append(Math.Round(px, decimals).ToString(CultureInfo.InvariantCulture))
                                .Append(',').Append(Math.Round(py, decimals).ToString(CultureInfo.InvariantCulture));
                            first = false;
                            (minX, minY, maxX, maxY) = (Math.Min(minX, px), Math.Min(minY, py), Math.Max(maxX, px), Math.Max(maxY, py));
                        }
                    }
                    if (!first) path.Append('Z');
                }
                if (path.Length == 0) continue;
                var label = g.TryGetProperty("properties", out var props) && props.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                result[id.GetString()!] = new AtlasShape(id.GetString()!, label, path.ToString(), minX, minY, maxX, maxY);
            }
            return result;
        }

        return new Atlas(Shapes("states"), Shapes("counties"));
    }
}
