using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Features.Registry;

/// <summary>The registry's filters, as the page binds them and the API reads them.</summary>
public sealed record RegistryFilter(string? State, string? Model, string? Status, string? AgencyType, string? Q, int? Page, int? PageSize);

public sealed record AgreementRow(
    Guid Id, Guid AgencyId, string Agency, string State, string AgencyType, string? County,
    string Model, string Status, DateOnly? SignedOn, string? MoaUrl, string? AddendumUrl, DateOnly? RemovedOn);

public sealed record AgencyDetail(
    Guid Id, string Name, string State, string StateName, string Type, string? County, string? CountyFips, string? Ori,
    string? AreaOfResponsibility, string? FieldOffice, int? PopulationServed, int? SwornOfficers,
    IReadOnlyList<AgreementDetail> Agreements, IReadOnlyList<PendingDetail> Pending, IReadOnlyList<DataNote> DataNotes);

/// <summary>A policy of the product as the public sees it for one agreement (the program office's reason is published; its author is not).</summary>
public sealed record PublicPolicy(string Code, bool On, string? Reason, DateOnly? SwitchedOffOn);

public sealed record AgreementDetail(
    Guid Id, string Model, string Status, DateOnly? SignedOn, string? MoaUrl, string? AddendumUrl, string Source,
    DateOnly? FirstListedOn, DateOnly? LastListedOn, DateOnly? RemovedOn, IReadOnlyList<HistoryEntry> History)
{
    /// <summary>Public from the moment it is given (PRODUCT.md: ICE's notice is posted publicly, with its reasons).</summary>
    public TerminationNotice? TerminationNotice { get; init; }

    /// <summary>Public: that and since when; the reasons stay with ICE and the agency.</summary>
    public DateOnly? SuspendedOn { get; init; }

    /// <summary>The product's policies (stricter than the agreement) that apply to its model: on, or switched off by the program office with its reason and date.</summary>
    public IReadOnlyList<PublicPolicy> Policies { get; init; } = [];

    public DateOnly? SuspendedUntil { get; init; }
}

public sealed record TerminationNotice(DateOnly GivenOn, string By, DateOnly EffectiveOn, string Reason);

public sealed record HistoryEntry(DateOnly EffectiveOn, string Kind, IReadOnlyList<FieldChange> Changes);

public sealed record PendingDetail(string Model, DateOnly FirstListedOn, DateOnly LastListedOn, DateOnly? RemovedOn);

public sealed record DataNote(string Code, string Field, string? RawValue, string Message, DateOnly ListAsOf);

public sealed record RegistrySummary(DateOnly? AsOf, int Agencies, AgreementCounts Agreements)
{
    /// <summary>The program over time: on each of ICE's participating lists imported, how many agreements it carried, by model, and how many joined or left.</summary>
    public IReadOnlyList<ListPoint> History { get; init; } = [];
}

/// <summary>One imported list: the agreements it carried (by model), those it added or carried again, and those it no longer carried.</summary>
public sealed record ListPoint(DateOnly AsOf, int Total, IReadOnlyDictionary<string, int> ByModel, int Joined, int Left)
{
    /// <summary>The agreements the list carried in each state (by the agency's state), for the states' own history.</summary>
    public IReadOnlyDictionary<string, int> ByState { get; init; } = new Dictionary<string, int>();
}

/// <summary>An agency on a state's map: its active agreements' models.</summary>
public sealed record MapAgency(Guid Id, string Name, string Type, IReadOnlyList<string> Models);

/// <summary>A county of a state's map with its agencies' active agreements (an agency's county is the one ICE's list or the roster gives).</summary>
public sealed record MapCounty(string Fips, string Name, int Agreements, IReadOnlyList<MapAgency> Agencies);

/// <summary>
/// One state's active agreements by county, and those of agencies with no county (state police, departments of corrections, and agencies
/// whose county is not known), which the map cannot place.
/// </summary>
public sealed record StateMap(string State, int Agreements, IReadOnlyList<MapCounty> Counties, IReadOnlyList<MapAgency> Statewide);

public sealed record AgreementCounts(int Total, IReadOnlyDictionary<string, int> ByModel, IReadOnlyDictionary<string, int> ByState);

/// <summary>One of ICE's lists as imported: its kind and date, the file's name, rows and SHA-256, and whether the file itself is kept.</summary>
public sealed record PublishedList(Guid Id, string Kind, DateOnly AsOf, string FileName, int Rows, string Sha256, bool FileKept);

