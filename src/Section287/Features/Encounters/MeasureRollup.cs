using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Query;
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

    /// <summary>Adds <paramref name="c"/>'s counts (<paramref name="sign"/> -1 takes them away).</summary>
    internal void Add(MeasureCounts c, int sign = 1)
    {
        Encounters += sign * c.Encounters; WithLawfulBasis += sign * c.WithLawfulBasis; HoldsPast48Hours += sign * c.HoldsPast48Hours;
        LateEncounters += sign * c.LateEncounters; LateActions += sign * c.LateActions; CorrectedEncounters += sign * c.CorrectedEncounters;
        DetainersRequested += sign * c.DetainersRequested; DetainersIssued += sign * c.DetainersIssued;
        DetainersDeclined += sign * c.DetainersDeclined; DetainersWithdrawn += sign * c.DetainersWithdrawn;
        DetainersPending += sign * c.DetainersPending; DetainerReturns += sign * c.DetainerReturns;
        DetainersReviewed += sign * c.DetainersReviewed; DetainersReviewedWithin24Hours += sign * c.DetainersReviewedWithin24Hours;
        ReviewMilliseconds += sign * c.ReviewMilliseconds;
        Claims += sign * c.Claims; ClaimsUsCitizen += sign * c.ClaimsUsCitizen; ClaimsNotUsCitizen += sign * c.ClaimsNotUsCitizen;
        ClaimsOpen += sign * c.ClaimsOpen; ClaimsReportedWithinHour += sign * c.ClaimsReportedWithinHour;
    }

    internal bool IsZero() =>
        Encounters == 0 && WithLawfulBasis == 0 && HoldsPast48Hours == 0 && LateEncounters == 0 && LateActions == 0 && CorrectedEncounters == 0
        && DetainersRequested == 0 && DetainersIssued == 0 && DetainersDeclined == 0 && DetainersWithdrawn == 0 && DetainersPending == 0
        && DetainerReturns == 0 && DetainersReviewed == 0 && DetainersReviewedWithin24Hours == 0 && ReviewMilliseconds == 0
        && Claims == 0 && ClaimsUsCitizen == 0 && ClaimsNotUsCitizen == 0 && ClaimsOpen == 0 && ClaimsReportedWithinHour == 0;
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
/// Keeps the measure rows equal to the raw records. Every count is a sum over encounters of what each encounter (with its
/// actions, detainers and citizenship claims) contributes to its agreement's row of its day. So each unit of work that writes
/// an encounter or one of its parts counts, in the same transaction, the contributions of the encounters it touches from the
/// raw records before the write and again after it, and adds the difference to their rows and to the nation's rows of the
/// same model and day in one statement each (<c>SET n = n + @d</c>). Its cost does not grow with the day's encounters: a day
/// with thousands of writes to one agreement costs what a quiet one does. The counting is the one the rebuild uses, and the
/// writers of these tables take turns at the audit chain's tail, so the rows stay equal to the records (tests compare them
/// with plain SQL over the raw rows after every kind of write); <see cref="RebuildAsync"/> builds them all again.
/// </summary>
public static class MeasureRollup
{
    /// <summary>The state kept in <c>PublicVersions</c>: 1 once the rows have been built from the records after the migration.</summary>
    public const string BuiltMarker = "measures-rollup-built";

    private static readonly string[] Decisions = ["detainer.issued", "detainer.returned", "detainer.declined"];

    /// <summary>The encounters whose contribution a unit of work's entries may change, and which of them are already stored.</summary>
    public sealed record TouchedEncounters(List<Guid> All, List<Guid> Stored);

    /// <summary>The encounters a unit of work's entries touch (deleted rows included), before they are written; null when none.</summary>
    public static TouchedEncounters? Touched(AppDbContext db, IReadOnlyList<EntityEntry> entries)
    {
        HashSet<Guid>? all = null;
        var stored = new HashSet<Guid>();
        foreach (var entry in entries)
        {
            var (id, isNew) = entry.Entity switch
            {
                Encounter e => (e.Id, entry.State == EntityState.Added),
                EncounterEvent x => (x.EncounterId, IsNew(db, x.EncounterId)),
                Detainer d => (d.EncounterId, IsNew(db, d.EncounterId)),
                CitizenshipClaim c => (c.EncounterId, IsNew(db, c.EncounterId)),
                _ => (Guid.Empty, false),
            };
            if (id == Guid.Empty) continue;
            (all ??= []).Add(id);
            if (!isNew) stored.Add(id);
        }
        return all is null ? null : new TouchedEncounters([.. all], [.. stored]);
    }

    private static bool IsNew(AppDbContext db, Guid encounter) => db.Encounters.Local.FindEntry(encounter)?.State == EntityState.Added;

    /// <summary>What the stored encounters contribute now: read before a unit of work writes them.</summary>
    public static Task<List<AgreementMeasureDay>> CountAsync(AppDbContext db, List<Guid> encounters, CancellationToken ct) =>
        encounters.Count == 0 ? Task.FromResult(new List<AgreementMeasureDay>())
            : CountAsync(db, db.Encounters.IgnoreQueryFilters().AsNoTracking().Where(e => encounters.Contains(e.Id)), ct);

