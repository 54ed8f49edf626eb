using Section287.Features.Transparency;

namespace Section287.Tests.Features.Transparency;

/// <summary>
/// Issue 18, "safe to publish, by construction": small cells are suppressed, and complementary suppression leaves no suppressed
/// cell that can be worked out from what is published. The attacker here is independent of the gate's own audit: a search over
/// whole-number tables (constraint propagation and backtracking) that counts how many values a suppressed cell can take.
/// </summary>
public sealed class PublicationGateTests
{
    [Fact]
    public void ASmallCount_IsSuppressed_AndZeroAndLargeCountsArePublished()
    {
        var gated = PublicationGate.Apply([new("a", 0), new("b", 5), new("c", 11), new("d", 10)], [], k: 11);
        gated.Values["a"].ShouldBe(0);
        gated.Values["b"].ShouldBeNull();
        gated.Values["c"].ShouldBe(11);
        gated.Values["d"].ShouldBeNull();
        gated.Primary.ShouldBe(["b", "d"], ignoreOrder: true);
        gated.Complementary.ShouldBeEmpty();
    }

    [Fact]
    public void ALoneSmallCellInASum_TakesAnotherCellWithIt()
    {
        // Detainers requested 40 = issued 31 + declined 3 + withdrawn 6: hiding 3 and 6 alone still says 9 between them.
        var cells = new FigureCell[] { new("requested", 40), new("issued", 31), new("declined", 3), new("withdrawn", 6) };
        var relations = new FigureRelation[] { new("requested", ["issued", "declined", "withdrawn"]) };

        var primaryOnly = PublicationGate.FeasibleRanges(cells.ToDictionary(c => c.Key, c => c.Value), relations, new HashSet<string> { "declined", "withdrawn" });
        primaryOnly["declined"].ShouldBe((0d, 9d));

        var gated = PublicationGate.Apply(cells, relations, k: 11);
        gated.Complementary.ShouldBe(["issued"]);
        gated.Values["requested"].ShouldBe(40);
        Attacker.PossibleValues(gated, cells, relations, "declined", limit: 11).ShouldBeGreaterThanOrEqualTo(11);
    }

    [Fact]
    public void WithoutComplementarySuppression_TheAttackerRecoversACell()
    {
        // The control that shows the attacker works: a state of two agencies, one small, with the state's total published.
        var cells = new FigureCell[] { new("state", 30), new("a1", 4), new("a2", 26) };
        var relations = new FigureRelation[] { new("state", ["a1", "a2"]) };
        var primaryOnly = new GatedTable
        {
            Values = new Dictionary<string, int?> { ["state"] = 30, ["a1"] = null, ["a2"] = 26 },
            Primary = new HashSet<string> { "a1" }, Complementary = new HashSet<string>(), K = 11,
        };
        Attacker.PossibleValues(primaryOnly, cells, relations, "a1", limit: 11).ShouldBe(1);

        var gated = PublicationGate.Apply(cells, relations);
        gated.Values["a2"].ShouldBeNull();
        Attacker.PossibleValues(gated, cells, relations, "a1", limit: 11).ShouldBe(11);
    }

    [Fact]
    public void ACycleOfSmallCells_IsWidenedUntilNoCellIsNarrowedBelowK()
    {
        // Two agencies × two parts, all four small, with every row and column total published: the four hidden cells move together
        // along the cycle, so each is known to within a few values unless more is hidden.
        var cells = new FigureCell[]
        {
            new("a1.x", 3), new("a1.y", 4), new("a1", 7), new("a2.x", 2), new("a2.y", 5), new("a2", 7),
            new("s.x", 5), new("s.y", 9), new("s", 14),
        };
        var relations = new FigureRelation[]
        {
            new("a1", ["a1.x", "a1.y"]), new("a2", ["a2.x", "a2.y"]), new("s", ["s.x", "s.y"]),
            new("s.x", ["a1.x", "a2.x"]), new("s.y", ["a1.y", "a2.y"]), new("s", ["a1", "a2"]),
        };
        var gated = PublicationGate.Apply(cells, relations, k: 11);
        foreach (var p in gated.Primary)
            Attacker.PossibleValues(gated, cells, relations, p, limit: 11).ShouldBeGreaterThanOrEqualTo(11, p);
    }

