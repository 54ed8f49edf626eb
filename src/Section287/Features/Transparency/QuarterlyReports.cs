using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Common.Pdf;
using Section287.Data;
using Section287.Data.Reference;

namespace Section287.Features.Transparency;

/// <summary>
/// A quarterly report as published: the nation's or one agency's, in English or Spanish, archived byte for byte with the day it was
/// published. Not audited row by row (its content is the published figures, whose publications are); its SHA-256 is kept.
/// </summary>
public sealed class QuarterlyReport
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>"nation", or the agency's id.</summary>
    public string Scope { get; init; } = "";

    public string Quarter { get; init; } = "";

    public string Language { get; init; } = "en";

    public DateTime PublishedAt { get; init; }

    public string Sha256 { get; init; } = "";

    public int Bytes { get; init; }

    public byte[] Content { get; init; } = [];
}

public sealed record ReportListing(string Scope, string Quarter, string Language, DateOnly PublishedOn, string Url);

/// <summary>
/// Quarterly reports (issue 18): a tagged PDF per quarter for the nation and for each agency, in English and Spanish, made only from
/// published figures (so through the publication gate, never from records), with a table and a chart per kind. Publishing reports is
/// itself a release (<see cref="ReleaseKind"/>) that ICE's public affairs and privacy offices approve. The nation's reports are made on
/// schedule, by the sweep, as soon as a quarter's figures are published; an agency's on first request (there are two thousand agencies
/// and most quarters of most are never read). Either way a report is made once and served from the archive ever after.
/// </summary>
public sealed class QuarterlyReports(AppDbContext db, PublicFigures figures, ReferenceData reference, TimeProvider clock, IServiceScopeFactory scopes)
{
    public const string ReleaseKind = "quarterly-reports";
    public const string ReleaseNameEn = "Quarterly reports (PDF)";

    public static bool IsReleaseKind(string? code) => string.Equals(code?.Trim(), ReleaseKind, StringComparison.OrdinalIgnoreCase);

    public static readonly string[] Languages = ["en", "es"];

    private Task<bool> ReleasedAsync(CancellationToken ct) =>
        db.ReleaseRequests.AsNoTracking().AnyAsync(r => r.Kind == ReleaseKind && r.Status == ReleaseStatus.Approved, ct);

