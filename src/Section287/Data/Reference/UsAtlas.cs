using System.Reflection;
using System.Text.Json;

namespace Section287.Data.Reference;

/// <summary>A point on the globe, in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lng);

/// <summary>
/// The Census Bureau's county and state boundaries as the bundled TopoJSON (<c>us-atlas</c> 3.0.1, <c>counties-10m.json</c>,
/// SOURCES.md), decoded once. It gives each county's and state's centre: the area-weighted centroid of its polygons on the
/// longitude/latitude plane (holes subtracted; a county across the 180th meridian measured on the eastern side). At this
/// scale a centroid is within a few kilometres of the Census Bureau's internal point for a compact county, which moves a
/// computed sunset by well under a minute (4 minutes per degree of longitude).
/// </summary>
public static class UsAtlas
{
    private const string Resource = "Section287.Reference.us-atlas-counties-10m.json";
    private static readonly Lazy<(Dictionary<string, GeoPoint> Counties, Dictionary<string, GeoPoint> States)> Centres = new(Load);

    /// <summary>The centre of a county by its five-digit FIPS code, or null when the atlas has no such county.</summary>
    public static GeoPoint? County(string? fips) => fips is not null && Centres.Value.Counties.TryGetValue(fips, out var p) ? p : null;

    /// <summary>The centre of a state by its two-letter postal code, or null.</summary>
    public static GeoPoint? State(string? postal) =>
        postal is not null && ReferenceData.Bundled.StateByCode(postal.Trim().ToUpperInvariant()) is { } state
        && Centres.Value.States.TryGetValue(state.Fips, out var p) ? p : null;

    public static int CountyCount => Centres.Value.Counties.Count;

    /// <summary>
    /// A TopoJSON topology's arcs in its own coordinates: quantized and delta-encoded, each position is the running sum of the
    /// deltas, then scaled and translated.
    /// </summary>
    internal static List<(double X, double Y)[]> Arcs(JsonElement root)
    {
        var transform = root.GetProperty("transform");
        var scale = transform.GetProperty("scale");
        var translate = transform.GetProperty("translate");
        var (sx, sy, tx, ty) = (scale[0].GetDouble(), scale[1].GetDouble(), translate[0].GetDouble(), translate[1].GetDouble());
        var arcs = new List<(double X, double Y)[]>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            var points = new (double, double)[arc.GetArrayLength()];
            long x = 0, y = 0;
            var k = 0;
            foreach (var p in arc.EnumerateArray())
            {
                x += p[0].GetInt64();
                y += p[1].GetInt64();
                points[k++] = (x * sx + tx, y * sy + ty);
            }
            arcs.Add(points);
        }
        return arcs;
    }

    private static (Dictionary<string, GeoPoint>, Dictionary<string, GeoPoint>) Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException("The bundled county atlas is missing.");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var arcs = Arcs(root);

        Dictionary<string, GeoPoint> Centroids(string name)
        {
            var result = new Dictionary<string, GeoPoint>(StringComparer.Ordinal);
            foreach (var g in root.GetProperty("objects").GetProperty(name).GetProperty("geometries").EnumerateArray())
            {
                if (!g.TryGetProperty("id", out var id) || !g.TryGetProperty("arcs", out var shape)) continue;
                var polygons = g.GetProperty("type").GetString() switch
                {
                    "Polygon" => [shape],
                    "MultiPolygon" => shape.EnumerateArray().ToList(),
                    _ => new List<JsonElement>(),
                };
                var rings = polygons.SelectMany(p => p.EnumerateArray()).Select(Ring).ToList();
                if (rings.Count == 0) continue;
                var wraps = rings.SelectMany(r => r).Max(p => p.X) - rings.SelectMany(r => r).Min(p => p.X) > 180;
                double area = 0, cx = 0, cy = 0;
                foreach (var ring in rings)
                    for (var i = 0; i < ring.Count; i++)
                    {
                        var (x0, y0) = ring[i];
                        var (x1, y1) = ring[(i + 1) % ring.Count];
                        if (wraps) { x0 = x0 < 0 ? x0 + 360 : x0; x1 = x1 < 0 ? x1 + 360 : x1; }
                        var cross = x0 * y1 - x1 * y0;
                        area += cross;
                        cx += (x0 + x1) * cross;
                        cy += (y0 + y1) * cross;
                    }
                if (area == 0) continue;
                var lng = cx / (3 * area);
                result[id.GetString()!] = new GeoPoint(cy / (3 * area), lng > 180 ? lng - 360 : lng);
            }
            return result;
        }

        List<(double X, double Y)> Ring(JsonElement indices)
        {
            var ring = new List<(double, double)>();
            foreach (var index in indices.EnumerateArray())
            {
                var i = index.GetInt32();
                var arc = arcs[i < 0 ? ~i : i];
                var points = i < 0 ? arc.Reverse() : arc;
                // Consecutive arcs share their joining point; repeating it adds nothing to the sums, so it is not skipped.
                ring.AddRange(points);
            }
            return ring;
        }

        return (Centroids("counties"), Centroids("states"));
    }
}
