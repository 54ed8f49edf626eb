using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Encounters;

/// <summary>
/// The counts of the use-of-authority measures for the encounters of one day (at ICE headquarters): a row per agreement
/// and day (<see cref="AgreementMeasureDay"/>) and, summed from those, a row per model and day for the nation
/// (<see cref="NationMeasureDay"/>). Every count is additive, so a period, an agency or an area is a sum of rows.
/// </summary>
public abstract class MeasureCounts
{
    public DateOnly Day { get; set; }

    public AgreementModel Model { get; set; }

    public int Encounters { get; set; }

    /// <summary>Encounters whose basis carries the facts its model requires (see <see cref="Measures"/>).</summary>
    public int WithLawfulBasis { get; set; }

    public int HoldsPast48Hours { get; set; }

    public int LateEncounters { get; set; }

    /// <summary>Actions other than the opening one entered more than 24 hours after they happened.</summary>
    public int LateActions { get; set; }

    public int CorrectedEncounters { get; set; }

    public int DetainersRequested { get; set; }

    public int DetainersIssued { get; set; }

    public int DetainersDeclined { get; set; }

    public int DetainersWithdrawn { get; set; }

    public int DetainersPending { get; set; }

    public int DetainerReturns { get; set; }

    /// <summary>Requests with a first decision (return, approval or decline).</summary>
    public int DetainersReviewed { get; set; }

    /// <summary>Requests whose first decision came at most 24 hours after the request.</summary>
    public int DetainersReviewedWithin24Hours { get; set; }

    /// <summary>The sum of the reviewed requests' times to first decision, in milliseconds (records keep milliseconds).</summary>
    public long ReviewMilliseconds { get; set; }

    public int Claims { get; set; }

    public int ClaimsUsCitizen { get; set; }

    public int ClaimsNotUsCitizen { get; set; }

    public int ClaimsOpen { get; set; }

    public int ClaimsReportedWithinHour { get; set; }

    internal void CopyFrom(MeasureCounts c)
    {
        (Encounters, WithLawfulBasis, HoldsPast48Hours, LateEncounters, LateActions, CorrectedEncounters) =
            (c.Encounters, c.WithLawfulBasis, c.HoldsPast48Hours, c.LateEncounters, c.LateActions, c.CorrectedEncounters);
        (DetainersRequested, DetainersIssued, DetainersDeclined, DetainersWithdrawn, DetainersPending, DetainerReturns) =
            (c.DetainersRequested, c.DetainersIssued, c.DetainersDeclined, c.DetainersWithdrawn, c.DetainersPending, c.DetainerReturns);
        (DetainersReviewed, DetainersReviewedWithin24Hours, ReviewMilliseconds) = (c.DetainersReviewed, c.DetainersReviewedWithin24Hours, c.ReviewMilliseconds);
        (Claims, ClaimsUsCitizen, ClaimsNotUsCitizen, ClaimsOpen, ClaimsReportedWithinHour) =
            (c.Claims, c.ClaimsUsCitizen, c.ClaimsNotUsCitizen, c.ClaimsOpen, c.ClaimsReportedWithinHour);
    }

    internal void Add(MeasureCounts c)
    {
        Encounters += c.Encounters; WithLawfulBasis += c.WithLawfulBasis; HoldsPast48Hours += c.HoldsPast48Hours;
        LateEncounters += c.LateEncounters; LateActions += c.LateActions; CorrectedEncounters += c.CorrectedEncounters;
        DetainersRequested += c.DetainersRequested; DetainersIssued += c.DetainersIssued; DetainersDeclined += c.DetainersDeclined;
        DetainersWithdrawn += c.DetainersWithdrawn; DetainersPending += c.DetainersPending; DetainerReturns += c.DetainerReturns;
        DetainersReviewed += c.DetainersReviewed; DetainersReviewedWithin24Hours += c.DetainersReviewedWithin24Hours;
        ReviewMilliseconds += c.ReviewMilliseconds;
        Claims += c.Claims; ClaimsUsCitizen += c.ClaimsUsCitizen; ClaimsNotUsCitizen += c.ClaimsNotUsCitizen; ClaimsOpen += c.ClaimsOpen;
        ClaimsReportedWithinHour += c.ClaimsReportedWithinHour;
    }
}

/// <summary>A row of <c>AgreementMeasureDays</c>: one agreement's counts for one day. Written only by <see cref="MeasureRollup"/>.</summary>
public sealed class AgreementMeasureDay : MeasureCounts
{
    public Guid AgreementId { get; set; }