    /// <summary>The sweep's part: every published quarter without its national reports gets them (once released).</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        if (!await ReleasedAsync(ct)) return 0;
        var quarters = await db.FigurePublications.AsNoTracking().Select(p => p.Quarter).Distinct().ToListAsync(ct);
        var made = await db.QuarterlyReports.AsNoTracking().Where(r => r.Scope == "nation").Select(r => new { r.Quarter, r.Language }).ToListAsync(ct);
        var count = 0;
        foreach (var quarter in quarters.Order(StringComparer.Ordinal))
            foreach (var language in Languages)
                if (!made.Any(m => m.Quarter == quarter && m.Language == language) && await MakeAsync("nation", quarter, language, ct) is not null) count++;
        return count;
    }

    /// <summary>The archive: every report made, newest quarter first, for the nation or one agency.</summary>
    public async Task<IReadOnlyList<ReportListing>> ListAsync(string scope, CancellationToken ct) =>
        (await db.QuarterlyReports.AsNoTracking().Where(r => r.Scope == scope).OrderByDescending(r => r.Quarter).ThenBy(r => r.Language)
            .Select(r => new { r.Scope, r.Quarter, r.Language, r.PublishedAt }).ToListAsync(ct))
        .Select(r => new ReportListing(r.Scope, r.Quarter, r.Language, DateOnly.FromDateTime(r.PublishedAt), Url(r.Scope, r.Quarter, r.Language))).ToList();

    /// <summary>The quarters an agency's report can be asked for: those with any of its figures published (once reports are released).</summary>
    public async Task<IReadOnlyList<string>> AgencyQuartersAsync(Guid agencyId, CancellationToken ct)
    {
        if (!await ReleasedAsync(ct)) return [];
        var area = agencyId.ToString();
        return await db.PublishedFigures.AsNoTracking().Where(f => f.Level == "agency" && f.Area == area).Select(f => f.Quarter).Distinct()
            .OrderByDescending(q => q).ToListAsync(ct);
    }

    public static string Url(string scope, string quarter, string language) =>
        (scope == "nation" ? $"/api/v1/reports/nation/{quarter}.pdf" : $"/api/v1/reports/agencies/{scope}/{quarter}.pdf") + (language == "es" ? "?lang=es" : "");

    /// <summary>
    /// A report from the archive, made now if it is due and not made yet; null when reports are not released, or the quarter has
    /// nothing published for that scope.
    /// </summary>
    public async Task<QuarterlyReport?> GetAsync(string scope, string quarter, string language, CancellationToken ct)
    {
        var archived = await db.QuarterlyReports.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Quarter == quarter && r.Language == language, ct);
        if (archived is not null || !await ReleasedAsync(ct)) return archived;
        // The reader is the public: the report is written by the system, as the sweep would, in a unit of work of its own.
        await using var system = scopes.CreateAsyncScope();
        system.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
        system.ServiceProvider.GetRequiredService<Audit.ChangeContext>().As("system", "quarterly report made on first request");
        return await system.ServiceProvider.GetRequiredService<QuarterlyReports>().MakeAsync(scope, quarter, language, ct);
    }

    private async Task<QuarterlyReport?> MakeAsync(string scope, string quarter, string language, CancellationToken ct)
    {
        var spanish = language == "es";
        var culture = CultureInfo.GetCultureInfo(spanish ? "es-US" : "en-US");
        string W(string key, params object[] args) => string.Format(culture, spanish ? Texts.All[key].Es : Texts.All[key].En, args);
        var nation = await figures.ReadAsync(null, spanish, ct);
        var kinds = nation.Kinds.Select(k => (Kind: k, Quarter: k.Quarters.FirstOrDefault(q => q.Quarter == quarter))).Where(k => k.Quarter is not null).ToList();
        string title;
        List<(PublishedKind Kind, FigureQuarter Quarter, List<FigureRow> Rows, IReadOnlyList<(string, double)> Chart, string ChartAlt)> sections = [];
        string Area(FigureRow row) => row.Level switch
        {
            "nation" => W("figures.nation"),
            "state" => reference.StateByCode(row.Area)?.Name ?? row.Area,
            _ => row.Name,
        };
        string Number(int? value) => value?.ToString("N0", culture) ?? W("figures.hidden");
        if (scope == "nation")
        {
            if (kinds.Count == 0) return null;
            title = W("report.title.nation", quarter);
            foreach (var (kind, q) in kinds)
            {
                var states = q!.Rows.Where(r => r.Level == "state" && r.Value is not null).OrderByDescending(r => r.Value).Take(15)
                    .Select(r => (Area(r), (double)r.Value!.Value)).ToList();
                sections.Add((kind, q, q.Rows.ToList(), states, W("report.chart.states", kind.Name, string.Join("; ", states.Select(s => $"{s.Item1} {s.Item2.ToString("N0", culture)}")))));
            }
        }
        else
        {
            if (!Guid.TryParse(scope, out var agencyId)) return null;
            var own = await figures.AgencyAsync(agencyId, spanish, ct);
            var agency = await db.Agencies.AsNoTracking().IgnoreQueryFilters().Where(a => a.Id == agencyId).Select(a => new { a.Name, a.State }).FirstOrDefaultAsync(ct);
            if (agency is null) return null;
            var state = await figures.ReadAsync(agency.State, spanish, ct);
            var owned = own.Kinds.Select(k => (Kind: k, Quarter: k.Quarters.FirstOrDefault(q => q.Quarter == quarter))).Where(k => k.Quarter is not null).ToList();
            if (owned.Count == 0) return null;
            title = W("report.title.agency", agency.Name, quarter);
            foreach (var (kind, q) in owned)
            {
                // The agency, its state and the nation side by side; the chart follows the agency over its published quarters.
                var rows = q!.Rows.ToList();
                rows.AddRange(state.Kinds.FirstOrDefault(k => k.Code == kind.Code)?.Quarters.FirstOrDefault(x => x.Quarter == quarter)?.Rows.Where(r => r.Level == "state") ?? []);
                rows.AddRange(nation.Kinds.FirstOrDefault(k => k.Code == kind.Code)?.Quarters.FirstOrDefault(x => x.Quarter == quarter)?.Rows.Where(r => r.Level == "nation") ?? []);
                var history = kind.Quarters.Where(x => string.CompareOrdinal(x.Quarter, quarter) <= 0).Take(8).Reverse()
                    .Where(x => x.Rows.FirstOrDefault()?.Value is not null).Select(x => (x.Quarter, (double)x.Rows[0].Value!.Value)).ToList();
                sections.Add((kind, q, rows, history, W("report.chart.quarters", kind.Name, string.Join("; ", history.Select(h => $"{h.Item1} {h.Item2.ToString("N0", culture)}")))));
            }
        }

        var published = clock.GetUtcNow().UtcDateTime;
        var pdf = new TaggedPdf(title, spanish ? "es-US" : "en-US") { Subject = W("report.subject") };
        pdf.Add(PdfTag.H1, title);
        pdf.Add(PdfTag.P, W("report.intro", quarter, published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), figures.K - 1));
        foreach (var (kind, q, rows, chart, alt) in sections)
        {
            pdf.Add(PdfTag.H2, kind.Name);
            pdf.Add(PdfTag.P, $"{kind.Definition} {W("figures.approvedon", kind.ApprovedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))} "
                + W("report.quarterpublished", q.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
            pdf.Table(W("figures.caption", kind.Name, quarter, q.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                [W("figures.areacol"), kind.Name, .. kind.Parts.Select(p => p.Name)],
                rows.Select(r => (IReadOnlyList<string>)[Area(r), Number(r.Value), .. kind.Parts.Select(p => Number(r.Parts.GetValueOrDefault(p.Code)))]).ToList());
            if (chart.Count > 0) pdf.BarChart(alt, chart);
        }
        pdf.Add(PdfTag.P, W("report.method"));
        var bytes = pdf.ToBytes();
        var report = new QuarterlyReport
        {
            Scope = scope, Quarter = quarter, Language = language, PublishedAt = published, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
            Bytes = bytes.Length, Content = bytes,
        };
        db.QuarterlyReports.Add(report);
        // Two readers asking for the same new report at once: the archive's unique key keeps the first, and the second serves it.
        if (await db.SaveOrStaleAsync(ct) is not null)
        {
            db.ChangeTracker.Clear();
            return await db.QuarterlyReports.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Quarter == quarter && r.Language == language, ct);
        }
        db.ChangeTracker.Clear();
        return report;
    }
}

/// <summary>The sweep's watch that makes the nation's reports of newly published quarters, after the figures (Order 20).</summary>
internal sealed class ReportsPublicationTick(QuarterlyReports reports) : Deadlines.IWatch
{
    public int Order => 21;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var made = await reports.PublishDueAsync(ct);
        return made > 0 ? (LogLevel.Information, $"{made} national quarterly reports published") : null;
    }
}
