namespace Section287.Features.Transparency;

/// <summary>One count the public would see, named by a key that is unique in its table (for example <c>q=2026Q3|state=NC|agency=…|figure=detainers.issued</c>).</summary>
public sealed record FigureCell(string Key, int Value);

/// <summary>A sum the public can form from what is published: <see cref="Total"/> is the sum of <see cref="Members"/> (a state is the
/// sum of its agencies; detainers requested are the sum of issued, declined, withdrawn and pending).</summary>
public sealed record FigureRelation(string Total, IReadOnlyList<string> Members);

/// <summary>What may be published: every cell's value, or none where it is suppressed, and why.</summary>
public sealed class GatedTable
{
    public required IReadOnlyDictionary<string, int?> Values { get; init; }

    /// <summary>Cells suppressed because they count fewer than k people or events (1 to k - 1; zero is published).</summary>
    public required IReadOnlySet<string> Primary { get; init; }

    /// <summary>Cells suppressed only so that a primary one cannot be worked out from totals.</summary>
    public required IReadOnlySet<string> Complementary { get; init; }

    public int K { get; init; }

    public bool IsSuppressed(string key) => Values[key] is null;
}

/// <summary>
/// The one gate every public figure passes (issue 18): small-cell suppression with complementary suppression, proved by an
/// attacker's audit.
/// </summary>
/// <remarks>
/// <para>Primary suppression: a count from 1 to k - 1 (k = 11 by default, set by the program office) is not published; zero is
/// (that nothing happened is not a small cell).</para>
/// <para>Complementary suppression: the public knows every published cell and every relation (totals are sums), and that counts are
/// never negative. From these it can bound each suppressed cell by linear programming. The gate computes exactly those bounds
/// (<see cref="FeasibleRanges"/>: the minimum and maximum of each suppressed cell over everything consistent with what is
/// published) and, while a primary cell's range holds fewer than k whole numbers, suppresses one more published cell in a
/// relation with it (the smallest non-zero one, a part before a total), then audits again. The tables here (counts with totals
/// over geography and over the parts of a figure) have integral bounds, so the linear bounds are the attacker's best.</para>
/// <para>Differencing across releases is prevented by what is released, not here: a quarter is published once, after it has
/// settled, and its published cells never change (<see cref="PublicFigures"/>).</para>
/// </remarks>
public static class PublicationGate
{
    public const int DefaultK = 11;

    public static GatedTable Apply(IReadOnlyList<FigureCell> cells, IReadOnlyList<FigureRelation> relations, int k = DefaultK)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k is at least 2.");
        var values = cells.ToDictionary(c => c.Key, c => c.Value);
        foreach (var r in relations)
        {
            if (!values.ContainsKey(r.Total) || r.Members.Any(m => !values.ContainsKey(m)))
                throw new ArgumentException($"The relation for {r.Total} names a cell that is not in the table.");
        }
        var primary = cells.Where(c => c.Value > 0 && c.Value < k).Select(c => c.Key).ToHashSet();
        var suppressed = new HashSet<string>(primary);
        var complementary = new HashSet<string>();
        var byCell = new Dictionary<string, List<FigureRelation>>();
        foreach (var r in relations)
        foreach (var key in r.Members.Append(r.Total))
            (byCell.TryGetValue(key, out var list) ? list : byCell[key] = []).Add(r);

