using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Audit;

namespace Section287.Features.Evaluation;

/// <summary>
/// One imported version of the county-year crime panel: reference data, kept with its source and version so that an
/// evaluation says which data it stands on. Versions are never edited or deleted; the newest is the one evaluations use.
/// </summary>
public sealed class CrimePanel : IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Where the figures come from, in words (cited on every evaluation).</summary>
    public required string Source { get; init; }

    /// <summary>The version as its publisher or assembler names it.</summary>
    public required string Version { get; init; }

    /// <summary>SHA-256 over the year files' own SHA-256s in year order: the same files always give the same value.</summary>
    public required string Sha256 { get; init; }

    public int FirstYear { get; init; }

    public int LastYear { get; init; }

    public int Counties { get; init; }

    public int Rows { get; init; }

    public DateTime ImportedAt { get; init; }

    public required string ImportedBy { get; init; }
}

/// <summary>
/// One county's year in a panel: population and the FBI's index crime rates per 100,000 residents. Null where the panel has
/// no value. Rows are written in bulk under their panel's audited entry (whose SHA-256 fixes them), not one audit entry each.
/// </summary>
public sealed class CountyCrimeYear
{
    public Guid PanelId { get; init; }

    public required string CountyFips { get; init; }

    public int Year { get; init; }

    public double? Population { get; init; }

    public double? ViolentRate { get; init; }

    public double? PropertyRate { get; init; }
}

/// <summary>The panel's year files read into rows, with what identifies them.</summary>
public sealed record PanelFiles(int FirstYear, int LastYear, string Sha256, IReadOnlyList<CountyCrimeYear> Rows, int Counties);

/// <summary>
/// Imports the county-year crime panel: one JSON object per year (<c>YYYY.json</c>, keyed by 5-digit county FIPS, each with
/// <c>population</c>, <c>county_violent_crime_rate</c> and <c>county_property_crime_rate</c>), as assembled from Jacob
/// Kaplan's concatenation of the FBI's Uniform Crime Reporting files. The app ships the 2009–2024 panel and loads it on a
/// first start; a newer panel (another year published) is imported with the <c>import-crime-panel</c> command.
/// </summary>
public sealed class CrimePanels(AppDbContext db, ChangeContext change, TimeProvider clock)
{
    public const string BundledSource =
        "FBI Uniform Crime Reporting, offenses known to police, summed from agencies to counties by Jacob Kaplan's concatenated "
        + "files (openICPSR 100707, version 22); county panel assembled by jedediahpidareese-coder/firearms-regulation-map "
        + "(docs/data/county/, commit 44170c19); population from the Census Bureau's estimates (PEP)";

    public const string BundledVersion = "openICPSR 100707 v22, panel commit 44170c19, 2009–2024";

    public const int BundledFirstYear = 2009, BundledLastYear = 2024;

    /// <summary>More counties than the United States has is no county panel.</summary>
    private const int MaxCounties = 4_000;

    public static string BundledName(int year) => $"crime-county-year-{year}.json.gz";

    public Task<CrimePanel?> NewestAsync(CancellationToken ct) =>
        db.CrimePanels.AsNoTracking().OrderByDescending(p => p.ImportedAt).ThenByDescending(p => p.Id).FirstOrDefaultAsync(ct);

