using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Section287.Features.Shared;

/// <summary>One point of an estimate chart: its label on the horizontal axis, the estimate and its interval.</summary>
public sealed record EstimatePoint(int X, double Value, double Lower, double Upper, bool Before);

/// <summary>
/// An event-study chart drawn on the server as SVG: each estimate a dot with its interval as a vertical line, the years before
/// treatment in grey and after in blue, a dashed line at zero and one between the last year before and the first after. No
/// script; the table beside it carries the same numbers, and the title says what the chart shows for a screen reader.
/// </summary>
public sealed record EstimateChart(string Id, string Title, string XLabel, string YLabel, IReadOnlyList<EstimatePoint> Points)
{
    private const int Width = 720, Height = 360, Left = 70, Right = 16, Top = 16, Bottom = 56;
    private const string Before = "#71767a", After = "#005ea2";

    public IHtmlContent ToSvg()
    {
        var points = Points.Where(p => double.IsFinite(p.Value) && double.IsFinite(p.Lower) && double.IsFinite(p.Upper)).OrderBy(p => p.X).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"s287-chart s287-estimates\" role=\"img\" aria-labelledby=\"{Id}-title\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{Id}-title\">{Encode(Title)}</title>");
        if (points.Count == 0) return new HtmlString(svg.Append("</svg>").ToString());

        var (minX, maxX) = (points.Min(p => p.X), points.Max(p => p.X));
        var low = Math.Min(0, points.Min(p => p.Lower));
        var high = Math.Max(0, points.Max(p => p.Upper));
        var (step, first) = Ticks(low, high);
        low = Math.Min(low, first);
        var plotW = Width - Left - Right;
        var plotH = Height - Top - Bottom;
        double X(double x) => Left + (maxX == minX ? plotW / 2.0 : (x - minX) / (maxX - minX) * (plotW - 20) + 10);
        double Y(double y) => Top + (high == low ? plotH / 2.0 : (high - y) / (high - low) * plotH);
        string F(double v) => Math.Round(v, 1).ToString(CultureInfo.InvariantCulture);

        // Axes, ticks and the zero line.
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotH}\" stroke=\"#1b1b1b\"></line>");
        for (var t = first; t <= high + step * 1e-9; t += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left - 4}\" y1=\"{F(Y(t))}\" x2=\"{Left}\" y2=\"{F(Y(t))}\" stroke=\"#1b1b1b\"></line>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left - 8}\" y=\"{F(Y(t) + 5)}\" text-anchor=\"end\">{t.ToString("0.##", CultureInfo.CurrentCulture)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{F(Y(0))}\" x2=\"{Width - Right}\" y2=\"{F(Y(0))}\" stroke=\"#1b1b1b\" stroke-dasharray=\"4 4\"></line>");
        if (points.Any(p => p.Before) && points.Any(p => !p.Before))
        {
            var split = (X(points.Where(p => p.Before).Max(p => p.X)) + X(points.Where(p => !p.Before).Min(p => p.X))) / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(split)}\" y1=\"{Top}\" x2=\"{F(split)}\" y2=\"{Top + plotH}\" stroke=\"#a9aeb1\" stroke-dasharray=\"2 4\"></line>");
        }
        var labelEvery = Math.Max(1, (int)Math.Ceiling((maxX - minX + 1) / 16.0));
        foreach (var p in points)
        {
            var colour = p.Before ? Before : After;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{F(X(p.X))}\" y1=\"{F(Y(p.Upper))}\" x2=\"{F(X(p.X))}\" y2=\"{F(Y(p.Lower))}\" stroke=\"{colour}\" stroke-width=\"2\"></line>");
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(p.X))}\" cy=\"{F(Y(p.Value))}\" r=\"4\" fill=\"{colour}\"></circle>");
            if ((p.X - minX) % labelEvery == 0)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<text x=\"{F(X(p.X))}\" y=\"{Top + plotH + 20}\" text-anchor=\"middle\">{p.X.ToString(CultureInfo.CurrentCulture)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotW / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\">{Encode(XLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"16\" y=\"{Top + plotH / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {Top + plotH / 2})\">{Encode(YLabel)}</text>");
        return new HtmlString(svg.Append("</svg>").ToString());
    }

    /// <summary>A round tick step (1, 2 or 5 times a power of ten) giving about five ticks, and the first tick at or below the low end.</summary>
    private static (double Step, double First) Ticks(double low, double high)
    {
        var span = Math.Max(high - low, 1e-9);
        var raw = span / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return (step, Math.Floor(low / step) * step);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