    public Guid AgencyId { get; set; }
}

/// <summary>A row of <c>NationMeasureDays</c>: the sum of the agreement rows of one model and day.</summary>
public sealed class NationMeasureDay : MeasureCounts;

internal sealed class AgreementMeasureDayConfiguration : IEntityTypeConfiguration<AgreementMeasureDay>
{
    public void Configure(EntityTypeBuilder<AgreementMeasureDay> b)
    {
        b.ToTable("AgreementMeasureDays");
        b.HasKey(r => new { r.AgreementId, r.Day });
        b.HasIndex(r => new { r.AgencyId, r.Day });
        b.HasIndex(r => new { r.Day, r.Model });
    }
}

internal sealed class NationMeasureDayConfiguration : IEntityTypeConfiguration<NationMeasureDay>
{
    public void Configure(EntityTypeBuilder<NationMeasureDay> b)
    {
        b.ToTable("NationMeasureDays");
        b.HasKey(r => new { r.Day, r.Model });
    }
}

/// <summary>
/// Keeps the measure rows equal to the raw records. Each unit of work that writes an encounter, one of its actions,
/// detainers or citizenship claims recomputes, in the same transaction, the rows of the days it touched from those days'
/// raw records (never by adding deltas, so a row cannot drift), and the nation's rows for those days from the agreement
/// rows. A day's recomputation reads one agreement's encounters of that day through the (AgreementId, OccurredAt) index.
/// </summary>
public static class MeasureRollup
{
    /// <summary>The state kept in <c>PublicVersions</c>: 1 once the rows have been built from the records after the migration.</summary>
    public const string BuiltMarker = "measures-rollup-built";

    private static readonly string[] Decisions = ["detainer.issued", "detainer.returned", "detainer.declined"];

