using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Section287.Features.Shared;

/// <summary>A horizontal bar chart drawn on the server as SVG: no script, and the table beside it carries the same numbers.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, double Value)> Values, string Format = "N0")
{
    public BarChart(string id, string title, IReadOnlyList<(string Label, int Value)> bars) : this(id, title, bars.Select(b => (b.Label, (double)b.Value)).ToList()) { }

    /// <summary>A line drawn across the bars at this value (1 for a ratio), labelled.</summary>
    public (double Value, string Label)? Reference { get; init; }

    private const int LabelWidth = 280;
    private const int BarArea = 420;
    private const int RowHeight = 28;

    public IHtmlContent ToSvg()
    {
        var bars = Values.Where(b => double.IsFinite(b.Value)).ToList();
        var max = Math.Max(Format == "N0" ? 1 : 1e-9, bars.Count == 0 ? 1 : bars.Max(b => b.Value));
        if (Reference is { } r0) max = Math.Max(max, r0.Value);
        var height = bars.Count * RowHeight + 8 + (Reference is null ? 0 : 16);
        var svg = new StringBuilder();
        var summary = string.Join(", ", bars.Select(b => $"{b.Label} {b.Value.ToString(Format, CultureInfo.CurrentCulture)}"));
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-labelledby=\"{Id}-title\" viewBox=\"0 0 {LabelWidth + BarArea + 70} {height}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-title\">{Encode(Title)}: {Encode(summary)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = i * RowHeight + 4;
            var width = Math.Round(Math.Max(0, value) / max * BarArea, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{RowHeight - 8}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 17}\">{value.ToString(Format, CultureInfo.CurrentCulture)}</text>");
        }
        if (Reference is { } r)
        {
            var x = Math.Round(LabelWidth + r.Value / max * BarArea, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x}\" x2=\"{x}\" y1=\"0\" y2=\"{height - 14}\" stroke=\"#1b1b1b\" stroke-dasharray=\"4 3\"></line>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{height - 2}\" text-anchor=\"middle\">{Encode(r.Label)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString($"<figure class=\"s287-chart margin-x-0\">{svg}<figcaption>{Encode(Title)}</figcaption></figure>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
