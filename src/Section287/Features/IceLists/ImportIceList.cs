using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

public sealed record ImportReport(
    string Kind, DateOnly AsOf, int Rows, int Added, int Updated, int Removed, int Unchanged, int Flagged,
    int Rejected, int Duplicates, int BlankRows, IReadOnlyDictionary<string, int> Flags, UnmatchedCounts Unmatched,
    bool AlreadyImported, Guid? SnapshotId)
{
    public IReadOnlyList<UnmatchedAgency> UnmatchedAgencies { get; init; } = [];

    /// <summary>Every agreement (or, for the pending list, every listing) this list added, by state and agency.</summary>
    public IReadOnlyList<ListedAgreement> AddedAgreements { get; init; } = [];

    /// <summary>Every one whose fields changed, with each change.</summary>
    public IReadOnlyList<ListedAgreement> UpdatedAgreements { get; init; } = [];

    /// <summary>Every one the list no longer carries, now marked removed (never deleted).</summary>
    public IReadOnlyList<ListedAgreement> RemovedAgreements { get; init; } = [];
}

/// <summary>One agreement an import added, updated or removed. <c>AgreementId</c> is none for a pending listing.</summary>
public sealed record ListedAgreement(Guid? AgreementId, Guid AgencyId, string State, string AgencyName, string Model, IReadOnlyList<FieldChange> Changes);

public sealed record UnmatchedCounts(int Ori, int County, int Aor);

