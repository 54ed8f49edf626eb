using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Evidence;

public sealed record DatasetInput(string? Name, Guid? AgencyId, string? Format, string? City, string? State, double? CenterLat, double? CenterLng,
    string? TimeZone, string? BenchmarkGeography);

public sealed record StopDatasetSummary(Guid Id, string Name, Guid? AgencyId, string? AgencyName, string Format, long Rows, long Stops,
    DateOnly? FirstDate, DateOnly? LastDate, int Revision, DateTime ImportedAt);

public sealed record StopDatasetView(Guid Id, string Name, Guid? AgencyId, string? AgencyName, string Format, string FileName, string Sha256,
    string City, string State, double CenterLat, double CenterLng, string TimeZone, string? BenchmarkSource, long Rows, long Stops,
    DateOnly? FirstDate, DateOnly? LastDate, int Revision, DateTime ImportedAt, string ImportedBy, StopImportReport Report, long Version);

/// <summary>
/// Stop datasets: import (streamed into the database in one transaction, so a refused or failed file leaves nothing
/// behind and a replaced one is swapped whole), list, export in OPP's schema, and the OPP analysis of one.
/// </summary>
public sealed class StopDatasets(AppDbContext db, ChangeContext change, TimeProvider clock, PersonData personData)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static bool CanRead(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor or Role.Oversight or Role.AgencyCoordinator;

    /// <summary>Whether the actor may import or replace stop data of this agency (null: reference data), as <see cref="EvidenceRules.WhoImports"/> says.</summary>
    public static bool CanImport(Actor actor, Guid? agencyId) =>
        actor.Role == Role.ProgramOffice || (actor.Role == Role.AgencyCoordinator && agencyId is not null && agencyId == actor.AgencyId);

    /// <summary>Reference datasets, and those of the agencies in the reader's scope.</summary>
    private IQueryable<StopDataset> Visible => db.StopDatasets.Where(d => d.AgencyId == null || db.AgenciesInScope.Any(a => a.Id == d.AgencyId));

    public async Task<Result<Page<StopDatasetSummary>>> ListAsync(Actor actor, Guid? agencyId, int? page, int? pageSize, CancellationToken ct)
    {
        if (!CanRead(actor)) return EvidenceRules.WhoReads;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = Visible;
        if (agencyId is { } a) query = query.Where(d => d.AgencyId == a);
        var rows = await query.OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new StopDatasetSummary(d.Id, d.Name, d.AgencyId, db.Agencies.Where(x => x.Id == d.AgencyId).Select(x => x.Name).FirstOrDefault(),
                d.Format == StopFormat.Opp ? "opp" : "north-carolina", d.Rows, d.Stops, d.FirstDate, d.LastDate, d.Revision, d.ImportedAt))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return rows;
    }

    public async Task<Result<StopDatasetView>> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!CanRead(actor)) return EvidenceRules.WhoReads;
        var d = await Visible.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return EvidenceErrors.NotFound;
        return await ViewAsync(d, ct);
    }

    private async Task<StopDatasetView> ViewAsync(StopDataset d, CancellationToken ct)
    {
        var agency = d.AgencyId is { } a ? await db.Agencies.Where(x => x.Id == a).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        return new StopDatasetView(d.Id, d.Name, d.AgencyId, agency, FormatCode(d.Format), d.FileName, d.Sha256, d.City, d.State, d.CenterLat,
            d.CenterLng, d.TimeZone, BenchmarkOf(d)?.Source, d.Rows, d.Stops, d.FirstDate, d.LastDate, d.Revision, d.ImportedAt, d.ImportedBy,
            StopImportReport.Parse(d.Report, FormatCode(d.Format)), d.Version);
    }

    public static string FormatCode(StopFormat f) => f switch { StopFormat.Opp => "opp", StopFormat.NorthCarolina => "north-carolina" };

    public static PopulationBenchmark? BenchmarkOf(StopDataset d) =>
        d.Benchmark is null ? null : JsonSerializer.Deserialize<PopulationBenchmark>(d.Benchmark, Json);

    /// <summary>Imports a new dataset from a stop file.</summary>
    public async Task<Result<StopDatasetView>> ImportAsync(Actor actor, DatasetInput input, Stream file, string fileName, CancellationToken ct)
    {
        if (!CanImport(actor, input.AgencyId)) return EvidenceRules.WhoImports;
        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200) errors["name"] = ["Give the dataset a name (up to 200 characters)."];
        StopFormat? format = input.Format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "opp" => StopFormat.Opp,
            "north-carolina" or "nc" => StopFormat.NorthCarolina,
            _ => null,
        };
        if (format is null) errors["format"] = ["The format is opp (the Open Policing Project's schema) or north-carolina (the state's aggregated data)."];
        if (input.AgencyId is { } agencyId && !await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct))
            errors["agencyId"] = ["No such agency in your scope."];
        var place = await PlaceAsync(input, errors, ct);
        if (errors.Count > 0) return EvidenceErrors.Invalid(errors);

        var dataset = new StopDataset
        {
            Name = name!,
            AgencyId = input.AgencyId,
            Format = format!.Value,
        };
        Apply(dataset, place!);
        change.For("evidence.import", $"Imported stop data \"{dataset.Name}\" from {Path.GetFileName(fileName)}");
        return await WriteAsync(dataset, file, fileName, replacing: false, ct);
    }

    /// <summary>Replaces a dataset's stops with a new file (and its place, when given), whole or not at all.</summary>
    public async Task<Result<StopDatasetView>> ReplaceAsync(Actor actor, Guid id, DatasetInput input, Stream file, string fileName, CancellationToken ct)
    {
        var dataset = await Visible.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (dataset is null) return CanRead(actor) ? EvidenceErrors.NotFound : EvidenceRules.WhoReads;
        if (!CanImport(actor, dataset.AgencyId)) return EvidenceRules.WhoImports;
        var errors = new Dictionary<string, string[]>();
        var place = await PlaceAsync(input with
        {
            City = input.City ?? dataset.City,
            State = input.State ?? dataset.State,
            CenterLat = input.CenterLat ?? dataset.CenterLat,
            CenterLng = input.CenterLng ?? dataset.CenterLng,
            TimeZone = input.TimeZone ?? dataset.TimeZone,
        }, errors, ct, keep: dataset);
        if (errors.Count > 0) return EvidenceErrors.Invalid(errors);
        if (!string.IsNullOrWhiteSpace(input.Name)) dataset.Name = input.Name.Trim();
        Apply(dataset, place!);
        dataset.Revision++;
        change.For("evidence.replace", $"Replaced the stops of \"{dataset.Name}\" with {Path.GetFileName(fileName)} (revision {dataset.Revision})");
        return await WriteAsync(dataset, file, fileName, replacing: true, ct);
    }

    private sealed record Place(string City, string State, double Lat, double Lng, string Zone, PopulationBenchmark? Benchmark);

    private static void Apply(StopDataset d, Place p)
    {
        d.City = p.City;
        d.State = p.State;
        d.CenterLat = p.Lat;
        d.CenterLng = p.Lng;
        d.TimeZone = p.Zone;
        d.Benchmark = p.Benchmark is null ? null : JsonSerializer.Serialize(p.Benchmark, Json);
    }

    /// <summary>
    /// Where the stops were made: the city and its centre (sun times) and time zone, and the residential benchmark — an ACS row
    /// named, else the agency's county's.
    /// </summary>
    private async Task<Place?> PlaceAsync(DatasetInput input, Dictionary<string, string[]> errors, CancellationToken ct, StopDataset? keep = null)
    {
        var agency = input.AgencyId is { } id ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        var city = input.City?.Trim();
        if (string.IsNullOrEmpty(city) || city.Length > 100) errors["city"] = ["Give the city (or county) the stops were made in."];
        var state = (input.State ?? agency?.State)?.Trim().ToUpperInvariant();
        if (state is not { Length: 2 } || !state.All(char.IsAsciiLetterUpper)) errors["state"] = ["Give the state's two-letter code."];
        if (input.CenterLat is not (>= -90 and <= 90)) errors["centerLat"] = ["Give the latitude of the city's centre, in degrees (sunset and dusk are computed there)."];
        if (input.CenterLng is not (>= -180 and <= 180)) errors["centerLng"] = ["Give the longitude of the city's centre, in degrees."];
        var zone = (input.TimeZone ?? agency?.TimeZone)?.Trim();
        if (zone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) errors["timeZone"] = ["Give the time zone (an IANA name such as America/Chicago)."];
        PopulationBenchmark? benchmark = null;
        if (!string.IsNullOrWhiteSpace(input.BenchmarkGeography))
        {
            benchmark = AcsBenchmarks.ForGeography(input.BenchmarkGeography.Trim());
            if (benchmark is null) errors["benchmarkGeography"] = ["No ACS county or state is named so (write it as the Census does: \"Daviess County, Kentucky\")."];
        }
        else benchmark = keep is not null ? BenchmarkOf(keep) : AcsBenchmarks.ForCounty(agency?.CountyFips);
        return errors.Count > 0 ? null : new Place(city!, state!, input.CenterLat!.Value, input.CenterLng!.Value, zone!, benchmark);
    }

    private async Task<Result<StopDatasetView>> WriteAsync(StopDataset dataset, Stream file, string fileName, bool replacing, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        dataset.FileName = Path.GetFileName(fileName);
        dataset.ImportedAt = now;
        dataset.ImportedBy = change.ActorName;
        // The upload is spooled to a temporary file first (read asynchronously, hashed on the way): the import then reads it at
        // disk speed, and the request body is never read synchronously.
        await using var spool = new FileStream(Path.Combine(Path.GetTempPath(), $"section287-stops-{Guid.NewGuid():N}.csv"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await spool.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        var sha = Convert.ToHexStringLower(hash.GetCurrentHash());
        spool.Position = 0;
        using var text = new StreamReader(spool, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (replacing) await db.StopRecords.Where(r => r.DatasetId == dataset.Id).ExecuteDeleteAsync(ct);
            else db.StopDatasets.Add(dataset);
            dataset.Report = "{}";
            await db.SaveChangesAsync(ct);
            StopImportReport report;
            var writer = await StopRecordWriter.OpenAsync(db, dataset.Id, ct);
            try
            {
                report = StopImport.Read(text, dataset.Format, v => personData.LookupHash("stop_officer", v)?[..12],
                    header => dataset.Header = header, row => writer.Add(row));
                // A refused file's COPY is cancelled (disposed without completing); an accepted one is completed.
                if (!report.HasErrors) await writer.CompleteAsync(ct);
            }
            finally
            {
                await writer.DisposeAsync();
            }
            if (report.HasErrors)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return EvidenceErrors.Refused(report);
            }
            dataset.Rows = report.Rows;
            dataset.Stops = report.Stops;
            dataset.FirstDate = report.FirstDate;
            dataset.LastDate = report.LastDate;
            dataset.Report = JsonSerializer.Serialize(report, Json);
            dataset.Sha256 = sha;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (Result<StopDatasetView>)await ViewAsync(dataset, ct);
        });
    }

    /// <summary>The dataset in OPP's schema, as stored (officer IDs only as keyed hashes; no names or dates of birth).</summary>
    public async Task<Result<StopDataset>> ForExportAsync(Actor actor, Guid id, CancellationToken ct)
    {
        if (!CanRead(actor)) return EvidenceRules.WhoReads;
        var d = await Visible.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is null ? EvidenceErrors.NotFound : d;
    }

    public async Task WriteCsvAsync(StopDataset d, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await writer.WriteAsync(d.Header);
        await writer.WriteAsync('\n');
        await foreach (var record in Records(d.Id).WithCancellation(ct))
        {
            await writer.WriteAsync(record);
            await writer.WriteAsync('\n');
        }
    }

    private IAsyncEnumerable<string> Records(Guid id) =>
        db.StopRecords.AsNoTracking().Where(r => r.DatasetId == id).OrderBy(r => r.Line).Select(r => r.Record).AsAsyncEnumerable();

    /// <summary>OPP's tests on a dataset, at its place.</summary>
    public async Task<Result<OppResult>> AnalyseAsync(Actor actor, Guid id, bool discretionaryAsExecuted, CancellationToken ct)
    {
        if (!CanRead(actor)) return EvidenceRules.WhoReads;
        var d = await Visible.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null) return EvidenceErrors.NotFound;
        StopData data;
        using (var reader = new LinesReader(d.Header, db.StopRecords.AsNoTracking().Where(r => r.DatasetId == d.Id).OrderBy(r => r.Line)
            .Select(r => r.Record).AsEnumerable()))
            data = StopData.ReadCsv(reader, d.Format == StopFormat.NorthCarolina ? "count" : null);
        return OppAnalysis.Run(data, new OppOptions(d.City, d.State, d.CenterLat, d.CenterLng, UsTimeZones.Find(d.TimeZone), BenchmarkOf(d),
            discretionaryAsExecuted));
    }
}

public static class EvidenceErrors
{
    public static readonly Error NotFound = Error.NotFound("evidence.not_found", "No such stop dataset.");

    public static Error Invalid(IReadOnlyDictionary<string, string[]> fields) =>
        Error.Invalid("evidence.invalid", "The dataset's details are incomplete: see each field.", fields);

    /// <summary>A file with structural faults: nothing was written; each fault with its first lines.</summary>
    public static Error Refused(StopImportReport report) => Error.Invalid("evidence.file_refused",
        "The file was not imported (nothing was written): " + string.Join(" ", report.Issues.Where(i => i.Severity == StopImport.Error)
            .Select(i => $"{i.Message} ({i.Count:N0} rows; line {string.Join(", ", i.Lines)}{(i.Count > i.Lines.Count ? ", …" : "")})")),
        new Dictionary<string, string[]>
        {
            ["file"] = report.Issues.Where(i => i.Severity == StopImport.Error)
                .Select(i => $"Nothing was written: {i.Message} Line {string.Join(", ", i.Lines)}{(i.Count > i.Lines.Count ? $" and {i.Count - i.Lines.Count:N0} more" : "")}.").ToArray(),
        });
}
