using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Section287.Data.Reference;

namespace Section287.Features.Shared;

/// <summary>One area of a map: its outline, its count, the words a screen reader and a tooltip say, and where it links.</summary>
public sealed record MapArea(AtlasShape Shape, int Value, string Label, string? Href);

/// <summary>
/// A map drawn on the server as SVG: each area shaded by the class its count falls in, areas with a count drawn as links (keyboard
/// reachable, named by <see cref="MapArea.Label"/>), the legend written out in HTML. No script; the page prints the same counts in a
/// table, which is the map's text equivalent. <paramref name="Breaks"/> are the lower bounds of the shaded classes (the first is
/// normally 1: zero is its own, unshaded class).
/// </summary>
public sealed record ChoroplethMap(string Id, string Title, IReadOnlyList<MapArea> Areas, IReadOnlyList<int> Breaks, string LegendTitle)
{
    /// <summary>An outline drawn over the areas (a state's border on its county map), unfilled.</summary>
    public AtlasShape? Outline { get; init; }

    /// <summary>USWDS blues, light to dark (blue-10v, blue-30v, blue-50v, blue-70v, blue-80v); zero is base-lightest.</summary>
    private static readonly string[] Shades = ["#d9e8f6", "#73b3e7", "#2378c3", "#0b4778", "#011437"];
    private const string Zero = "#f0f0f0";

    public string ShadeOf(int value)
    {
        var index = -1;
        for (var i = 0; i < Breaks.Count; i++) if (value >= Breaks[i]) index = i;
        return index < 0 ? Zero : Shades[Math.Min(index, Shades.Length - 1)];
    }

    /// <summary>The legend's classes in words: "0", "1", "2–4", "10 or more".</summary>
    public IReadOnlyList<(string Shade, string Range)> Legend(string orMore)
    {
        var classes = new List<(string, string)> { (Zero, "0") };
        for (var i = 0; i < Breaks.Count; i++)
        {
            var low = Breaks[i];
            var range = i == Breaks.Count - 1 ? string.Format(CultureInfo.CurrentCulture, orMore, low.ToString("N0", CultureInfo.CurrentCulture))
                : Breaks[i + 1] - 1 == low ? low.ToString("N0", CultureInfo.CurrentCulture)
                : $"{low.ToString("N0", CultureInfo.CurrentCulture)}–{(Breaks[i + 1] - 1).ToString("N0", CultureInfo.CurrentCulture)}";
            classes.Add((Shades[Math.Min(i, Shades.Length - 1)], range));
        }
        return classes;
    }

    public IHtmlContent ToSvg(string orMore)
    {
        var shapes = Areas.Select(a => a.Shape).Concat(Outline is null ? [] : [Outline]).ToList();
        var (minX, minY) = (shapes.Min(s => s.MinX), shapes.Min(s => s.MinY));
        var (maxX, maxY) = (shapes.Max(s => s.MaxX), shapes.Max(s => s.MaxY));
        var pad = Math.Max(maxX - minX, maxY - minY) * 0.02;
        var view = string.Join(' ', new[] { minX - pad, minY - pad, maxX - minX + 2 * pad, maxY - minY + 2 * pad }
            .Select(v => Math.Round(v, 2).ToString(CultureInfo.InvariantCulture)));
        // Strokes keep one screen width whatever the zoom (vector-effect), so a county map's borders are as fine as the nation's.
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"s287-map\" role=\"group\" aria-labelledby=\"{Id}-title\" viewBox=\"{view}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-title\">{Encode(Title)}</title>");
        svg.Append("<g aria-hidden=\"true\">");
        foreach (var area in Areas.Where(a => a.Value == 0 || a.Href is null))
            svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{area.Shape.Path}\" fill=\"{ShadeOf(area.Value)}\"><title>{Encode(area.Label)}</title></path>");
        svg.Append("</g>");
        foreach (var area in Areas.Where(a => a.Value > 0 && a.Href is not null))
            svg.Append(CultureInfo.InvariantCulture,
                $"<a href=\"{Encode(area.Href!)}\" aria-label=\"{Encode(area.Label)}\"><path d=\"{area.Shape.Path}\" fill=\"{ShadeOf(area.Value)}\"><title>{Encode(area.Label)}</title></path></a>");
        if (Outline is not null)
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"s287-outline\" aria-hidden=\"true\" d=\"{Outline.Path}\" fill=\"none\" pointer-events=\"none\"></path>");
        svg.Append("</svg>");
        var legend = new StringBuilder();
        legend.Append(CultureInfo.InvariantCulture, $"<figcaption><span class=\"text-bold\">{Encode(LegendTitle)}</span><ul class=\"usa-list usa-list--unstyled s287-legend\">");
        foreach (var (shade, range) in Legend(orMore))
            legend.Append(CultureInfo.InvariantCulture, $"<li><svg class=\"s287-swatch\" aria-hidden=\"true\" width=\"18\" height=\"18\"><rect x=\"0.5\" y=\"0.5\" width=\"17\" height=\"17\" fill=\"{shade}\" stroke=\"#565c65\"></rect></svg> {Encode(range)}</li>");
        legend.Append("</ul></figcaption>");
        return new HtmlString($"<figure class=\"s287-mapfigure margin-x-0\" id=\"{Id}\">{svg}{legend}</figure>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