    [Fact]
    public void RandomTablesOfStatesAgenciesAndParts_NeverGiveASuppressedCellAway()
    {
        // The property test of issue 18: everything published (every cell not suppressed, every sum the public can form) is handed
        // to the attacker, who must fail to narrow any primary cell to fewer than k values. Seeded, so a failure reproduces.
        var random = new Random(287);
        var tables = 0;
        var suppressedSeen = 0;
        var withComplementary = 0;
        for (var round = 0; round < 60; round++)
        {
            var (cells, relations) = Table.Random(random);
            var k = random.Next(0, 2) == 0 ? 11 : 5;
            var gated = PublicationGate.Apply(cells, relations, k);
            tables++;
            suppressedSeen += gated.Primary.Count;
            if (gated.Complementary.Count > 0) withComplementary++;
            foreach (var c in cells)
                if (c.Value > 0 && c.Value < k) gated.Values[c.Key].ShouldBeNull($"round {round}: {c.Key} = {c.Value} is below k = {k}");
            foreach (var p in gated.Primary)
                Attacker.PossibleValues(gated, cells, relations, p, limit: k).ShouldBeGreaterThanOrEqualTo(k, $"round {round}: {p}");
        }
        tables.ShouldBe(60);
        suppressedSeen.ShouldBeGreaterThan(100);
        withComplementary.ShouldBeGreaterThan(30);
    }

    /// <summary>Random tables shaped as the public figures are: agencies within states within the nation, a figure and its parts.</summary>
    private static class Table
    {
        public static (List<FigureCell>, List<FigureRelation>) Random(Random random)
        {
            var states = random.Next(1, 4);
            var parts = random.Next(2, 4);
            var cells = new Dictionary<string, int>();
            var relations = new List<FigureRelation>();
            var stateKeys = new List<string>();
            for (var s = 0; s < states; s++)
            {
                var agencies = random.Next(1, 4);
                var agencyKeys = new List<string>();
                for (var a = 0; a < agencies; a++)
                {
                    var key = $"s{s}.a{a}";
                    agencyKeys.Add(key);
                    var sum = 0;
                    for (var p = 0; p < parts; p++)
                    {
                        var v = random.Next(0, 10) < 6 ? random.Next(0, 13) : random.Next(11, 60);
                        cells[$"{key}.p{p}"] = v;
                        sum += v;
                    }
                    cells[key] = sum;
                    relations.Add(new(key, Enumerable.Range(0, parts).Select(p => $"{key}.p{p}").ToList()));
                }
                var state = $"s{s}";
                stateKeys.Add(state);
                Sum(cells, relations, state, agencyKeys, parts);
            }
            Sum(cells, relations, "nation", stateKeys, parts);
            return (cells.Select(kv => new FigureCell(kv.Key, kv.Value)).ToList(), relations);
        }

        private static void Sum(Dictionary<string, int> cells, List<FigureRelation> relations, string parent, List<string> children, int parts)
        {
            for (var p = 0; p < parts; p++)
            {
                cells[$"{parent}.p{p}"] = children.Sum(c => cells[$"{c}.p{p}"]);
                relations.Add(new($"{parent}.p{p}", children.Select(c => $"{c}.p{p}").ToList()));
            }
            cells[parent] = children.Sum(c => cells[c]);
            relations.Add(new(parent, children));
            relations.Add(new(parent, Enumerable.Range(0, parts).Select(p => $"{parent}.p{p}").ToList()));
        }
    }

