using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Encounters;

namespace Section287.Features.Transparency;

/// <summary>A quarter of one kind as the public sees it: the nation, each state, and each agency of the area asked for.</summary>
public sealed record FigureRow(string Level, string Area, string State, string Name, int? Value, IReadOnlyDictionary<string, int?> Parts);

public sealed record FigureQuarter(string Quarter, DateOnly PublishedOn, IReadOnlyList<FigureRow> Rows);

public sealed record PublishedKind(string Code, string Name, string Definition, IReadOnlyList<(string Code, string Name)> Parts, DateOnly ApprovedOn,
    IReadOnlyList<FigureQuarter> Quarters);

public sealed record PublicFiguresView(string Level, string? State, int K, IReadOnlyList<PublishedKind> Kinds);

/// <summary>
/// Publishes and reads the public figures (issue 18). A kind approved for release (<see cref="ReleaseRequest"/>) is published
/// quarter by quarter, each quarter once, 30 days after it ends (<see cref="ReleaseRules.SettledQuarters"/>): its counts per agency
/// are summed from the measures' daily rows, to states and the nation, passed through <see cref="PublicationGate"/> together (so the
/// sums cannot recover what it suppressed) and stored as published. A published quarter is never computed again: later corrections to
/// the records change the staff measures, not what the public was shown, so no two releases can be differenced.
/// </summary>
public sealed class PublicFigures(AppDbContext db, ReadDb read, ChangeContext change, TimeProvider clock, IConfiguration configuration)
{
    /// <summary>Days after a quarter ends before it is published: the late-entry window.</summary>
    public const int SettleDays = 30;

    /// <summary>The small-cell threshold: <c>Transparency:SmallCellK</c>, 11 unless the program office sets another (never below 2).</summary>
    public int K => Math.Max(2, configuration.GetValue("Transparency:SmallCellK", PublicationGate.DefaultK));

    public static string QuarterOf(DateOnly day) => $"{day.Year}Q{(day.Month - 1) / 3 + 1}";

    public static (DateOnly First, DateOnly Last) Bounds(string quarter)
    {
        var year = int.Parse(quarter[..4], System.Globalization.CultureInfo.InvariantCulture);
        var q = quarter[5] - '0';
        var first = new DateOnly(year, (q - 1) * 3 + 1, 1);
        return (first, first.AddMonths(3).AddDays(-1));
    }

    /// <summary>The quarters from the one holding <paramref name="earliest"/> whose settling period has passed by <paramref name="today"/>.</summary>
    public static IEnumerable<string> SettledQuarters(DateOnly earliest, DateOnly today)
    {
        for (var first = new DateOnly(earliest.Year, (earliest.Month - 1) / 3 * 3 + 1, 1); first.AddMonths(3).AddDays(SettleDays - 1) < today; first = first.AddMonths(3))
            yield return QuarterOf(first);
    }