    /// <summary>The (agreement, HQ day) pairs a unit of work's entries touch, before they are written (deleted rows included).</summary>
    public static async Task<HashSet<(Guid Agreement, DateOnly Day)>> TouchedAsync(AppDbContext db, IReadOnlyList<EntityEntry> entries,
        CancellationToken ct)
    {
        var touched = new HashSet<(Guid, DateOnly)>();
        var others = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            switch (entry.Entity)
            {
                case Encounter e:
                    touched.Add((e.AgreementId, Clock.DayOf(e.OccurredAt)));
                    if (entry.State != EntityState.Added)
                    {
                        var original = entry.Property(nameof(Encounter.OccurredAt)).OriginalValue;
                        if (original is DateTime o) touched.Add((e.AgreementId, Clock.DayOf(o)));
                    }
                    break;
                case EncounterEvent x: others.Add(x.EncounterId); break;
                case Detainer d: others.Add(d.EncounterId); break;
                case CitizenshipClaim c: others.Add(c.EncounterId); break;
            }
        }
        foreach (var id in others)
        {
            if (db.Encounters.Local.FirstOrDefault(e => e.Id == id) is { } local)
            {
                touched.Add((local.AgreementId, Clock.DayOf(local.OccurredAt)));
                continue;
            }
            var stored = await db.Encounters.IgnoreQueryFilters().AsNoTracking().Where(e => e.Id == id)
                .Select(e => new { e.AgreementId, e.OccurredAt }).FirstOrDefaultAsync(ct);
            if (stored is not null) touched.Add((stored.AgreementId, Clock.DayOf(stored.OccurredAt)));
        }
        return touched;
    }

    /// <summary>Recomputes the rows of the touched days, and the nation's rows of those days. The caller holds the transaction.</summary>
    public static async Task RecomputeAsync(AppDbContext db, IEnumerable<(Guid Agreement, DateOnly Day)> touched, CancellationToken ct)
    {
        var nationDays = new HashSet<(AgreementModel, DateOnly)>();
        foreach (var group in touched.GroupBy(t => t.Agreement))
        {
            foreach (var run in Runs(group.Select(t => t.Day)))
                nationDays.UnionWith(await RecomputeAgreementAsync(db, group.Key, run.From, run.To, ct));
        }
        foreach (var (model, day) in nationDays) await RecomputeNationAsync(db, model, day, ct);
    }

    /// <summary>Builds every row from the records, agreement by agreement (after the migration, and for the load generator).</summary>
    public static async Task RebuildAsync(AppDbContext db, CancellationToken ct)
    {
        var agreements = await db.Agreements.IgnoreQueryFilters().AsNoTracking().Select(a => a.Id).ToListAsync(ct);
        await db.NationMeasureDays.ExecuteDeleteAsync(ct);
        await db.AgreementMeasureDays.ExecuteDeleteAsync(ct);
        var nation = new Dictionary<(AgreementModel, DateOnly), NationMeasureDay>();
        foreach (var agreement in agreements)
        {
            var rows = await CountAsync(db, agreement, null, null, ct);
            db.AgreementMeasureDays.AddRange(rows);
            foreach (var row in rows)
            {
                if (!nation.TryGetValue((row.Model, row.Day), out var n))
                    nation[(row.Model, row.Day)] = n = new NationMeasureDay { Model = row.Model, Day = row.Day };
                n.Add(row);
            }
            await db.SaveRollupAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.NationMeasureDays.AddRange(nation.Values);
        await db.SaveRollupAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Consecutive days as ranges, so a unit of work over many days of one agreement reads them in one query.</summary>
    private static IEnumerable<(DateOnly From, DateOnly To)> Runs(IEnumerable<DateOnly> days)
    {
        DateOnly? from = null, to = null;
        foreach (var day in days.Distinct().Order())
        {
            if (to is { } t && day == t.AddDays(1)) { to = day; continue; }
            if (from is { } f) yield return (f, to!.Value);
            (from, to) = (day, day);
        }
        if (from is { } last) yield return (last, to!.Value);
    }

    private static async Task<IEnumerable<(AgreementModel, DateOnly)>> RecomputeAgreementAsync(AppDbContext db, Guid agreement, DateOnly from,
        DateOnly to, CancellationToken ct)
    {
        var counted = (await CountAsync(db, agreement, from, to, ct)).ToDictionary(r => r.Day);
        var existing = await db.AgreementMeasureDays.Where(r => r.AgreementId == agreement && r.Day >= from && r.Day <= to).ToListAsync(ct);
        var models = existing.Select(r => (r.Model, r.Day)).Concat(counted.Values.Select(r => (r.Model, r.Day))).ToHashSet();
        foreach (var row in existing)
        {
            if (counted.Remove(row.Day, out var now)) row.CopyFrom(now);
            else db.AgreementMeasureDays.Remove(row);
        }
        db.AgreementMeasureDays.AddRange(counted.Values);
        await db.SaveRollupAsync(ct);
        return models;
    }

    private static async Task RecomputeNationAsync(AppDbContext db, AgreementModel model, DateOnly day, CancellationToken ct)
    {
        var parts = await db.AgreementMeasureDays.AsNoTracking().Where(r => r.Day == day && r.Model == model).ToListAsync(ct);
        var row = await db.NationMeasureDays.FirstOrDefaultAsync(r => r.Day == day && r.Model == model, ct);
        if (parts.Count == 0)
        {
            if (row is not null) db.NationMeasureDays.Remove(row);
        }
        else
        {
            var sum = new NationMeasureDay { Day = day, Model = model };
            foreach (var p in parts) sum.Add(p);
            if (row is null) db.NationMeasureDays.Add(sum);
            else row.CopyFrom(sum);
        }
        await db.SaveRollupAsync(ct);
    }

    /// <summary>One agreement's rows for a range of days (all days when the range is open), from the raw records.</summary>
    private static async Task<List<AgreementMeasureDay>> CountAsync(AppDbContext db, Guid agreement, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        var encounters = db.Encounters.IgnoreQueryFilters().AsNoTracking().Where(e => e.AgreementId == agreement);
        if (from is { } f) encounters = encounters.Where(e => e.OccurredAt >= Clock.StartOfDayUtc(f));
        if (to is { } t) encounters = encounters.Where(e => e.OccurredAt < Clock.StartOfDayUtc(t.AddDays(1)));
        var facts = await encounters.Select(e => new
        {
            e.Id, e.AgencyId, e.Model, e.OccurredAt,
            Basis = (e.BasisKind == BasisKind.Booking && e.BookingNumber != null && e.Charges != null)
                || (e.BasisKind == BasisKind.StopOrArrest && e.Offense != null)
                || (e.BasisKind == BasisKind.Warrant && e.WarrantNumber != null),
            Hold = e.OverdetentionAt != null, Late = e.LateReason != null, Corrected = e.Corrections > 0,
        }).ToListAsync(ct);
        if (facts.Count == 0) return [];
        // The parts of those encounters, each in one query joined to the same range: the statement's shape never changes with
        // the number of encounters (a list of ids would make a new statement, compiled again, for every length).
        var lateActions = await (from x in db.EncounterEvents.IgnoreQueryFilters().AsNoTracking()
                                 join e in encounters on x.EncounterId equals e.Id
                                 where x.Kind != "opened" && x.LateReason != null
                                 group x by x.EncounterId into g
                                 select new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var decisions = new Dictionary<Guid, List<DateTime>>();
        foreach (var x in await (from x in db.EncounterEvents.IgnoreQueryFilters().AsNoTracking()
                                 join e in encounters on x.EncounterId equals e.Id
                                 where Decisions.Contains(x.Kind)
                                 select new { x.EncounterId, x.At }).ToListAsync(ct))
            (decisions.TryGetValue(x.EncounterId, out var list) ? list : decisions[x.EncounterId] = []).Add(x.At);
        var detainers = (await (from d in db.Detainers.IgnoreQueryFilters().AsNoTracking()
                                join e in encounters on d.EncounterId equals e.Id
                                select new { d.EncounterId, d.Status, Issued = d.IssuedAt != null, d.Returns, d.RequestedAt }).ToListAsync(ct))
            .Select(d => (Encounter: d.EncounterId, d.Status, d.Issued, d.Returns, d.RequestedAt)).ToList();
        var claims = (await (from c in db.CitizenshipClaims.IgnoreQueryFilters().AsNoTracking()
                             join e in encounters on c.EncounterId equals e.Id
                             select new { c.EncounterId, c.Outcome, c.ResolvedAt, c.ReportedAt, c.ClaimedAt }).ToListAsync(ct))
            .Select(c => (Encounter: c.EncounterId, c.Outcome, Open: c.ResolvedAt == null,
                WithinHour: c.ReportedAt != null && c.ReportedAt.Value - c.ClaimedAt <= TimeSpan.FromHours(1))).ToList();
        var dayOf = facts.ToDictionary(x => x.Id, x => Clock.DayOf(x.OccurredAt));
        var rows = new Dictionary<DateOnly, AgreementMeasureDay>();
        AgreementMeasureDay Row(Guid encounter)
        {
            var day = dayOf[encounter];
            if (rows.TryGetValue(day, out var row)) return row;
            var first = facts[0];
            return rows[day] = new AgreementMeasureDay { AgreementId = agreement, AgencyId = first.AgencyId, Model = first.Model, Day = day };
        }
        foreach (var e in facts)
        {
            var row = Row(e.Id);
            row.Encounters++;
            if (e.Basis) row.WithLawfulBasis++;
            if (e.Hold) row.HoldsPast48Hours++;
            if (e.Late) row.LateEncounters++;
            if (e.Corrected) row.CorrectedEncounters++;
            row.LateActions += lateActions.GetValueOrDefault(e.Id);
        }
        foreach (var d in detainers)
        {
            var row = Row(d.Encounter);
            row.DetainersRequested++;
            if (d.Issued) row.DetainersIssued++;
            if (d.Status == DetainerStatus.Declined) row.DetainersDeclined++;
            if (d.Status == DetainerStatus.Withdrawn) row.DetainersWithdrawn++;
            if (d.Status is DetainerStatus.Requested or DetainerStatus.Returned) row.DetainersPending++;
            row.DetainerReturns += d.Returns;
            // The first decision on the encounter at or after the request (as the measures have always defined it).
            var first = decisions.GetValueOrDefault(d.Encounter)?.Where(at => at >= d.RequestedAt).DefaultIfEmpty().Min();
            if (first is { } at && at != default)
            {
                var took = at - d.RequestedAt;
                row.DetainersReviewed++;
                row.ReviewMilliseconds += (long)took.TotalMilliseconds;
                if (took <= TimeSpan.FromHours(24)) row.DetainersReviewedWithin24Hours++;
            }
        }
        foreach (var c in claims)
        {
            var row = Row(c.Encounter);
            row.Claims++;
            if (c.Outcome == ClaimOutcome.UsCitizen) row.ClaimsUsCitizen++;
            if (c.Outcome == ClaimOutcome.NotUsCitizen) row.ClaimsNotUsCitizen++;
            if (c.Open) row.ClaimsOpen++;
            if (c.WithinHour) row.ClaimsReportedWithinHour++;
        }
        return rows.Values.ToList();
    }
}