/// <summary>Public, read-only views of the registry. Demo records never appear here.</summary>
public sealed class RegistryQueries(ReadDb read, ReferenceData reference, RegistrySummaryCache cache)
{
    /// <summary>Reads only: on the replica when there is one (Data/ReadReplica.cs).</summary>
    private readonly AppDbContext db = read.Context;

    public static Result<(AgreementModel? Model, AgreementStatus? Status, AgencyType? Type, string? State, int Page,
        int Size)> Validate(RegistryFilter f, ReferenceData reference)
    {
        var errors = new Dictionary<string, string[]>();
        AgreementModel? model = null;
        AgreementStatus? status = null;
        AgencyType? type = null;
        string? state = null;
        if (!string.IsNullOrWhiteSpace(f.Model) && (model = AgreementModels.FromCode(f.Model)) is null)
            errors["model"] = ["Use JEM, TFM or WSO."];
        if (!string.IsNullOrWhiteSpace(f.Status) && (status = AgreementStatuses.FromCode(f.Status)) is null)
            errors["status"] = [$"Use one of: {string.Join(", ", Enum.GetValues<AgreementStatus>().Select(s => s.Code()))}."];
        if (!string.IsNullOrWhiteSpace(f.AgencyType) && (type = AgencyTypes.FromCode(f.AgencyType)) is null)
            errors["agencyType"] = [$"Use one of: {string.Join(", ", Enum.GetValues<AgencyType>().Select(t => t.Code()))}."];
        if (!string.IsNullOrWhiteSpace(f.State))
        {
            state = reference.StateByCode(f.State.Trim().ToUpperInvariant())?.Code;
            if (state is null) errors["state"] = ["Use a two-letter state code, e.g. TX."];
        }
        if (f.Q is { Length: > 200 }) errors["q"] = ["Search for at most 200 characters."];
        var paging = Paging.Validate(f.Page, f.PageSize);
        if (!paging.IsSuccess) errors["page"] = [paging.Error!.Message];
        if (errors.Count > 0) return Error.Invalid("registry.filter_invalid", "Some filters are not valid.", errors);
        return (model, status, type, state, paging.Value.Page, paging.Value.Size);
    }

    public async Task<Result<Page<AgreementRow>>> AgreementsAsync(RegistryFilter filter, CancellationToken ct)
    {
        var valid = Validate(filter, reference);
        if (!valid.IsSuccess) return valid.Error!;
        var (model, status, type, state, page, size) = valid.Value;

        var rows = await Ordered(Filtered(model, status, type, state, filter.Q)).ToPageAsync(page, size, ct);
        return new Page<AgreementRow>(rows.Items.Select(r => r.ToRow()).ToList(), rows.PageNumber, rows.PageSize, rows.Total);
    }

    /// <summary>Every list of ICE's in the registry (imported and not undone), newest first: dozens at most, one per publication.</summary>
    public async Task<IReadOnlyList<PublishedList>> ListsAsync(CancellationToken ct) =>
        (await db.IceListSnapshots.AsNoTracking().Where(IceListSnapshot.InRegistry).OrderByDescending(s => s.AsOf).ThenBy(s => s.Kind)
            .Select(s => new { s.Id, s.Kind, s.AsOf, s.FileName, s.Rows, s.Sha256, Kept = db.IceListOriginals.Any(o => o.SnapshotId == s.Id) })
            .ToListAsync(ct))
        .Select(s => new PublishedList(s.Id, s.Kind == IceListKind.Participating ? "participating" : "pending", s.AsOf, s.FileName, s.Rows, s.Sha256, s.Kept)).ToList();

    /// <summary>A list's file as ICE published it, or null when the list is not in the registry or its file was not kept.</summary>
    public async Task<(string FileName, byte[] Content)?> ListFileAsync(Guid id, CancellationToken ct)
    {
        var found = await db.IceListSnapshots.AsNoTracking().Where(IceListSnapshot.InRegistry).Where(s => s.Id == id)
            .Join(db.IceListOriginals.AsNoTracking(), s => s.Id, o => o.SnapshotId, (s, o) => new { s.FileName, o.Content }).FirstOrDefaultAsync(ct);
        return found is null ? null : (found.FileName, found.Content);
    }