    /// <summary>Adds what the touched encounters contribute after the write, less what they contributed before, to the rows.</summary>
    public static async Task ApplyAsync(AppDbContext db, List<AgreementMeasureDay> before, List<AgreementMeasureDay> after, CancellationToken ct)
    {
        var agreementDeltas = new Dictionary<(Guid, DateOnly), AgreementMeasureDay>();
        var nationDeltas = new Dictionary<(AgreementModel, DateOnly), NationMeasureDay>();
        foreach (var (rows, sign) in new[] { (after, 1), (before, -1) })
        {
            foreach (var row in rows)
            {
                if (!agreementDeltas.TryGetValue((row.AgreementId, row.Day), out var a))
                    agreementDeltas[(row.AgreementId, row.Day)] = a = new AgreementMeasureDay { AgreementId = row.AgreementId, AgencyId = row.AgencyId, Model = row.Model, Day = row.Day };
                a.Add(row, sign);
                if (!nationDeltas.TryGetValue((row.Model, row.Day), out var n))
                    nationDeltas[(row.Model, row.Day)] = n = new NationMeasureDay { Model = row.Model, Day = row.Day };
                n.Add(row, sign);
            }
        }
        foreach (var d in agreementDeltas.Values.Where(d => !d.IsZero()))
        {
            var (agreement, day) = (d.AgreementId, d.Day);
            var rows = db.AgreementMeasureDays.Where(r => r.AgreementId == agreement && r.Day == day);
            if (await rows.ExecuteUpdateAsync(set => Increment(set, d), ct) == 0) db.AgreementMeasureDays.Add(d);
            else if (d.Encounters < 0) await rows.Where(r => r.Encounters == 0).ExecuteDeleteAsync(ct);
        }
        foreach (var d in nationDeltas.Values.Where(d => !d.IsZero()))
        {
            var (model, day) = (d.Model, d.Day);
            var rows = db.NationMeasureDays.Where(r => r.Day == day && r.Model == model);
            if (await rows.ExecuteUpdateAsync(set => Increment(set, d), ct) == 0) db.NationMeasureDays.Add(d);
            else if (d.Encounters < 0) await rows.Where(r => r.Encounters == 0).ExecuteDeleteAsync(ct);
        }
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveRollupAsync(ct);
            foreach (var entry in db.ChangeTracker.Entries<MeasureCounts>().ToList()) entry.State = EntityState.Detached;
        }
    }

    /// <summary>Every count at once (one statement shape whatever changed): each column plus its difference.</summary>
    private static void Increment<T>(UpdateSettersBuilder<T> set, MeasureCounts d) where T : MeasureCounts
    {
        set.SetProperty(r => r.Encounters, r => r.Encounters + d.Encounters)
            .SetProperty(r => r.WithLawfulBasis, r => r.WithLawfulBasis + d.WithLawfulBasis)
            .SetProperty(r => r.HoldsPast48Hours, r => r.HoldsPast48Hours + d.HoldsPast48Hours)
            .SetProperty(r => r.LateEncounters, r => r.LateEncounters + d.LateEncounters)
            .SetProperty(r => r.LateActions, r => r.LateActions + d.LateActions)
            .SetProperty(r => r.CorrectedEncounters, r => r.CorrectedEncounters + d.CorrectedEncounters)
            .SetProperty(r => r.DetainersRequested, r => r.DetainersRequested + d.DetainersRequested)
            .SetProperty(r => r.DetainersIssued, r => r.DetainersIssued + d.DetainersIssued)
            .SetProperty(r => r.DetainersDeclined, r => r.DetainersDeclined + d.DetainersDeclined)
            .SetProperty(r => r.DetainersWithdrawn, r => r.DetainersWithdrawn + d.DetainersWithdrawn)
            .SetProperty(r => r.DetainersPending, r => r.DetainersPending + d.DetainersPending)
            .SetProperty(r => r.DetainerReturns, r => r.DetainerReturns + d.DetainerReturns)
            .SetProperty(r => r.DetainersReviewed, r => r.DetainersReviewed + d.DetainersReviewed)
            .SetProperty(r => r.DetainersReviewedWithin24Hours, r => r.DetainersReviewedWithin24Hours + d.DetainersReviewedWithin24Hours)
            .SetProperty(r => r.ReviewMilliseconds, r => r.ReviewMilliseconds + d.ReviewMilliseconds)
            .SetProperty(r => r.Claims, r => r.Claims + d.Claims)
            .SetProperty(r => r.ClaimsUsCitizen, r => r.ClaimsUsCitizen + d.ClaimsUsCitizen)
            .SetProperty(r => r.ClaimsNotUsCitizen, r => r.ClaimsNotUsCitizen + d.ClaimsNotUsCitizen)
            .SetProperty(r => r.ClaimsOpen, r => r.ClaimsOpen + d.ClaimsOpen)
            .SetProperty(r => r.ClaimsReportedWithinHour, r => r.ClaimsReportedWithinHour + d.ClaimsReportedWithinHour);
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
            var rows = await CountAsync(db, db.Encounters.IgnoreQueryFilters().AsNoTracking().Where(e => e.AgreementId == agreement), ct);
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

    /// <summary>What the given encounters contribute, as rows per agreement and HQ day, from the raw records.</summary>
    private static async Task<List<AgreementMeasureDay>> CountAsync(AppDbContext db, IQueryable<Encounter> encounters, CancellationToken ct)
    {
        var facts = await encounters.Select(e => new
        {
            e.Id, e.AgreementId, e.AgencyId, e.Model, e.OccurredAt,
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
        var of = facts.ToDictionary(x => x.Id);
        var rows = new Dictionary<(Guid, DateOnly), AgreementMeasureDay>();
        AgreementMeasureDay Row(Guid encounter)
        {
            var e = of[encounter];
            var day = Clock.DayOf(e.OccurredAt);
            if (rows.TryGetValue((e.AgreementId, day), out var row)) return row;
            return rows[(e.AgreementId, day)] = new AgreementMeasureDay { AgreementId = e.AgreementId, AgencyId = e.AgencyId, Model = e.Model, Day = day };
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