    /// <summary>Reads the year files (each a stream of JSON) into rows; a malformed file is refused with the reason.</summary>
    public static Result<PanelFiles> Read(IReadOnlyList<(int Year, Stream Json)> years)
    {
        if (years.Count < 2) return Error.Invalid("evaluation.panel_years", "A crime panel needs at least two years.");
        var ordered = years.OrderBy(y => y.Year).ToList();
        for (var i = 1; i < ordered.Count; i++)
            if (ordered[i].Year != ordered[i - 1].Year + 1)
                return Error.Invalid("evaluation.panel_years", $"The panel's years must follow each other; {ordered[i - 1].Year} is followed by {ordered[i].Year}.");

        var rows = new List<CountyCrimeYear>();
        var hashes = new List<byte>();
        var counties = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (year, stream) in ordered)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            hashes.AddRange(SHA256.HashData(buffer.ToArray()));
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(buffer.ToArray());
            }
            catch (JsonException e)
            {
                return Error.Invalid("evaluation.panel_json", $"The file for {year} is not JSON: {e.Message}");
            }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    return Error.Invalid("evaluation.panel_json", $"The file for {year} must be one object keyed by county FIPS.");
                foreach (var county in document.RootElement.EnumerateObject())
                {
                    if (county.Name.Length != 5 || !county.Name.All(char.IsAsciiDigit) || county.Value.ValueKind != JsonValueKind.Object)
                        return Error.Invalid("evaluation.panel_county", $"\"{county.Name}\" in the file for {year} is not a 5-digit county FIPS code with its values.");
                    counties.Add(county.Name);
                    rows.Add(new CountyCrimeYear
                    {
                        CountyFips = county.Name,
                        Year = year,
                        Population = Number(county.Value, "population"),
                        ViolentRate = Number(county.Value, "county_violent_crime_rate"),
                        PropertyRate = Number(county.Value, "county_property_crime_rate"),
                    });
                }
            }
            if (counties.Count > MaxCounties)
                return Error.Invalid("evaluation.panel_county", $"The panel names more than {MaxCounties:N0} counties; the United States has about 3,200.");
        }
        return new PanelFiles(ordered[0].Year, ordered[^1].Year, Convert.ToHexStringLower(SHA256.HashData(hashes.ToArray())), rows, counties.Count);
    }

    private static double? Number(JsonElement county, string name) =>
        county.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) && d >= 0
            ? d : null;

    /// <summary>Reads <c>YYYY.json</c> files (or <c>.json.gz</c>) from a directory.</summary>
    public static Result<PanelFiles> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory)) return Error.Invalid("evaluation.panel_directory", $"No such directory: {directory}");
        var files = Directory.GetFiles(directory)
            .Select(f => (Path: f, Name: Path.GetFileName(f)))
            .Select(f => (f.Path, Year: int.TryParse(f.Name.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0))
            .Where(f => f.Year is >= 1960 and <= 2100 && (f.Path.EndsWith(".json", StringComparison.Ordinal) || f.Path.EndsWith(".json.gz", StringComparison.Ordinal)))
            .ToList();
        var streams = files.Select(f => (f.Year, Open(f.Path))).ToList();
        try
        {
            return Read(streams);
        }
        finally
        {
            foreach (var (_, s) in streams) s.Dispose();
        }
        static Stream Open(string path) => path.EndsWith(".gz", StringComparison.Ordinal)
            ? new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path);
    }

    public static PanelFiles ReadBundled()
    {
        var streams = Enumerable.Range(BundledFirstYear, BundledLastYear - BundledFirstYear + 1)
            .Select(y => (y, (Stream)new GZipStream(ReferenceData.OpenBundled(BundledName(y)), CompressionMode.Decompress))).ToList();
        try
        {
            var read = Read(streams);
            return read.IsSuccess ? read.Value : throw new InvalidOperationException($"The bundled crime panel is unreadable: {read.Error!.Message}");
        }
        finally
        {
            foreach (var (_, s) in streams) s.Dispose();
        }
    }

    /// <summary>
    /// Stores a panel as a new version, in one transaction (all its rows or none). The same files imported again are refused:
    /// a version is what the files are, and it is already here.
    /// </summary>
    public async Task<Result<CrimePanel>> ImportAsync(PanelFiles files, string source, string version, string by, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(version))
            return Error.Invalid("evaluation.panel_source", "Say where the panel comes from and which version it is.");
        if (await db.CrimePanels.AnyAsync(p => p.Sha256 == files.Sha256, ct))
            return Error.Conflict("evaluation.panel_duplicate", "These files were imported before (the same SHA-256); nothing was added.");

        var panel = new CrimePanel
        {
            Source = source.Trim(), Version = version.Trim(), Sha256 = files.Sha256, FirstYear = files.FirstYear, LastYear = files.LastYear,
            Counties = files.Counties, Rows = files.Rows.Count, ImportedAt = clock.GetUtcNow().UtcDateTime, ImportedBy = by,
        };
        change.For("evaluation.crime_panel_import", $"{panel.Version} ({panel.FirstYear}–{panel.LastYear}, {panel.Counties:N0} counties)");
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.CrimePanels.Add(panel);
        await db.SaveChangesAsync(ct);
        await using (var writer = await BulkRows<CountyCrimeYear>.OpenAsync(db, ct))
        {
            foreach (var row in files.Rows)
                await writer.AddAsync(new CountyCrimeYear
                {
                    PanelId = panel.Id, CountyFips = row.CountyFips, Year = row.Year, Population = row.Population,
                    ViolentRate = row.ViolentRate, PropertyRate = row.PropertyRate,
                }, ct);
            await writer.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return panel;
    }

    /// <summary>On a first start (no panel yet), the bundled 2009–2024 panel; its outcome is reported by <c>/health</c>.</summary>
    public static async Task LoadIfNoneAsync(IServiceProvider services, ILogger log, StartupState state, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.CrimePanels.AnyAsync(ct))
        {
            state.CrimePanel = StartupPart.Ok("a crime panel was imported before; the bundled one is not needed");
            return;
        }
        services.GetRequiredService<ChangeContext>().As("system", "system: first start");
        try
        {
            var files = ReadBundled();
            var imported = await services.GetRequiredService<CrimePanels>().ImportAsync(files, BundledSource, BundledVersion, "system: first start", ct);
            state.CrimePanel = imported.IsSuccess
                ? StartupPart.Ok($"loaded the county crime panel {files.FirstYear}–{files.LastYear} ({files.Counties:N0} counties)")
                : StartupPart.Failed($"{imported.Error!.Code}: {imported.Error.Message}");
            if (imported.IsSuccess) log.LogInformation("Loaded the county crime panel: {Rows} county-years", files.Rows.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.CrimePanel = StartupPart.Failed(e.Message);
            log.LogError(e, "The bundled crime panel could not be loaded");
        }
    }
}