        // First the cheap rule: a relation with exactly one suppressed cell gives it away by subtraction.
        void CoverLoneCells()
        {
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var r in relations)
                {
                    var hidden = r.Members.Append(r.Total).Where(suppressed.Contains).Take(2).ToList();
                    if (hidden.Count != 1) continue;
                    if (NextToSuppress(hidden[0], values, byCell, suppressed) is not { } next) continue;
                    suppressed.Add(next);
                    complementary.Add(next);
                    changed = true;
                }
            }
        }
        CoverLoneCells();
        // Then the attacker's audit, system by system (cells tied by relations), until no primary cell is narrowed below k values.
        // A system whose cells did not change since it passed is not audited again.
        var passed = new HashSet<string>();
        while (true)
        {
            var exposed = new List<string>();
            foreach (var system in Systems(relations, suppressed))
            {
                var signature = string.Join('|', system.Variables);
                if (passed.Contains(signature)) continue;
                var found = new Audit(values, system).Exposed(primary, k);
                if (found is null) passed.Add(signature);
                else exposed.Add(found);
            }
            if (exposed.Count == 0) break;
            var added = false;
            foreach (var cell in exposed)
            {
                if (NextToSuppress(cell, values, byCell, suppressed) is not { } next) continue;
                suppressed.Add(next);
                complementary.Add(next);
                added = true;
            }
            if (!added) break; // Nothing is left to suppress near them: every relation they are in is suppressed whole.
            CoverLoneCells();
        }
        return new GatedTable
        {
            Values = values.ToDictionary(kv => kv.Key, kv => suppressed.Contains(kv.Key) ? null : (int?)kv.Value),
            Primary = primary,
            Complementary = complementary,
            K = k,
        };
    }

    /// <summary>
    /// The cell to suppress next for an exposed one: a published cell in one of its relations, or else in a relation of another
    /// suppressed cell it is tied to; the smallest non-zero first, parts before totals (a total hides more than it protects).
    /// </summary>
    private static string? NextToSuppress(string exposed, Dictionary<string, int> values, Dictionary<string, List<FigureRelation>> byCell,
        HashSet<string> suppressed)
    {
        var seen = new HashSet<string> { exposed };
        var frontier = new List<string> { exposed };
        while (frontier.Count > 0)
        {
            var candidates = new List<(string Key, bool IsTotal)>();
            var nextFrontier = new List<string>();
            foreach (var cell in frontier)
            foreach (var r in byCell.GetValueOrDefault(cell) ?? [])
            foreach (var other in r.Members.Append(r.Total))
            {
                if (suppressed.Contains(other))
                {
                    if (seen.Add(other)) nextFrontier.Add(other);
                }
                else candidates.Add((other, other == r.Total));
            }
            var pick = candidates.Where(c => values[c.Key] > 0).OrderBy(c => c.IsTotal).ThenBy(c => values[c.Key]).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key).FirstOrDefault()
                ?? candidates.OrderBy(c => c.IsTotal).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Key).FirstOrDefault();
            if (pick is not null) return pick;
            frontier = nextFrontier;
        }
        return null;
    }

    /// <summary>
    /// What someone who sees the published cells can know of each suppressed one: its least and greatest value over every table of
    /// non-negative counts consistent with the published cells and the relations. Infinite where nothing bounds it.
    /// </summary>
    public static IReadOnlyDictionary<string, (double Low, double High)> FeasibleRanges(IReadOnlyDictionary<string, int> values,
        IReadOnlyList<FigureRelation> relations, IReadOnlySet<string> suppressed)
    {
        var ranges = new Dictionary<string, (double Low, double High)>();
        foreach (var system in Systems(relations, suppressed))
        {
            var lp = new Simplex(system.Rows(values), system.Variables.Count);
            for (var i = 0; i < system.Variables.Count; i++)
                ranges[system.Variables[i]] = (Math.Round(lp.Optimum(i, maximize: false).Value, 6), Math.Round(lp.Optimum(i, maximize: true).Value, 6));
        }
        return ranges;
    }

    /// <summary>Suppressed cells tied together by relations, with the relations that tie them: each is audited on its own.</summary>
    private sealed record LinearSystem(List<string> Variables, List<FigureRelation> Relations)
    {
        public Dictionary<string, int> Index { get; } = Variables.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);

        /// <summary>Σ members − total = 0 per relation, with the published cells moved to the right-hand side.</summary>
        public List<(double[] A, double B)> Rows(IReadOnlyDictionary<string, int> values)
        {
            var rows = new List<(double[] A, double B)>();
            foreach (var r in Relations)
            {
                var a = new double[Variables.Count];
                double b = 0;
                foreach (var m in r.Members)
                {
                    if (Index.TryGetValue(m, out var j)) a[j] += 1;
                    else b -= values[m];
                }
                if (Index.TryGetValue(r.Total, out var t)) a[t] -= 1;
                else b += values[r.Total];
                rows.Add((a, b));
            }
            return rows;
        }
    }

    private static List<LinearSystem> Systems(IReadOnlyList<FigureRelation> relations, IReadOnlySet<string> suppressed)
    {
        var relevant = relations.Where(r => suppressed.Contains(r.Total) || r.Members.Any(suppressed.Contains)).ToList();
        var parent = suppressed.ToDictionary(s => s, s => s);
        string Find(string x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var r in relevant)
        {
            var inRelation = r.Members.Append(r.Total).Where(suppressed.Contains).ToList();
            for (var i = 1; i < inRelation.Count; i++) parent[Find(inRelation[i])] = Find(inRelation[0]);
        }
        var byRoot = relevant.GroupBy(r => Find(r.Members.Append(r.Total).First(suppressed.Contains))).ToDictionary(g => g.Key, g => g.ToList());
        return suppressed.GroupBy(Find).Select(g => new LinearSystem(g.OrderBy(v => v, StringComparer.Ordinal).ToList(),
            byRoot.GetValueOrDefault(g.Key) ?? [])).ToList();
    }

    /// <summary>
    /// The attacker's audit of one system. Each solved program yields a whole table consistent with what is published; a primary cell
    /// whose values over the tables found so far already span k values is safe without solving for it. Only the others are solved
    /// exactly (least and greatest), which is what keeps a national table's audit to seconds.
    /// </summary>
    private sealed class Audit(IReadOnlyDictionary<string, int> values, LinearSystem system)
    {
        public string? Exposed(IReadOnlySet<string> primary, int k)
        {
            var lp = new Simplex(system.Rows(values), system.Variables.Count);
            var low = new double[system.Variables.Count];
            var high = new double[system.Variables.Count];
            Array.Fill(low, double.PositiveInfinity);
            Array.Fill(high, double.NegativeInfinity);
            void Witness(double[]? x)
            {
                if (x is null) return;
                for (var j = 0; j < x.Length; j++)
                {
                    low[j] = Math.Min(low[j], x[j]);
                    high[j] = Math.Max(high[j], x[j]);
                }
            }
            for (var i = 0; i < system.Variables.Count; i++)
            {
                var key = system.Variables[i];
                if (!primary.Contains(key) || high[i] - low[i] >= k - 1 - 1e-6) continue;
                var min = lp.Optimum(i, maximize: false);
                Witness(min.Solution);
                if (high[i] - low[i] >= k - 1 - 1e-6) continue;
                var max = lp.Optimum(i, maximize: true);
                Witness(max.Solution);
                if (double.IsPositiveInfinity(max.Value)) continue;
                if (max.Value - min.Value < k - 1 - 1e-6) return key;
            }
            return null;
        }
    }

    /// <summary>
    /// A dense two-phase simplex for: optimise one variable subject to A x = b, x ≥ 0 (Bland's rule, so it never cycles). The
    /// systems here are a few hundred cells at most; exactness matters more than speed.
    /// </summary>
    private sealed class Simplex
    {
        private const double Eps = 1e-9;
        private readonly double[,] _tableau; // m constraint rows + 1 objective row; n columns + 1 right-hand side
        private readonly int[] _basis;
        private readonly int _m, _n;
        private readonly bool _feasible;

        public Simplex(List<(double[] A, double B)> rows, int n)
        {
            _m = rows.Count;
            _n = n;
            // Phase 1 over n + m columns (the m artificial ones last).
            var t = new double[_m + 1, n + _m + 1];
            var basis = new int[_m];
            for (var i = 0; i < _m; i++)
            {
                var sign = rows[i].B < 0 ? -1 : 1;
                for (var j = 0; j < n; j++) t[i, j] = sign * rows[i].A[j];
                t[i, n + i] = 1;
                t[i, n + _m] = sign * rows[i].B;
                basis[i] = n + i;
            }
            // Minimise the sum of the artificial variables: the objective row holds reduced costs (−Σ rows for the artificial basis).
            for (var i = 0; i < _m; i++)
            for (var j = 0; j <= n + _m; j++)
                if (j < n || j == n + _m) t[_m, j] -= t[i, j];
            Run(t, basis, n + _m);
            _feasible = t[_m, n + _m] > -1e-6;
            // Drive artificial variables out of the basis where a real column can take their place; a row that cannot is redundant.
            for (var i = 0; i < _m; i++)
            {
                if (basis[i] < n) continue;
                for (var j = 0; j < n; j++)
                {
                    if (Math.Abs(t[i, j]) <= Eps) continue;
                    Pivot(t, basis, i, j, n + _m);
                    break;
                }
            }
            _tableau = new double[_m + 1, n + 1];
            for (var i = 0; i < _m; i++)
            {
                for (var j = 0; j < n; j++) _tableau[i, j] = basis[i] < n ? t[i, j] : 0;
                _tableau[i, n] = basis[i] < n ? t[i, n + _m] : 0;
            }
            _basis = basis.Select(b => b < n ? b : -1).ToArray();
        }

        /// <summary>The least or greatest value of variable <paramref name="v"/>; ±∞ when unbounded, NaN when nothing is feasible.</summary>
        public (double Value, double[]? Solution) Optimum(int v, bool maximize)
        {
            if (!_feasible) return (double.NaN, null);
            var t = (double[,])_tableau.Clone();
            var basis = (int[])_basis.Clone();
            // Minimise c·x with c = e_v (or −e_v to maximise); the objective row holds reduced costs c_j − c_B B⁻¹ A_j.
            var c = maximize ? -1.0 : 1.0;
            t[_m, v] = c;
            for (var i = 0; i < _m; i++)
            {
                if (basis[i] != v) continue;
                for (var j = 0; j <= _n; j++) t[_m, j] -= c * t[i, j];
            }
            if (!Run(t, basis, _n, skipEmptyRows: true)) return (maximize ? double.PositiveInfinity : double.NegativeInfinity, null);
            var value = -t[_m, _n];
            var x = new double[_n];
            for (var i = 0; i < _m; i++)
                if (basis[i] >= 0) x[basis[i]] = t[i, _n];
            return (maximize ? -value : value, x);
        }

        /// <summary>Pivots until no reduced cost is negative. False when the objective is unbounded below.</summary>
        private bool Run(double[,] t, int[] basis, int columns, bool skipEmptyRows = false)
        {
            var m = basis.Length;
            for (var guard = 0; guard < 100_000; guard++)
            {
                var enter = -1;
                for (var j = 0; j < columns; j++)
                {
                    if (t[m, j] < -Eps) { enter = j; break; }
                }
                if (enter < 0) return true;
                var leave = -1;
                var best = double.PositiveInfinity;
                for (var i = 0; i < m; i++)
                {
                    if (skipEmptyRows && basis[i] < 0) continue;
                    if (t[i, enter] <= Eps) continue;
                    var ratio = t[i, columns] / t[i, enter];
                    if (ratio < best - Eps || (Math.Abs(ratio - best) <= Eps && leave >= 0 && basis[i] < basis[leave]))
                    {
                        best = ratio;
                        leave = i;
                    }
                }
                if (leave < 0) return false;
                Pivot(t, basis, leave, enter, columns);
            }
            throw new InvalidOperationException("The publication gate's audit did not converge.");
        }

        private static void Pivot(double[,] t, int[] basis, int row, int col, int columns)
        {
            var m = basis.Length;
            var p = t[row, col];
            for (var j = 0; j <= columns; j++) t[row, j] /= p;
            for (var i = 0; i <= m; i++)
            {
                if (i == row) continue;
                var f = t[i, col];
                if (Math.Abs(f) <= Eps) continue;
                for (var j = 0; j <= columns; j++) t[i, j] -= f * t[row, j];
            }
            basis[row] = col;
        }
    }
}