    /// <summary>Publishes every settled quarter of every approved kind not published yet; the sweep runs it, and an approval does.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var approved = await db.ReleaseRequests.AsNoTracking().Where(r => r.Status == ReleaseStatus.Approved)
            .Select(r => new { r.Kind, r.Id, r.ApprovedAt }).ToListAsync(ct);
        if (approved.Count == 0) return 0;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var done = (await db.FigurePublications.AsNoTracking().Select(p => new { p.Kind, p.Quarter }).ToListAsync(ct))
            .Select(p => (p.Kind, p.Quarter)).ToHashSet();
        var published = 0;
        foreach (var release in approved.GroupBy(a => a.Kind).Select(g => g.OrderBy(a => a.ApprovedAt).First()))
        {
            if (FigureKinds.ByCode(release.Kind) is not { } kind) continue;
            // Each kind from the first day it has anything to count: a quarter before it would publish only zeros.
            if (await kind.Source.EarliestAsync(db, ct) is not { } earliest) continue;
            foreach (var quarter in SettledQuarters(earliest, today))
            {
                if (done.Contains((kind.Code, quarter))) continue;
                if (await PublishAsync(kind, quarter, release.Id, ct)) published++;
            }
        }
        return published;
    }

    /// <summary>Computes, gates and stores one quarter of one kind, in one unit of work with its (audited) publication record.</summary>
    private async Task<bool> PublishAsync(FigureKind kind, string quarter, Guid releaseId, CancellationToken ct)
    {
        var (first, last) = Bounds(quarter);
        var counts = await kind.Source.CountAsync(db, FigurePeriod.Of(first, last), ct);
        var agencyIds = counts.Select(s => s.AgencyId).Distinct().ToList();
        var states = await db.Agencies.AsNoTracking().IgnoreQueryFilters().Where(a => agencyIds.Contains(a.Id))
            .Select(a => new { a.Id, a.State }).ToDictionaryAsync(a => a.Id, a => a.State, ct);

        // The table: agencies, states and the nation, each with the figure and its parts; every sum the public can form is a relation.
        var cells = new Dictionary<string, int>();
        var relations = new List<FigureRelation>();
        var partCodes = kind.Parts.Select(p => p.Code).ToList();
        var columns = partCodes.Prepend("").ToList();
        static string Key(string area, string part) => part.Length == 0 ? area : $"{area}|{part}";
        var byState = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var agency in counts.GroupBy(s => s.AgencyId))
        {
            var area = agency.Key.ToString();
            // A kind with parts is their sum; a kind without is its one count.
            cells[Key(area, "")] = agency.Sum(c => c.Value);
            foreach (var part in kind.Parts) cells[Key(area, part.Code)] = agency.Where(c => c.Part == part.Code).Sum(c => c.Value);
            var state = states.GetValueOrDefault(agency.Key) ?? "";
            (byState.TryGetValue(state, out var list) ? list : byState[state] = []).Add(area);
        }
        void Roll(string parent, IReadOnlyList<string> children)
        {
            foreach (var column in columns)
            {
                cells[Key(parent, column)] = children.Sum(c => cells[Key(c, column)]);
                relations.Add(new FigureRelation(Key(parent, column), children.Select(c => Key(c, column)).ToList()));
            }
        }
        foreach (var (state, agencies) in byState) Roll($"state:{state}", agencies);
        Roll("nation", byState.Keys.Select(s => $"state:{s}").ToList());
        if (partCodes.Count > 0)
        {
            foreach (var area in cells.Keys.Where(k => !k.Contains('|')).ToList())
                relations.Add(new FigureRelation(area, partCodes.Select(p => Key(area, p)).ToList()));
        }

        var gated = PublicationGate.Apply(cells.Select(c => new FigureCell(c.Key, c.Value)).ToList(), relations, K);
        var now = clock.GetUtcNow().UtcDateTime;
        var stateOf = byState.SelectMany(s => s.Value.Select(a => (a, s.Key))).ToDictionary(p => p.a, p => p.Key);
        var rows = gated.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
        {
            var (area, part) = v.Key.Split('|') is [var a, var p] ? (a, p) : (v.Key, "");
            var (level, code, state) = area == "nation" ? ("nation", "nation", "")
                : area.StartsWith("state:", StringComparison.Ordinal) ? ("state", area[6..], area[6..])
                : ("agency", area, stateOf[area]);
            return new PublishedFigure
            {
                Kind = kind.Code, Quarter = quarter, Level = level, Area = code, State = state, Part = part, Value = v.Value,
                ReleaseId = releaseId, PublishedAt = now,
            };
        }).ToList();
        db.PublishedFigures.AddRange(rows);
        var text = string.Join('\n', rows.Select(r => $"{r.Level}|{r.Area}|{r.Part}|{r.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));
        db.FigurePublications.Add(new FigurePublication
        {
            Kind = kind.Code, Quarter = quarter, ReleaseId = releaseId, PublishedAt = now, Cells = rows.Count,
            Suppressed = rows.Count(r => r.Value is null), K = gated.K, Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        });
        change.For("figures.publish", $"Published {kind.NameEn} for {quarter}: {rows.Count} cells, {rows.Count(r => r.Value is null)} suppressed (k = {gated.K})");
        // Another instance's sweep may have published the same quarter a moment before: its unique key wins, and this one lets go.
        var stale = await db.SaveOrStaleAsync(ct);
        db.ChangeTracker.Clear();
        return stale is null;
    }

    /// <summary>
    /// What the public reads: every approved kind with its published quarters, newest first, for the nation and its states, or for one
    /// state and its agencies. Nothing here is computed from records: only published cells are read.
    /// </summary>
    public async Task<PublicFiguresView> ReadAsync(string? state, bool spanish, CancellationToken ct)
    {
        var code = string.IsNullOrWhiteSpace(state) ? null : state.Trim().ToUpperInvariant();
        var query = read.Context.PublishedFigures.AsNoTracking();
        query = code is null ? query.Where(f => f.Level == "nation" || f.Level == "state") : query.Where(f => (f.Level == "state" && f.Area == code) || (f.Level == "agency" && f.State == code));
        return new PublicFiguresView(code is null ? "nation" : "state", code, K, await KindsAsync(query, spanish, ct));
    }

    /// <summary>One agency's published rows, every approved kind and quarter (for the agency's public page).</summary>
    public async Task<PublicFiguresView> AgencyAsync(Guid agencyId, bool spanish, CancellationToken ct)
    {
        var area = agencyId.ToString();
        var query = read.Context.PublishedFigures.AsNoTracking().Where(f => f.Level == "agency" && f.Area == area);
        return new PublicFiguresView("agency", null, K, await KindsAsync(query, spanish, ct));
    }

    private async Task<List<PublishedKind>> KindsAsync(IQueryable<PublishedFigure> query, bool spanish, CancellationToken ct)
    {
        var approved = await read.Context.ReleaseRequests.AsNoTracking().Where(r => r.Status == ReleaseStatus.Approved)
            .Select(r => new { r.Kind, r.ApprovedAt }).ToListAsync(ct);
        if (approved.Count == 0) return [];
        var figures = await query.ToListAsync(ct);
        var agencyIds = figures.Where(f => f.Level == "agency").Select(f => Guid.Parse(f.Area)).Distinct().ToList();
        var names = await read.Context.Agencies.AsNoTracking().IgnoreQueryFilters().Where(a => agencyIds.Contains(a.Id)).Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id.ToString(), a => a.Name, ct);
        var kinds = new List<PublishedKind>();
        foreach (var kind in FigureKinds.All)
        {
            var release = approved.Where(a => a.Kind == kind.Code).OrderBy(a => a.ApprovedAt).FirstOrDefault();
            if (release?.ApprovedAt is not { } approvedAt) continue;
            var quarters = figures.Where(f => f.Kind == kind.Code).GroupBy(f => f.Quarter).OrderByDescending(g => g.Key, StringComparer.Ordinal)
                .Select(q => new FigureQuarter(q.Key, DateOnly.FromDateTime(q.Min(f => f.PublishedAt)),
                    q.GroupBy(f => (f.Level, f.Area)).OrderBy(g => g.Key.Level switch { "nation" => 0, "state" => 1, _ => 2 })
                        .ThenBy(g => g.Key.Level == "agency" ? names.GetValueOrDefault(g.Key.Area, "") : g.Key.Area, StringComparer.Ordinal)
                        .Select(g => new FigureRow(g.Key.Level, g.Key.Area, g.First().State,
                            g.Key.Level == "agency" ? names.GetValueOrDefault(g.Key.Area, "") : g.Key.Area,
                            g.FirstOrDefault(f => f.Part == "")?.Value,
                            g.Where(f => f.Part != "").ToDictionary(f => f.Part, f => f.Value))).ToList())).ToList();
            kinds.Add(new PublishedKind(kind.Code, kind.Name(spanish), kind.Definition(spanish),
                kind.Parts.Select(p => (p.Code, spanish ? p.NameEs : p.NameEn)).ToList(), DateOnly.FromDateTime(approvedAt), quarters));
        }
        return kinds;
    }
}
