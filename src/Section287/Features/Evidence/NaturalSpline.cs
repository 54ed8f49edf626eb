namespace Section287.Features.Evidence;

/// <summary>
/// A natural cubic spline basis with R's <c>ns(x, df)</c> knots: df − 1 interior knots at the type-7 quantiles
/// 1/df … (df−1)/df of x, boundary knots at its range. The basis is the truncated-power form (Hastie, Tibshirani and
/// Friedman, eq. 5.4–5.5), on x rescaled to [0, 1] for conditioning; it spans the same space as R's B-spline form, so a
/// model's other coefficients (is_dark here) and their standard errors are the same.
/// </summary>
public static class NaturalSpline
{
    public sealed record Knots(double[] Interior, double Lower, double Upper);

    public static Knots KnotsFor(IReadOnlyList<double> x, int df)
    {
        var sorted = x.Order().ToArray();
        var interior = new double[df - 1];
        for (var k = 1; k < df; k++) interior[k - 1] = Quantile7(sorted, (double)k / df);
        return new Knots(interior, sorted[0], sorted[^1]);
    }

    /// <summary>R's <c>quantile(x, p, type = 7)</c> on sorted x, with R's fuzz.</summary>
    public static double Quantile7(double[] sorted, double p)
    {
        var n = sorted.Length;
        var index = (n - 1) * p; // zero-based form of 1 + (n − 1) p
        const double fuzz = 4 * 2.220446049250313e-16;
        var lo = (int)Math.Floor(index + fuzz);
        var hi = (int)Math.Ceiling(index - fuzz);
        var q = sorted[lo];
        var h = index - lo;
        if (index > lo && sorted[hi] != q) q = (1 - h) * q + h * sorted[hi];
        return q;
    }

    /// <summary>The df columns of the basis (no intercept), each of x's length.</summary>
    public static double[][] Basis(IReadOnlyList<double> x, Knots knots)
    {
        var range = knots.Upper - knots.Lower;
        double Scale(double v) => range == 0 ? 0 : (v - knots.Lower) / range;
        var xi = new double[knots.Interior.Length + 2];
        xi[0] = 0;
        for (var k = 0; k < knots.Interior.Length; k++) xi[k + 1] = Scale(knots.Interior[k]);
        xi[^1] = 1;
        var K = xi.Length;
        var columns = new double[K - 1][];
        for (var c = 0; c < columns.Length; c++) columns[c] = new double[x.Count];
        for (var i = 0; i < x.Count; i++)
        {
            var s = Scale(x[i]);
            columns[0][i] = s;
            var dLast = D(s, xi, K - 2);
            for (var k = 0; k < K - 2; k++) columns[k + 1][i] = D(s, xi, k) - dLast;
        }
        return columns;
    }

    // d_k(x) = ((x − ξ_k)₊³ − (x − ξ_K)₊³) / (ξ_K − ξ_k)
    private static double D(double x, double[] xi, int k)
    {
        var last = xi[^1];
        var denominator = last - xi[k];
        if (denominator == 0) return 0;
        return (Cube(x - xi[k]) - Cube(x - last)) / denominator;
    }

    private static double Cube(double v) => v > 0 ? v * v * v : 0;
}