    /// <summary>
    /// Someone with everything published: for a suppressed cell, how many whole values it can take in some table of non-negative
    /// counts that agrees with every published cell and every sum (searched outward from the true value, up to a limit).
    /// </summary>
    private static class Attacker
    {
        public static int PossibleValues(GatedTable gated, IReadOnlyList<FigureCell> truth, IReadOnlyList<FigureRelation> relations, string target, int limit)
        {
            var unknown = gated.Values.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList();
            var index = unknown.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i);
            var equations = new List<(int[] Vars, int[] Coef, int Rhs)>();
            foreach (var r in relations)
            {
                var vars = new List<int>();
                var coef = new List<int>();
                var rhs = 0;
                foreach (var (key, sign) in r.Members.Select(m => (m, 1)).Append((r.Total, -1)))
                {
                    if (index.TryGetValue(key, out var i)) { vars.Add(i); coef.Add(sign); }
                    else rhs -= sign * gated.Values[key]!.Value;
                }
                if (vars.Count > 0) equations.Add((vars.ToArray(), coef.ToArray(), rhs));
            }
            // No count exceeds the sum of everything in the table, which bounds the search.
            var cap = truth.Sum(c => c.Value) + 1;
            var t = index[target];
            var actual = truth.Single(c => c.Key == target).Value;
            var found = 0;
            for (var d = 0; found < limit && (actual - d >= 0 || actual + d <= cap); d++)
            {
                foreach (var v in d == 0 ? [actual] : new[] { actual - d, actual + d })
                {
                    if (v < 0 || v > cap || found >= limit) continue;
                    var lo = Enumerable.Repeat(0, unknown.Count).ToArray();
                    var hi = Enumerable.Repeat(cap, unknown.Count).ToArray();
                    lo[t] = hi[t] = v;
                    if (Feasible(equations, lo, hi)) found++;
                }
                if (d > 400) break;
            }
            return found;
        }

        private static bool Feasible(List<(int[] Vars, int[] Coef, int Rhs)> equations, int[] lo, int[] hi)
        {
            if (!Propagate(equations, lo, hi)) return false;
            var pick = -1;
            for (var i = 0; i < lo.Length; i++)
                if (lo[i] < hi[i] && (pick < 0 || hi[i] - lo[i] < hi[pick] - lo[pick])) pick = i;
            if (pick < 0) return equations.All(e => e.Vars.Select((v, j) => e.Coef[j] * lo[v]).Sum() == e.Rhs);
            for (var v = lo[pick]; v <= hi[pick]; v++)
            {
                var l = (int[])lo.Clone();
                var h = (int[])hi.Clone();
                l[pick] = h[pick] = v;
                if (Feasible(equations, l, h)) return true;
            }
            return false;
        }

        /// <summary>Bounds consistency on Σ coef·x = rhs with coefficients ±1, to a fixed point. False when a domain empties.</summary>
        private static bool Propagate(List<(int[] Vars, int[] Coef, int Rhs)> equations, int[] lo, int[] hi)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var (vars, coef, rhs) in equations)
                {
                    long minSum = 0, maxSum = 0;
                    for (var j = 0; j < vars.Length; j++)
                    {
                        minSum += coef[j] > 0 ? lo[vars[j]] : -hi[vars[j]];
                        maxSum += coef[j] > 0 ? hi[vars[j]] : -lo[vars[j]];
                    }
                    if (rhs < minSum || rhs > maxSum) return false;
                    for (var j = 0; j < vars.Length; j++)
                    {
                        var x = vars[j];
                        var ownMin = coef[j] > 0 ? lo[x] : -hi[x];
                        var ownMax = coef[j] > 0 ? hi[x] : -lo[x];
                        // coef·x = rhs − (others), others ∈ [minSum − ownMin, maxSum − ownMax]
                        var termLo = rhs - (maxSum - ownMax);
                        var termHi = rhs - (minSum - ownMin);
                        var newLo = coef[j] > 0 ? termLo : -termHi;
                        var newHi = coef[j] > 0 ? termHi : -termLo;
                        if (newLo > lo[x]) { lo[x] = (int)newLo; changed = true; }
                        if (newHi < hi[x]) { hi[x] = (int)newHi; changed = true; }
                        if (lo[x] > hi[x]) return false;
                    }
                    if (changed) break;
                }
            }
            return true;
        }
    }
}
