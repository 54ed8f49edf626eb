namespace Section287.Features.Evidence;

/// <summary>
/// A logistic regression on grouped counts, fitted the way R's <c>glm.fit</c> fits
/// <c>glm(cbind(successes, failures) ~ ..., family = binomial, control = list(maxit = 100))</c>: the same starting
/// values, iteratively reweighted least squares through a Householder QR with LINPACK <c>dqrdc2</c>'s limited pivoting
/// (a column whose remaining norm falls below 1e-11 of its own is aliased and left out), the same convergence test
/// (relative change of deviance under 1e-8) and the same warnings. Standard errors come from the last QR, dispersion 1,
/// as <c>summary.glm</c> does.
/// </summary>
public static class BinomialGlm
{
    public const double Epsilon = 1e-8;
    public const int MaxIterations = 100;
    private const double Tolerance = 1e-11; // min(1e-07, epsilon / 1000)
    public const string NotConverged = "glm.fit: algorithm did not converge";
    public const string FittedZeroOrOne = "glm.fit: fitted probabilities numerically 0 or 1 occurred";

    public sealed record Fit(double[] Coefficients, double[] StandardErrors, bool[] Aliased, int Rank, double Deviance,
        int ResidualDf, int Iterations, bool Converged, IReadOnlyList<string> Warnings);

