using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Section287.Features.Shared;

/// <summary>A horizontal bar chart drawn on the server as SVG: no script, and the table beside it carries the same numbers.</summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<(string Label, int Value)> Bars)
{
    private const int LabelWidth = 280;
    private const int BarArea = 420;
    private const int RowHeight = 28;

    public IHtmlContent ToSvg()
    {
        var max = Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Value));
        var height = Bars.Count * RowHeight + 8;
        var svg = new StringBuilder();
        var summary = string.Join(", ", Bars.Select(b => $"{b.Label} {b.Value.ToString("N0", CultureInfo.CurrentCulture)}"));
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" aria-labelledby=\"{Id}-title\" viewBox=\"0 0 {LabelWidth + BarArea + 70} {height}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-title\">{Encode(Title)}: {Encode(summary)}</title>");
        for (var i = 0; i < Bars.Count; i++)
        {
            var (label, value) = Bars[i];
            var y = i * RowHeight + 4;
            var width = Math.Round((double)value / max * BarArea, 1);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{Encode(label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{RowHeight - 8}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{LabelWidth + width + 6}\" y=\"{y + 17}\">{value.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString($"<figure class=\"s287-chart margin-x-0\">{svg}<figcaption>{Encode(Title)}</figcaption></figure>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
