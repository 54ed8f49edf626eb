using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Features.Evaluation;

/// <summary>Where an agreement's start was learnt: the registry (ICE's lists imported, agreements made here) or the monitor file.</summary>
public enum StartSource
{
    Registry,
    Monitor,
}

/// <summary>One agreement's start, placed: in one county, or statewide (a state agency's, whose officers act in every county).</summary>
public sealed record AgreementStart(string State, string? CountyFips, bool Statewide, DateOnly Start, AgreementModel Model, string Agency, StartSource From);

/// <summary>A county's treatment: the start of its first agreement (the year it was first treated) and that agreement's model.</summary>
public sealed record TreatedCounty(string Fips, DateOnly Start, AgreementModel Model, string Agency, StartSource From)
{
    public int Year => Start.Year;
}

/// <summary>Which counties were treated and when, and what could not be placed.</summary>
public sealed record TreatmentAssignment(
    IReadOnlyDictionary<string, TreatedCounty> Counties,
    IReadOnlyDictionary<string, AgreementStart> StatewideByState,
    int Unplaced,
    int FromMonitorOnly,
    string Fingerprint);

/// <summary>
/// Assigns treatment from what the product knows of agreements: the registry (every agreement that was ever in force — ICE's
/// lists imported and agreements made here; the fictional demo agency's never) and the agreements that left the program since
/// January 2025, from the monitor file shipped with the app (<c>total-seen-2025-01-to-2026-05-18.xlsx</c>, RelevantResearch/
/// 287g-DetentionData; rows read with the same parser and county matching as ICE's lists, and never imported as a list).
/// An agreement starts on the date ICE's list gives as signed, else the date it was first listed. A county is treated from the
/// year its first agreement started. A state agency's agreement is statewide: it treats no one county, but a state with one is
/// no clean comparison, so the evaluation keeps that state's untreated counties out of the controls from its start.
/// </summary>
public sealed class Treatment(AppDbContext db)
{
    public const string MonitorFile = "total-seen-2025-01-to-2026-05-18.xlsx";

    /// <summary>The date of the monitor file's newest list: its rows are judged as of then.</summary>
    private static readonly DateOnly MonitorAsOf = new(2026, 5, 18);

    private static readonly Lazy<IReadOnlyList<AgreementStart>> Monitor = new(() => ReadMonitor(ReferenceData.Bundled));

    private static readonly AgreementStatus[] EverInForce =
        [AgreementStatus.Active, AgreementStatus.Suspended, AgreementStatus.Terminated, AgreementStatus.Expired, AgreementStatus.Removed];

    public async Task<TreatmentAssignment> AssignAsync(CancellationToken ct)
    {
        db.Scope.Become(AccessScope.System());
        var rows = await db.Agreements.AsNoTracking()
            .Where(a => !a.Agency.IsDemo && a.Source != AgreementSource.Demonstration && EverInForce.Contains(a.Status))
            .Select(a => new { a.Agency.State, a.Agency.CountyFips, a.Agency.Type, a.Agency.Name, a.SignedOn, a.FirstListedOn, a.CreatedAt, a.Model })
            .ToListAsync(ct);
        var registry = rows.Select(r => new AgreementStart(r.State, r.CountyFips, r.Type == AgencyType.StateAgency,
                r.SignedOn ?? r.FirstListedOn ?? DateOnly.FromDateTime(r.CreatedAt), r.Model, r.Name, StartSource.Registry))
            .ToList();
        return Assign(registry.Concat(Monitor.Value));
    }

    public static TreatmentAssignment Assign(IEnumerable<AgreementStart> starts)
    {
        var counties = new Dictionary<string, TreatedCounty>(StringComparer.Ordinal);
        var statewide = new Dictionary<string, AgreementStart>(StringComparer.Ordinal);
        var unplaced = 0;
        // Earliest first; on the same day, the registry's own record before the monitor's, then by model, so the choice is stable.
        foreach (var s in starts.OrderBy(s => s.Start).ThenBy(s => s.From).ThenBy(s => s.Model).ThenBy(s => s.Agency, StringComparer.Ordinal))
        {
            if (s.Statewide)
                statewide.TryAdd(s.State, s);
            else if (s.CountyFips is { } fips)
                counties.TryAdd(fips, new TreatedCounty(fips, s.Start, s.Model, s.Agency, s.From));
            else
                unplaced++;
        }
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
            counties.Values.OrderBy(c => c.Fips, StringComparer.Ordinal).Select(c => $"{c.Fips}:{c.Start:yyyy-MM-dd}:{c.Model}")
                .Concat(statewide.Values.OrderBy(s => s.State, StringComparer.Ordinal).Select(s => $"{s.State}:{s.Start:yyyy-MM-dd}"))))));
        return new TreatmentAssignment(counties, statewide, unplaced, counties.Values.Count(c => c.From == StartSource.Monitor), fingerprint);
    }

    /// <summary>The monitor file's rows as agreement starts (every status: its present rows agree with the registry's own).</summary>
    public static IReadOnlyList<AgreementStart> ReadMonitor(ReferenceData reference)
    {
        using var packed = ReferenceData.OpenBundled(MonitorFile);
        using var buffer = new MemoryStream();
        packed.CopyTo(buffer);
        var sheet = IceListWorkbook.Read(buffer, out var problem)
            ?? throw new InvalidOperationException($"The bundled monitor file is unreadable: {problem}");
        var starts = new List<AgreementStart>();
        foreach (var raw in sheet.Rows)
        {
            var row = IceListRowParser.Parse(raw, MonitorAsOf, reference);
            // The monitor file writes dates as text ("5/17/26"), which ICE's own lists never do.
            if (row.IsRejected || (row.Fields.SignedOn ?? MonitorDate(raw[IceListWorkbook.Signed].Text)) is not { } signed) continue;
            var state = row.State!.Code;
            var isState = row.Type == AgencyType.StateAgency;
            var county = isState ? null : reference.CountyOfAgency(state, row.County, row.AgencyName, reference.MatchRoster(state, row.AgencyName));
            starts.Add(new AgreementStart(state, county?.Fips, isState, signed, row.Model!.Value, row.AgencyName, StartSource.Monitor));
        }
        return starts;
    }

    private static DateOnly? MonitorDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["M/d/yy", "M/d/yyyy"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