/// <summary>An agency the reference data could not place: which of ORI, county and area of responsibility it lacks.</summary>
public sealed record UnmatchedAgency(Guid Id, string State, string Name, IReadOnlyList<string> Missing);

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Imports one of ICE's published lists and reconciles the registry with it: new agreements are added,
/// agreements the list no longer carries are marked removed (never deleted), changed fields go into each
/// agreement's history. The same file twice changes nothing; an older list than the newest is refused.
/// </summary>
public sealed partial class ImportIceList(AppDbContext db, ChangeContext change, TimeProvider clock, ReferenceData reference, IConfiguration configuration)
{
    public async Task<Result<ImportReport>> HandleAsync(
        Stream content, string fileName, DateOnly? asOf, IProgress<ImportProgress>? progress, CancellationToken ct, string? confirmRemovals = null)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));

        var listDate = asOf ?? DateInName(fileName);
        if (listDate is null) return IceListErrors.AsOfRequired;

        buffer.Position = 0;
        var sheet = IceListWorkbook.Read(buffer, out var problem);
        if (sheet is null) return IceListErrors.Unreadable(problem ?? "The file could not be read.");

        var newest = await db.IceListSnapshots.Where(IceListSnapshot.InRegistry).Where(s => s.Kind == sheet.Kind)
            .OrderByDescending(s => s.AsOf).Select(s => (DateOnly?)s.AsOf).FirstOrDefaultAsync(ct);
        if (newest is { } n && listDate < n) return IceListErrors.OlderThanNewest(listDate.Value, n);

        if (sheet.Rows.Count == 0) return IceListErrors.NoRows(sheet.BlankRows);
        var parsed = sheet.Rows.Select(r => IceListRowParser.Parse(r, listDate.Value, reference)).ToList();
        var blank = sheet.BlankRows;

        var same = await db.IceListSnapshots.AsNoTracking().Where(IceListSnapshot.InRegistry)
            .FirstOrDefaultAsync(s => s.Kind == sheet.Kind && s.Sha256 == sha, ct);
        if (same is not null)
        {
            return new ImportReport(Code(sheet.Kind), same.AsOf, parsed.Count, 0, 0, 0, parsed.Count, 0, 0, 0, blank,
                new Dictionary<string, int>(), new UnmatchedCounts(0, 0, 0), AlreadyImported: true, same.Id);
        }

        var confirmed = string.IsNullOrWhiteSpace(confirmRemovals) ? null : confirmRemovals.Trim();
        change.For("ice_list.import", $"Imported ICE's {Code(sheet.Kind)} list dated {listDate:yyyy-MM-dd} from {Path.GetFileName(fileName)}"
            + (confirmed is null ? "" : $"; removals confirmed: {confirmed}"));
        var listedBefore = await db.Agreements.CountAsync(a => a.Source == AgreementSource.IceList && a.Status == AgreementStatus.Active, ct);
        var snapshot = new IceListSnapshot
        {
            Kind = sheet.Kind,
            AsOf = listDate.Value,
            FileName = Path.GetFileName(fileName),
            Sha256 = sha,
            ImportedAt = clock.GetUtcNow().UtcDateTime,
            ImportedBy = change.ActorName,
        };

        var run = new Run(db, reference, snapshot, clock.GetUtcNow().UtcDateTime);
        await run.LoadAsync(ct);
        // Decided before anything is written: how many agreements this list would mark removed.
        var share = configuration.GetValue("IceLists:MaxRemovedShare", 0.10m);
        if (sheet.Kind == IceListKind.Participating && run.WouldRemove(parsed) is var removing && removing > listedBefore * share && confirmed is null)
        {
            db.ChangeTracker.Clear();
            return IceListErrors.MassRemoval(removing, listedBefore, share);
        }

        // Written in batches, each its own transaction with its own audit entries, so that other writers (on this instance or another)
        // get their turn between batches instead of waiting for the whole list (issue 14, item 6). The snapshot is marked complete last.
        db.IceListSnapshots.Add(snapshot);
        db.IceListOriginals.Add(new IceListOriginal { SnapshotId = snapshot.Id, Content = buffer.ToArray() });
        var batch = Math.Max(50, configuration.GetValue("IceLists:BatchRows", 250));
        var undo = new UndoCapture(db, snapshot.Id);
        for (var i = 0; i < parsed.Count; i++)
        {
            if (sheet.Kind == IceListKind.Participating) run.Agreement(parsed[i]);
            else run.Pending(parsed[i]);
            if (i % 100 == 99) progress?.Report(new ImportProgress(i + 1, parsed.Count));
            if (i % batch == batch - 1) await undo.SaveAsync(ct);
        }
        await undo.SaveAsync(ct);
        foreach (var _ in run.RemoveUnlisted(sheet.Kind, batch)) await undo.SaveAsync(ct);
        progress?.Report(new ImportProgress(parsed.Count, parsed.Count));

        snapshot.Rows = parsed.Count;
        snapshot.Added = run.Added;
        snapshot.Updated = run.Updated;
        snapshot.Removed = run.Removed;
        snapshot.Unchanged = run.Unchanged;
        snapshot.Rejected = run.Rejected;
        snapshot.Duplicates = run.Duplicates;
        snapshot.Flagged = run.FlaggedRows;
        snapshot.CompletedAt = clock.GetUtcNow().UtcDateTime;
        await undo.SaveAsync(ct);
        return new ImportReport(Code(sheet.Kind), listDate.Value, parsed.Count, run.Added, run.Updated, run.Removed, run.Unchanged,
            run.FlaggedRows, run.Rejected, run.Duplicates, blank, run.FlagCounts, run.UnmatchedCounts, AlreadyImported: false, snapshot.Id)
        {
            UnmatchedAgencies = run.UnmatchedAgencies,
            AddedAgreements = Sorted(run.AddedList),
            UpdatedAgreements = Sorted(run.UpdatedList),
            RemovedAgreements = Sorted(run.RemovedList),
        };
    }

    private static List<ListedAgreement> Sorted(IEnumerable<ListedAgreement> items) =>
        items.OrderBy(i => i.State, StringComparer.Ordinal).ThenBy(i => i.AgencyName, StringComparer.Ordinal).ThenBy(i => i.Model,
            StringComparer.Ordinal).ToList();

    private static string Code(IceListKind kind) => kind switch
    {
        IceListKind.Participating => "participating",
        IceListKind.Pending => "pending",
    };

    public static DateOnly? DateInName(string fileName) =>
        DateInFileName().Match(Path.GetFileName(fileName)) is { Success: true } m
        && DateOnly.TryParseExact(m.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}")]
    private static partial Regex DateInFileName();

    /// <summary>
    /// Saves one batch, first noting for the undo what it adds and the earlier values of what it changes (a record's first change
    /// only: its values before this import). Rows that never change again (history, flags) are let go after the save.
    /// </summary>
    private sealed class UndoCapture(AppDbContext db, Guid snapshotId)
    {
        private readonly HashSet<Guid> _noted = [];

        private static readonly HashSet<string> Bookkeeping = [nameof(Agreement.CreatedAt), nameof(Agreement.UpdatedAt), nameof(Agreement.Version)];

        public async Task SaveAsync(CancellationToken ct)
        {
            // Changes are detected once here; reading the tracker below would otherwise compare every tracked row again each time.
            db.ChangeTracker.DetectChanges();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                await NoteAndSaveAsync(ct);
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        }

        private async Task NoteAndSaveAsync(CancellationToken ct)
        {
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList())
            {
                var (type, id) = entry.Entity switch
                {
                    Agreement a => ("Agreement", a.Id),
                    PendingListing p => ("PendingListing", p.Id),
                    Agency a => ("Agency", a.Id),
                    _ => ("", Guid.Empty),
                };
                if (type.Length == 0 || !_noted.Add(id)) continue;
                var before = entry.State == EntityState.Added ? new Dictionary<string, object?>()
                    : entry.Properties.Where(p => p.IsModified && !Bookkeeping.Contains(p.Metadata.Name))
                        .ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
                db.IceListUndoRecords.Add(new IceListUndoRecord
                {
                    SnapshotId = snapshotId, EntityType = type, EntityId = id, Added = entry.State == EntityState.Added,
                    Before = System.Text.Json.JsonSerializer.Serialize(before),
                });
            }
            // An agency given its ICE area by this list: its encounters carry the area too (Encounter.AorCode, for the area's lists).
            var areaGiven = db.ChangeTracker.Entries<Agency>().Where(e => e.State == EntityState.Modified && e.Property(a => a.AorCode).IsModified
                && e.Property(a => a.AorCode).OriginalValue is null && e.Entity.AorCode is not null).Select(e => (e.Entity.Id, e.Entity.AorCode)).ToList();
            await db.SaveChangesAsync(ct);
            foreach (var (agencyId, area) in areaGiven)
                await db.Encounters.IgnoreQueryFilters().Where(e => e.AgencyId == agencyId && e.AorCode != area)
                    .ExecuteUpdateAsync(u => u.SetProperty(e => e.AorCode, area), ct);
            // (An agreement's history stays tracked: it hangs off the agreement, which a later row or the removals may change again.)
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.Entity is DataQualityFlag or IceListUndoRecord).ToList())
                entry.State = EntityState.Detached;
        }
    }

    /// <summary>The state of one import: what the registry held, and what this list has said so far.</summary>
    private sealed class Run(AppDbContext db, ReferenceData reference, IceListSnapshot snapshot, DateTime now)
    {
        private Dictionary<(string State, string Key), Agency> _agencies = [];
        private Dictionary<(Guid Agency, AgreementModel Model), Agreement> _agreements = [];
        private Dictionary<(Guid Agency, AgreementModel Model), PendingListing> _pending = [];
        private readonly HashSet<(string, string, AgreementModel)> _seenRows = [];
        private readonly HashSet<Guid> _listed = [];
        private readonly HashSet<Guid> _unmatchedOri = [], _unmatchedCounty = [], _unmatchedAor = [];

        public List<ListedAgreement> AddedList { get; } = [];
        public List<ListedAgreement> UpdatedList { get; } = [];
        public List<ListedAgreement> RemovedList { get; } = [];
        private readonly Dictionary<Guid, Agency> _agencyById = [];

        private ListedAgreement Listed(Guid? agreementId, Guid agencyId, AgreementModel model, IReadOnlyList<FieldChange> changes)
        {
            var agency = _agencyById.GetValueOrDefault(agencyId);
            return new ListedAgreement(agreementId, agencyId, agency?.State ?? "", agency?.Name ?? "", model.Code(), changes);
        }

        public int Added { get; private set; }
        public int Updated { get; private set; }
        public int Removed { get; private set; }
        public int Unchanged { get; private set; }
        public int Rejected { get; private set; }
        public int Duplicates { get; private set; }
        public int FlaggedRows { get; private set; }
        public Dictionary<string, int> FlagCounts { get; } = new(StringComparer.Ordinal);
        public UnmatchedCounts UnmatchedCounts => new(_unmatchedOri.Count, _unmatchedCounty.Count, _unmatchedAor.Count);

        public IReadOnlyList<UnmatchedAgency> UnmatchedAgencies =>
            _agencies.Values
                .Where(a => _unmatchedOri.Contains(a.Id) || _unmatchedCounty.Contains(a.Id) || _unmatchedAor.Contains(a.Id))
                .OrderBy(a => a.State, StringComparer.Ordinal).ThenBy(a => a.NameKey, StringComparer.Ordinal)
                .Select(a => new UnmatchedAgency(a.Id, a.State, a.Name, new[]
                {
                    _unmatchedOri.Contains(a.Id) ? "ori" : null,
                    _unmatchedCounty.Contains(a.Id) ? "county" : null,
                    _unmatchedAor.Contains(a.Id) ? "aor" : null,
                }.OfType<string>().ToList()))
                .ToList();

        public async Task LoadAsync(CancellationToken ct)
        {
            _agencies = (await db.Agencies.Where(a => !a.IsDemo).ToListAsync(ct)).ToDictionary(a => (a.State, a.NameKey));
            foreach (var a in _agencies.Values) _agencyById[a.Id] = a;
            // The newest imported agreement per agency and model is the one a list row speaks of.
            _agreements = (await db.Agreements.Where(a => a.Source == AgreementSource.IceList).ToListAsync(ct))
                .GroupBy(a => (a.AgencyId, a.Model))
                .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.FirstListedOn).First());
            _pending = (await db.PendingListings.ToListAsync(ct)).ToDictionary(p => (p.AgencyId, p.Model));
        }

        public void Agreement(ParsedRow row)
        {
            var flags = new List<FlagDraft>(row.Flags);
            if (row.IsRejected)
            {
                Rejected++;
                Record(row, flags, agency: null, agreement: null);
                return;
            }

            var agency = AgencyFor(row, flags);
            var model = row.Model!.Value;
            if (!_seenRows.Add((agency.State, agency.NameKey, model)))
            {
                Duplicates++;
                flags.Add(new("row", IceListFlags.RowDuplicate, null,
                    $"{agency.Name} is listed for {model.IceName()} more than once; the first row counts."));
                Record(row, flags, agency, _agreements.GetValueOrDefault((agency.Id, model)));
                return;
            }

            // A list speaks of the agreement whatever we have recorded since (a suspension, a termination): its fields
            // are reconciled, and only an agreement the list had dropped becomes active again.
            if (_agreements.TryGetValue((agency.Id, model), out var agreement))
            {
                var changes = agreement.ReconcileWithIceList(row.Fields, snapshot.AsOf, snapshot.Id, now);
                if (changes.Count > 0)
                {
                    Updated++;
                    UpdatedList.Add(Listed(agreement.Id, agency.Id, model, changes));
                }
                else Unchanged++;
            }
            else
            {
                agreement = Agreements.Agreement.FromIceList(agency, model, row.Fields, snapshot.AsOf, snapshot.Id, now);
                db.Agreements.Add(agreement);
                _agreements[(agency.Id, model)] = agreement;
                Added++;
                AddedList.Add(Listed(agreement.Id, agency.Id, model, []));
            }
            _listed.Add(agreement.Id);
            Record(row, flags, agency, agreement);
        }

        public void Pending(ParsedRow row)
        {
            var flags = new List<FlagDraft>(row.Flags);
            if (row.IsRejected)
            {
                Rejected++;
                Record(row, flags, agency: null, agreement: null);
                return;
            }
            var agency = AgencyFor(row, flags);
            var model = row.Model!.Value;
            if (!_seenRows.Add((agency.State, agency.NameKey, model)))
            {
                Duplicates++;
                flags.Add(new("row", IceListFlags.RowDuplicate, null, $"{agency.Name} is listed as pending for {model.IceName()} more than once."));
                Record(row, flags, agency, null);
                return;
            }
            if (_pending.TryGetValue((agency.Id, model), out var listing))
            {
                var relisted = listing.RemovedOn is not null;
                if (snapshot.AsOf > listing.LastListedOn) listing.LastListedOn = snapshot.AsOf;
                listing.RemovedOn = null;
                if (relisted)
                {
                    Updated++;
                    UpdatedList.Add(Listed(null, agency.Id, model, [new("status", "removed", "pending")]));
                }
                else Unchanged++;
            }
            else
            {
                listing = new PendingListing { AgencyId = agency.Id, Model = model, FirstListedOn = snapshot.AsOf, LastListedOn = snapshot.AsOf };
                db.PendingListings.Add(listing);
                _pending[(agency.Id, model)] = listing;
                Added++;
                AddedList.Add(Listed(null, agency.Id, model, []));
            }
            _listed.Add(listing.Id);
            Record(row, flags, agency, null);
        }

        /// <summary>Marks what the list no longer carries removed; yields after every <paramref name="batch"/> so the caller can save.</summary>
        public IEnumerable<int> RemoveUnlisted(IceListKind kind, int batch)
        {
            if (kind == IceListKind.Participating)
            {
                foreach (var agreement in _agreements.Values.Where(a => !_listed.Contains(a.Id)).ToList())
                {
                    if (agreement.MarkRemovedFromIceList(snapshot.AsOf, snapshot.Id, now))
                    {
                        Removed++;
                        RemovedList.Add(Listed(agreement.Id, agreement.AgencyId, agreement.Model, [new("status", "active", "removed")]));
                        if (Removed % batch == 0) yield return Removed;
                    }
                }
                yield break;
            }
            foreach (var listing in _pending.Values.Where(p => !_listed.Contains(p.Id) && p.RemovedOn is null).ToList())
            {
                listing.RemovedOn = snapshot.AsOf;
                Removed++;
                RemovedList.Add(Listed(null, listing.AgencyId, listing.Model, [new("status", "pending", "removed")]));
                if (Removed % batch == 0) yield return Removed;
            }
        }

        /// <summary>How many active agreements a participating list would mark removed, computed without changing anything.</summary>
        public int WouldRemove(IReadOnlyList<ParsedRow> rows)
        {
            var listed = rows.Where(r => !r.IsRejected).Select(r => (r.State!.Code, Agency.KeyOf(r.AgencyName), r.Model!.Value)).ToHashSet();
            return _agreements.Values.Count(a => a.Source == AgreementSource.IceList && a.Status == AgreementStatus.Active
                && _agencyById.TryGetValue(a.AgencyId, out var agency) && !listed.Contains((agency.State, agency.NameKey, a.Model)));
        }

        private Agency AgencyFor(ParsedRow row, List<FlagDraft> flags)
        {
            var state = row.State!.Code;
            var key = Agency.KeyOf(row.AgencyName);
            if (!_agencies.TryGetValue((state, key), out var agency))
            {
                agency = new Agency { Name = row.AgencyName, NameKey = key, State = state, Type = row.Type ?? AgencyType.Other };
                db.Agencies.Add(agency);
                _agencies[(state, key)] = agency;
                _agencyById[agency.Id] = agency;
            }
            else if (row.Type is { } type && type != AgencyType.Other && agency.Type != type)
            {
                agency.Type = type;
            }
            Match(agency, row, flags);
            agency.DeriveTimeZone();
            return agency;
        }

        /// <summary>Gives the agency its ORI, size, county FIPS and area of responsibility where the reference data knows them.</summary>
        private void Match(Agency agency, ParsedRow row, List<FlagDraft> flags)
        {
            var roster = reference.MatchRoster(agency.State, agency.Name);
            if (roster.Agency is { } found)
            {
                agency.Ori ??= found.Ori;
                agency.PopulationServed ??= found.Population;
                agency.SwornOfficers ??= found.Officers;
                if (row.Type is null && agency.Type == AgencyType.Other)
                    agency.Type = found.Type switch { "County" => AgencyType.County, "City" => AgencyType.Municipality, _ => agency.Type };
            }

            var county = reference.CountyOfAgency(agency.State, row.County, agency.Name, roster);
            if (county is not null)
            {
                agency.CountyFips ??= county.Fips;
                agency.CountyName ??= county.Name;
            }
            else if (row.County is { } named)
            {
                agency.CountyName ??= named;
                flags.Add(new("county", IceListFlags.CountyUnmatched, named, $"\"{named}\" is not a county of {agency.State} in the Census list."));
            }
            agency.AorCode ??= reference.AorOf(agency.State, agency.CountyFips);

            if (agency.Ori is null)
            {
                _unmatchedOri.Add(agency.Id);
                flags.Add(roster.Ambiguous
                    ? new("agency", IceListFlags.OriAmbiguous, agency.Name, "Several agencies in the FBI roster fit this name; no ORI was given.")
                    : new("agency", IceListFlags.OriUnmatched, agency.Name, "No agency of this name in this state is in the FBI roster; no ORI was given."));
            }
            if (agency.CountyFips is null) _unmatchedCounty.Add(agency.Id);
            if (agency.AorCode is null)
            {
                _unmatchedAor.Add(agency.Id);
                flags.Add(new("agency", IceListFlags.AorUnmatched, agency.State,
                    "No ICE area of responsibility could be found for this agency's county or state."));
            }
        }

        private void Record(ParsedRow row, List<FlagDraft> flags, Agency? agency, Agreement? agreement)
        {
            if (flags.Count == 0) return;
            FlaggedRows++;
            foreach (var flag in flags)
            {
                FlagCounts[flag.Code] = FlagCounts.GetValueOrDefault(flag.Code) + 1;
                db.DataQualityFlags.Add(new DataQualityFlag
                {
                    SnapshotId = snapshot.Id,
                    AgencyId = agency?.Id,
                    AgreementId = agreement?.Id,
                    RowNumber = row.RowNumber,
                    Field = flag.Field,
                    Code = flag.Code,
                    RawValue = flag.RawValue,
                    Message = flag.Message,
                    RawRow = agreement is null ? row.Describe : null,
                });
            }
        }
    }
}