    /// <summary>A list's rows as CSV: every column of ICE's sheet as it wrote it, a hyperlink's address where a cell links.</summary>
    public static TableFile ListTable(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var sheet = IceListWorkbook.Read(stream, out _) ?? new IceListSheet(IceListKind.Participating, []);
        var known = new[] { IceListWorkbook.State, IceListWorkbook.Agency, IceListWorkbook.Type, IceListWorkbook.County, IceListWorkbook.SupportType,
            IceListWorkbook.Signed, IceListWorkbook.Moa, IceListWorkbook.Addendum };
        var columns = known.Where(k => sheet.Rows.Any(r => r.Cells.ContainsKey(k)))
            .Concat(sheet.Rows.SelectMany(r => r.Cells.Keys).Distinct().Where(k => !known.Contains(k)).Order(StringComparer.Ordinal)).ToList();
        return new TableFile(columns.Prepend("row").ToList(),
            sheet.Rows.Select(r => (IReadOnlyList<object?>)columns.Select(c => (object?)(r[c].Link ?? r[c].Text)).Prepend(r.RowNumber).ToList()));
    }

    /// <summary>Every agreement the filter selects (no paging), for the downloads; the program is bounded (thousands), capped anyway.</summary>
    public async Task<Result<IReadOnlyList<AgreementRow>>> ExportAsync(RegistryFilter filter, CancellationToken ct)
    {
        var valid = Validate(filter with { Page = null, PageSize = null }, reference);
        if (!valid.IsSuccess) return valid.Error!;
        var (model, status, type, state, _, _) = valid.Value;
        return (await Ordered(Filtered(model, status, type, state, filter.Q)).Take(MaxExportRows).ToListAsync(ct)).Select(r => r.ToRow()).ToList();
    }

    public const int MaxExportRows = 50_000;

    /// <summary>The registry's order (state, agency, model) and the columns a row shows.</summary>
    private static IQueryable<RowData> Ordered(IQueryable<Agreement> query) =>
        query.OrderBy(a => a.Agency.State).ThenBy(a => a.Agency.NameKey).ThenBy(a => a.Model).ThenBy(a => a.Id)
            .Select(a => new RowData(a.Id, a.AgencyId, a.Agency.Name, a.Agency.State, a.Agency.Type, a.Agency.CountyName,
                a.Model, a.Status, a.SignedOn, a.MoaUrl, a.AddendumUrl, a.RemovedOn));

    private sealed record RowData(Guid Id, Guid AgencyId, string Name, string State, AgencyType Type, string? CountyName, AgreementModel Model,
        AgreementStatus Status, DateOnly? SignedOn, string? MoaUrl, string? AddendumUrl, DateOnly? RemovedOn)
    {
        public AgreementRow ToRow() => new(Id, AgencyId, Name, State, Type.Code(), CountyName, Model.Code(), Status.Code(), SignedOn, MoaUrl, AddendumUrl, RemovedOn);
    }

    private IQueryable<Agreement> Filtered(AgreementModel? model, AgreementStatus? status, AgencyType? type, string? state, string? q)
    {
        var query = db.Agreements.AsNoTracking().Where(a => !a.Agency.IsDemo);
        if (state is not null) query = query.Where(a => a.Agency.State == state);
        if (model is not null) query = query.Where(a => a.Model == model);
        if (status is not null) query = query.Where(a => a.Status == status);
        if (type is not null) query = query.Where(a => a.Agency.Type == type);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = Agency.KeyOf(q);
            query = query.Where(a => a.Agency.NameKey.Contains(key));
        }