    /// <param name="columns">the design matrix by column (each of length n), intercept included</param>
    public static Fit FitCounts(double[][] columns, double[] successes, double[] trials)
    {
        var p = columns.Length;
        var n = trials.Length;
        var y = new double[n];
        var mu = new double[n];
        var eta = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = trials[i] == 0 ? 0 : successes[i] / trials[i];
            mu[i] = (trials[i] * y[i] + 0.5) / (trials[i] + 1);
            eta[i] = Math.Log(mu[i] / (1 - mu[i]));
        }
        var devOld = Deviance(y, mu, trials);
        var beta = new double[p];
        Qr? qr = null;
        var converged = false;
        var iterations = 0;
        var dev = devOld;
        var wx = new double[p][];
        for (var j = 0; j < p; j++) wx[j] = new double[n];
        var wz = new double[n];
        var good = new List<int>(n);
        for (var iter = 1; iter <= MaxIterations; iter++)
        {
            iterations = iter;
            good.Clear();
            for (var i = 0; i < n; i++)
            {
                var muEta = MuEta(eta[i]);
                if (trials[i] > 0 && muEta != 0) good.Add(i);
            }
            var m = good.Count;
            for (var k = 0; k < m; k++)
            {
                var i = good[k];
                var muEta = MuEta(eta[i]);
                var z = eta[i] + (y[i] - mu[i]) / muEta;
                var w = Math.Sqrt(trials[i] * muEta * muEta / (mu[i] * (1 - mu[i])));
                wz[k] = z * w;
                for (var j = 0; j < p; j++) wx[j][k] = columns[j][i] * w;
            }
            qr = Qr.Decompose(wx, m, Tolerance);
            var coef = qr.Solve(wz);
            var betaOld = (double[])beta.Clone();
            for (var j = 0; j < p; j++) beta[qr.Pivot[j]] = coef[j];
            Predict(columns, beta, eta, mu);
            dev = Deviance(y, mu, trials);
            // glm.fit halves the step while the deviance is not finite or a fitted value leaves (0, 1).
            var halvings = 0;
            while ((!double.IsFinite(dev) || !ValidMu(mu)) && halvings++ < MaxIterations)
            {
                for (var j = 0; j < p; j++) beta[j] = (beta[j] + betaOld[j]) / 2;
                Predict(columns, beta, eta, mu);
                dev = Deviance(y, mu, trials);
            }
            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                converged = true;
                break;
            }
            devOld = dev;
        }

        var warnings = new List<string>();
        if (!converged) warnings.Add(NotConverged);
        const double eps = 10 * 2.220446049250313e-16;
        if (mu.Any(v => v > 1 - eps || v < eps)) warnings.Add(FittedZeroOrOne);

        var se = new double[p];
        var aliased = new bool[p];
        var inverse = qr!.UnscaledCovariance();
        for (var j = 0; j < p; j++)
        {
            var column = qr.Pivot[j];
            if (j < qr.Rank) se[column] = Math.Sqrt(inverse[j, j]);
            else
            {
                aliased[column] = true;
                beta[column] = double.NaN;
                se[column] = double.NaN;
            }
        }
        var nGood = trials.Count(t => t > 0);
        return new Fit(beta, se, aliased, qr.Rank, dev, nGood - qr.Rank, iterations, converged, warnings);
    }

    private static void Predict(double[][] columns, double[] beta, double[] eta, double[] mu)
    {
        Array.Clear(eta);
        for (var j = 0; j < columns.Length; j++)
        {
            var b = beta[j];
            if (b == 0) continue;
            var c = columns[j];
            for (var i = 0; i < eta.Length; i++) eta[i] += c[i] * b;
        }
        for (var i = 0; i < eta.Length; i++) mu[i] = LinkInverse(eta[i]);
    }

    private static bool ValidMu(double[] mu)
    {
        foreach (var v in mu) if (!double.IsFinite(v) || v <= 0 || v >= 1) return false;
        return true;
    }

    // R's logit link in C (family.c): bounded away from 0 and 1 by DBL_EPSILON.
    private static double LinkInverse(double eta)
    {
        const double threshold = 30;
        var tmp = eta < -threshold ? 2.220446049250313e-16 : eta > threshold ? 1 / 2.220446049250313e-16 : Math.Exp(eta);
        return tmp / (1 + tmp);
    }

    private static double MuEta(double eta)
    {
        var opexp = 1 + Math.Exp(eta);
        return eta > 30 || eta < -30 ? 2.220446049250313e-16 : Math.Exp(eta) / (opexp * opexp);
    }

    private static double Deviance(double[] y, double[] mu, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < y.Length; i++)
        {
            sum += 2 * weights[i] * (YLogY(y[i], mu[i]) + YLogY(1 - y[i], 1 - mu[i]));
        }
        return sum;
    }

    private static double YLogY(double y, double mu) => y != 0 ? y * Math.Log(y / mu) : 0;

    /// <summary>Two-sided p-value of a Wald z statistic: 2 Φ(−|z|).</summary>
    public static double WaldP(double z) => MathNet.Numerics.SpecialFunctions.Erfc(Math.Abs(z) / Math.Sqrt(2));

    /// <summary>LINPACK dqrdc2 (R's variant, with Bates's 1999 change) and the dqrsl steps dqrls takes.</summary>
    internal sealed class Qr
    {
        private readonly double[][] x;
        private readonly double[] qraux;
        private readonly int n;
        public int[] Pivot { get; }
        public int Rank { get; }

        private Qr(double[][] x, double[] qraux, int[] pivot, int rank, int n)
        {
            this.x = x;
            this.qraux = qraux;
            Pivot = pivot;
            Rank = rank;
            this.n = n;
        }

        /// <summary>Decomposes the first n rows of the columns (which it overwrites).</summary>
        public static Qr Decompose(double[][] columns, int n, double tol)
        {
            var p = columns.Length;
            var x = (double[][])columns.Clone();
            var qraux = new double[p];
            var work1 = new double[p];
            var work2 = new double[p];
            var pivot = new int[p];
            for (var j = 0; j < p; j++)
            {
                pivot[j] = j;
                qraux[j] = Norm(x[j], 0, n);
                work1[j] = qraux[j];
                work2[j] = qraux[j] == 0 ? 1 : qraux[j];
            }
            var lup = Math.Min(n, p);
            var k = p; // one past the last column not yet moved to the end (Fortran's k = p + 1)
            for (var l = 0; l < lup; l++)
            {
                while (l < k && qraux[l] < work2[l] * tol)
                {
                    // Move column l to the end: it is (numerically) a combination of those before it.
                    var col = x[l];
                    var (piv, qa, w1, w2) = (pivot[l], qraux[l], work1[l], work2[l]);
                    for (var j = l + 1; j < p; j++)
                    {
                        x[j - 1] = x[j];
                        pivot[j - 1] = pivot[j];
                        qraux[j - 1] = qraux[j];
                        work1[j - 1] = work1[j];
                        work2[j - 1] = work2[j];
                    }
                    x[p - 1] = col;
                    (pivot[p - 1], qraux[p - 1], work1[p - 1], work2[p - 1]) = (piv, qa, w1, w2);
                    k--;
                }
                if (l == n - 1) continue;
                var xl = x[l];
                var nrmxl = Norm(xl, l, n);
                if (nrmxl == 0) continue;
                if (xl[l] != 0) nrmxl = Math.CopySign(nrmxl, xl[l]);
                var scale = 1 / nrmxl;
                for (var i = l; i < n; i++) xl[i] *= scale;
                xl[l] = 1 + xl[l];
                for (var j = l + 1; j < p; j++)
                {
                    var xj = x[j];
                    var t = -Dot(xl, xj, l, n) / xl[l];
                    Axpy(t, xl, xj, l, n);
                    if (qraux[j] == 0) continue;
                    var tt = 1 - Math.Pow(Math.Abs(xj[l]) / qraux[j], 2);
                    tt = Math.Max(tt, 0);
                    if (Math.Abs(tt) < 1e-6)
                    {
                        qraux[j] = Norm(xj, l + 1, n);
                        work1[j] = qraux[j];
                    }
                    else qraux[j] *= Math.Sqrt(tt);
                }
                qraux[l] = xl[l];
                xl[l] = -nrmxl;
            }
            var rank = Math.Min(k, n);
            return new Qr(x, qraux, pivot, rank, n);
        }

        /// <summary>Least-squares coefficients of y on the first <see cref="Rank"/> pivoted columns; the rest are 0.</summary>
        public double[] Solve(double[] yIn)
        {
            var p = x.Length;
            var y = new double[n];
            Array.Copy(yIn, y, n);
            var ju = Math.Min(Rank, n - 1);
            for (var j = 0; j < ju; j++)
            {
                if (qraux[j] == 0) continue;
                var xj = x[j];
                var diagonal = xj[j];
                xj[j] = qraux[j];
                var dot = 0.0;
                for (var i = j; i < n; i++) dot += xj[i] * y[i];
                var t = -dot / xj[j];
                for (var i = j; i < n; i++) y[i] += t * xj[i];
                xj[j] = diagonal;
            }
            var b = new double[p];
            for (var j = Rank - 1; j >= 0; j--)
            {
                var s = y[j];
                for (var c = j + 1; c < Rank; c++) s -= x[c][j] * b[c];
                b[j] = s / x[j][j];
            }
            return b;
        }

        /// <summary>(RᵀR)⁻¹ over the first Rank pivoted columns (R's chol2inv of the QR's R).</summary>
        public double[,] UnscaledCovariance()
        {
            var r = Rank;
            var inv = new double[r, r];
            for (var j = 0; j < r; j++)
            {
                inv[j, j] = 1 / x[j][j];
                for (var i = j - 1; i >= 0; i--)
                {
                    var s = 0.0;
                    for (var c = i + 1; c <= j; c++) s += x[c][i] * inv[c, j];
                    inv[i, j] = -s / x[i][i];
                }
            }
            var cov = new double[r, r];
            for (var i = 0; i < r; i++)
                for (var j = i; j < r; j++)
                {
                    var s = 0.0;
                    for (var c = j; c < r; c++) s += inv[i, c] * inv[j, c];
                    cov[i, j] = s;
                    cov[j, i] = s;
                }
            return cov;
        }

        private static double Norm(double[] v, int from, int to) => Math.Sqrt(Dot(v, v, from, to));

        // The two loops that take the time of a fit, over SIMD vectors. Sums are taken in another order than a scalar loop's,
        // which moves the last bits only (the estimates match R's to about 1e-12).
        private static double Dot(double[] a, double[] b, int from, int to)
        {
            var i = from;
            var sum = 0.0;
            var width = System.Numerics.Vector<double>.Count;
            if (to - from >= 2 * width)
            {
                var acc = System.Numerics.Vector<double>.Zero;
                for (; i <= to - width; i += width)
                    acc += new System.Numerics.Vector<double>(a, i) * new System.Numerics.Vector<double>(b, i);
                sum = System.Numerics.Vector.Sum(acc);
            }
            for (; i < to; i++) sum += a[i] * b[i];
            return sum;
        }

        private static void Axpy(double t, double[] x, double[] y, int from, int to)
        {
            var i = from;
            var width = System.Numerics.Vector<double>.Count;
            var tv = new System.Numerics.Vector<double>(t);
            for (; i <= to - width; i += width)
                (new System.Numerics.Vector<double>(y, i) + tv * new System.Numerics.Vector<double>(x, i)).CopyTo(y, i);
            for (; i < to; i++) y[i] += t * x[i];
        }
    }
}