        return query;
    }

    public async Task<AgencyDetail?> AgencyAsync(Guid id, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking()
            .Include(a => a.Agreements).ThenInclude(a => a.History)
            .Include(a => a.PendingListings)
            .AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == id && !a.IsDemo, ct);
        if (agency is null) return null;

        var notes = await db.DataQualityFlags.AsNoTracking()
            .Where(f => f.AgencyId == id)
            .Join(db.IceListSnapshots, f => f.SnapshotId, s => s.Id, (f, s) => new { f, s.AsOf })
            .OrderByDescending(x => x.AsOf).ThenBy(x => x.f.RowNumber)
            .Take(200)
            .ToListAsync(ct);
        var newestNoteDate = notes.FirstOrDefault()?.AsOf;

        return new AgencyDetail(
            agency.Id, agency.Name, agency.State, reference.StateByCode(agency.State)?.Name ?? agency.State, agency.Type.Code(),
            agency.CountyName, agency.CountyFips, agency.Ori, agency.AorCode,
            agency.AorCode is null ? null : reference.FieldOffices.GetValueOrDefault(agency.AorCode),
            agency.PopulationServed, agency.SwornOfficers,
            agency.Agreements.OrderBy(a => a.Model).ThenByDescending(a => a.FirstListedOn).Select(a => new AgreementDetail(
                a.Id, a.Model.Code(), a.Status.Code(), a.SignedOn, a.MoaUrl, a.AddendumUrl, a.Source.ToString(),
                a.FirstListedOn, a.LastListedOn, a.RemovedOn,
                a.History.OrderByDescending(h => h.EffectiveOn).ThenByDescending(h => h.RecordedAt)
                    .Select(h => new HistoryEntry(h.EffectiveOn, h.Kind.ToString(),
                        h.ReadFields().Where(f => IsPublic(f.Field)
                        && (f.Field is not ("reason" or "response") || h.Kind != AgreementChangeKind.Suspended)).ToList())).ToList())
            {
                TerminationNotice = a.TerminationNoticeOn is { } given
                    ? new TerminationNotice(given, a.TerminationBy ?? "", a.TerminationEffectiveOn!.Value, a.TerminationReason ?? "")
                    : null,
                SuspendedOn = a.SuspendedOn,
                SuspendedUntil = a.SuspendedUntil,
                Policies = ProductPolicies.All.Where(p => p.Models.Contains(a.Model)).Select(p =>
                    a.PolicySwitches.FirstOrDefault(s => s.Code == p.Code) is { } off ? new PublicPolicy(p.Code, false, off.Reason, off.On) : new PublicPolicy(p.Code, true, null, null))
                    .ToList(),
            }).ToList(),
            agency.PendingListings.OrderBy(p => p.Model).Select(p => new PendingDetail(p.Model.Code(), p.FirstListedOn, p.LastListedOn, p.RemovedOn)).ToList(),
            notes.Where(n => n.AsOf == newestNoteDate)
                .Select(n => new DataNote(n.f.Code, n.f.Field, n.f.RawValue, n.f.Message, n.AsOf)).ToList());
    }

    /// <summary>The date of the newest ICE list of participating agencies imported.</summary>
    public Task<DateOnly?> AsOfAsync(CancellationToken ct) =>
        db.IceListSnapshots.AsNoTracking().Where(IceListSnapshot.InRegistry).Where(s => s.Kind == IceListKind.Participating)
            .OrderByDescending(s => s.AsOf).Select(s => (DateOnly?)s.AsOf).FirstOrDefaultAsync(ct);

    public async Task<RegistrySummary> SummaryAsync(CancellationToken ct) => (await VersionedSummaryAsync(ct)).Summary;

    /// <summary>A state's active agreements by county, for its map: every agreement of the state's agencies, non-demo, read once.</summary>
    public async Task<StateMap> StateMapAsync(string state, CancellationToken ct)
    {
        var rows = await db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Active && !a.Agency.IsDemo && a.Agency.State == state)
            .Select(a => new { a.AgencyId, a.Agency.Name, a.Agency.Type, a.Agency.CountyFips, a.Agency.CountyName, a.Model }).ToListAsync(ct);
        List<MapAgency> Agencies(IEnumerable<(Guid AgencyId, string Name, AgencyType Type, AgreementModel Model)> of) =>
            of.GroupBy(r => r.AgencyId).Select(g => new MapAgency(g.Key, g.First().Name, g.First().Type.Code(),
                g.Select(r => r.Model.Code()).Distinct().Order(StringComparer.Ordinal).ToList()))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture).ToList();
        var placed = rows.Where(r => r.CountyFips is { Length: 5 }).ToList();
        var counties = placed.GroupBy(r => r.CountyFips!).Select(g => new MapCounty(g.Key, g.First().CountyName ?? g.Key, g.Count(),
                Agencies(g.Select(r => (r.AgencyId, r.Name, r.Type, r.Model)))))
            .OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        var statewide = Agencies(rows.Where(r => r.CountyFips is not { Length: 5 }).Select(r => (r.AgencyId, r.Name, r.Type, r.Model)));
        return new StateMap(state, rows.Count, counties, statewide);
    }

    /// <summary>The registry's version: it rises with every change of what the registry shows.</summary>
    public Task<long> VersionAsync(CancellationToken ct) => PublicVersions.ReadAsync(db, PublicVersions.Registry, ct);

    /// <summary>
    /// The summary and the registry's version it was computed at: computed once per change of the registry (an import, an
    /// agreement's or agency's change), then served from memory while the version read from the database stays the same.
    /// </summary>
    public async Task<(long Version, RegistrySummary Summary)> VersionedSummaryAsync(CancellationToken ct)
    {
        var version = await PublicVersions.ReadAsync(db, PublicVersions.Registry, ct);
        if (cache.Current is { } held && held.Version == version) return held;
        // Read after the version: a change in between makes the figures newer than their version, never older, and the next
        // read (seeing the new version) computes them again.
        var computed = (version, await ComputeSummaryAsync(ct));
        cache.Current = computed;
        return computed;
    }

    private async Task<RegistrySummary> ComputeSummaryAsync(CancellationToken ct)
    {
        var asOf = await AsOfAsync(ct);
        var active = db.Agreements.AsNoTracking().Where(a => a.Status == AgreementStatus.Active && !a.Agency.IsDemo);
        var byModel = await active.GroupBy(a => a.Model).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var byState = await active.GroupBy(a => a.Agency.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var agencies = await active.Select(a => a.AgencyId).Distinct().CountAsync(ct);
        return new RegistrySummary(asOf, agencies, new AgreementCounts(
            byModel.Sum(m => m.Count),
            AgreementModels.All.ToDictionary(m => m.Code(), m => byModel.FirstOrDefault(x => x.Key == m)?.Count ?? 0),
            byState.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Count)))
        {
            History = await HistoryAsync(ct),
        };
    }

    /// <summary>
    /// Replays what each imported participating list did to each agreement (listed, listed again, no longer listed: the history the
    /// import records) to count, at each list's date, the agreements it carried. Computed with the summary, once per registry version.
    /// </summary>
    private async Task<IReadOnlyList<ListPoint>> HistoryAsync(CancellationToken ct)
    {
        var lists = await db.IceListSnapshots.AsNoTracking().Where(IceListSnapshot.InRegistry).Where(s => s.Kind == IceListKind.Participating)
            .OrderBy(s => s.AsOf).Select(s => new { s.Id, s.AsOf }).ToListAsync(ct);
        if (lists.Count == 0) return [];
        var ids = lists.Select(l => l.Id).ToList();
        var events = await db.AgreementChanges.AsNoTracking()
            .Where(c => c.SnapshotId != null && ids.Contains(c.SnapshotId.Value)
                && (c.Kind == AgreementChangeKind.Listed || c.Kind == AgreementChangeKind.Relisted || c.Kind == AgreementChangeKind.Removed))
            .Join(db.Agreements.AsNoTracking().Where(a => !a.Agency.IsDemo), c => c.AgreementId, a => a.Id, (c, a) => new { c.SnapshotId, c.AgreementId, c.Kind, a.Model, a.Agency.State })
            .ToListAsync(ct);
        var carried = new Dictionary<Guid, (AgreementModel Model, string State)>();
        var points = new List<ListPoint>();
        foreach (var list in lists)
        {
            var joined = 0;
            var left = 0;
            foreach (var e in events.Where(e => e.SnapshotId == list.Id))
            {
                if (e.Kind == AgreementChangeKind.Removed) { if (carried.Remove(e.AgreementId)) left++; }
                else if (carried.TryAdd(e.AgreementId, (e.Model, e.State))) joined++;
            }
            points.Add(new ListPoint(list.AsOf, carried.Count,
                AgreementModels.All.ToDictionary(m => m.Code(), m => carried.Values.Count(v => v.Model == m)), joined, left)
            {
                ByState = carried.Values.GroupBy(v => v.State).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            });
        }
        return points;
    }

    /// <summary>
    /// Which recorded fields of an agreement's history the public sees: those with a published label, never the staff member who
    /// acted ("by"), an application's id, or the examples of people in ICE's notice of termination (they may name people).
    /// </summary>
    private static bool IsPublic(string field) => field is not ("by" or "applicationId" or "examples") && Common.Texts.All.ContainsKey("field." + field);
}

/// <summary>The registry summary last computed, with the registry version it belongs to (one per app instance).</summary>
public sealed class RegistrySummaryCache
{
    private volatile Holder? current;

    public (long Version, RegistrySummary Summary)? Current
    {
        get => current is { } h ? (h.Version, h.Summary) : null;
        set => current = value is { } v ? new Holder(v.Version, v.Summary) : null;
    }

    private sealed record Holder(long Version, RegistrySummary Summary);
}
