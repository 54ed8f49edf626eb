using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Complaints;
using Section287.Features.Encounters;
using Section287.Features.Inspections;
using Section287.Features.Training;

namespace Section287.Features.Transparency;

/// <summary>A part of a figure: the parts of a figure partition it exactly (each encounter has one model), so the figure is their sum.</summary>
public sealed record FigurePart(string Code, string NameEn, string NameEs);

/// <summary>One agency's count of one part (or, for a kind without parts, of the whole: part "") in one quarter.</summary>
public sealed record FigureCount(Guid AgencyId, string Part, int Value);

/// <summary>The quarter a source counts: its calendar days and the instants they span at ICE headquarters (Eastern time).</summary>
public sealed record FigurePeriod(DateOnly First, DateOnly Last, DateTime StartUtc, DateTime EndUtc)
{
    public static FigurePeriod Of(DateOnly first, DateOnly last)
    {
        var zone = UsTimeZones.Find(UsTimeZones.Default);
        DateTime Utc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone);
        return new FigurePeriod(first, last, Utc(first), Utc(last.AddDays(1)));
    }
}

/// <summary>Where a kind's counts come from: the earliest day it has anything to count, and its counts per agency for a quarter.</summary>
public interface IFigureSource
{
    Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct);

    Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct);
}

/// <summary>
/// A kind of public figure: a count per agency and quarter, summed to states and the nation, with its definition in English and
/// Spanish. Publishing a kind for the first time is a release request (<see cref="ReleaseRequest"/>).
/// </summary>
public sealed record FigureKind(string Code, string NameEn, string NameEs, string DefinitionEn, string DefinitionEs, IFigureSource Source,
    IReadOnlyList<FigurePart> Parts)
{
    public string Name(bool spanish) => spanish ? NameEs : NameEn;

    public string Definition(bool spanish) => spanish ? DefinitionEs : DefinitionEn;
}

/// <summary>
/// The kinds of figure the public portal can publish. Figures that do not partition a total (detainers issued and declined, for
/// example: an issued detainer can later be withdrawn) are separate kinds, each gated over geography only; what the public can then
/// say between kinds is an inequality (issued ≤ requested), which bounds a suppressed cell but never pins it below k values when the
/// cells it is compared with are themselves at least k or suppressed. No kind names or counts a single officer or person: officers
/// are counted per agency, never listed.
/// </summary>
public static class FigureKinds
{
    private static IReadOnlyList<FigurePart> ByModel => AgreementModels.All
        .Select(m => new FigurePart(m.Code(), Texts.All["model." + m.Code()].En, Texts.All["model." + m.Code()].Es)).ToList();

    public static readonly FigureKind Encounters = new("encounters", "Encounters", "Encuentros",
        "Encounters recorded under a 287(g) agreement in the quarter (calendar days at ICE headquarters), by the agreement's model.",
        "Encuentros registrados bajo un acuerdo 287(g) en el trimestre (días naturales en la sede de ICE), por modelo del acuerdo.",
        new MeasureSource(c => c.Encounters, byModel: true), ByModel);

    public static readonly FigureKind DetainersRequested = new("detainers-requested", "Detainers requested", "Detenciones (I-247A) solicitadas",
        "Immigration detainers (I-247A) an officer requested on the quarter's encounters.",
        "Solicitudes de detención migratoria (I-247A) que un agente pidió en los encuentros del trimestre.",
        new MeasureSource(c => c.DetainersRequested, byModel: false), []);

    public static readonly FigureKind DetainersIssued = new("detainers-issued", "Detainers issued", "Detenciones (I-247A) emitidas",
        "Detainers an ICE supervisor approved, of those requested on the quarter's encounters.",
        "Detenciones aprobadas por un supervisor de ICE, de las solicitadas en los encuentros del trimestre.",
        new MeasureSource(c => c.DetainersIssued, byModel: false), []);

    public static readonly FigureKind HoldsPast48Hours = new("holds-past-48-hours", "Holds past 48 hours", "Retenciones de más de 48 horas",
        "Encounters in which a person was held past the 48-hour limit after release (the target is zero).",
        "Encuentros en los que una persona fue retenida más allá del límite de 48 horas tras su liberación (la meta es cero).",
        new MeasureSource(c => c.HoldsPast48Hours, byModel: false), []);

    public static readonly FigureKind CitizenshipClaims = new("citizenship-claims", "Claims of U.S. citizenship", "Reclamaciones de ciudadanía estadounidense",
        "Claims of U.S. citizenship made during the quarter's encounters.",
        "Reclamaciones de ciudadanía estadounidense hechas durante los encuentros del trimestre.",
        new MeasureSource(c => c.Claims, byModel: false), []);

    public static readonly FigureKind ClaimsUsCitizen = new("claims-us-citizen", "Claims found to be U.S. citizens", "Reclamaciones confirmadas como ciudadanos",
        "Claims of U.S. citizenship that ICE resolved as a U.S. citizen.",
        "Reclamaciones de ciudadanía que ICE resolvió confirmando la ciudadanía estadounidense.",
        new MeasureSource(c => c.ClaimsUsCitizen, byModel: false), []);

    public static readonly FigureKind OfficersDesignated = new("officers-designated", "Officer designations in force", "Designaciones de agentes vigentes",
        "Officers' designations (ICE's authorization letters) in force on the quarter's last day, by model: an officer designated under two agreements counts under each. Officers are counted, never named.",
        "Designaciones de agentes (cartas de autorización de ICE) vigentes el último día del trimestre, por modelo: un agente designado bajo dos acuerdos cuenta en cada uno. Se cuentan los agentes, nunca se nombran.",
        new DesignationSource(), ByModel);

    public static readonly FigureKind OfficersTrained = new("officers-trained", "Officers certified", "Agentes certificados",
        "Officers who completed ICE's basic 287(g) course for a model in the quarter (first certificates; refresher courses and corrected certificates are not counted).",
        "Agentes que completaron el curso básico 287(g) de ICE para un modelo en el trimestre (primeros certificados; no se cuentan los cursos de actualización ni los certificados corregidos).",
        new CertificateSource(), ByModel);

    public static readonly FigureKind ComplaintsReceived = new("complaints-received", "Complaints received", "Quejas recibidas",
        "Complaints about the agency's 287(g) work received in the quarter, by the agency or by ICE, through any channel.",
        "Quejas sobre el trabajo 287(g) de la agencia recibidas en el trimestre, por la agencia o por ICE, por cualquier vía.",
        new ComplaintSource(), []);

    public static readonly FigureKind Allegations = new("allegations", "Allegations by type", "Alegaciones por tipo",
        "Allegations recorded in the quarter, by type: a complaint may hold several, each about one person and of one type.",
        "Alegaciones registradas en el trimestre, por tipo: una queja puede contener varias, cada una sobre una persona y de un tipo.",
        new AllegationSource(),
        Enum.GetValues<AllegationCategory>().Select(c => new FigurePart(c.Code(), Texts.All["complaints.category." + c.Code()].En,
            Texts.All["complaints.category." + c.Code()].Es)).ToList());

    public static readonly FigureKind AllegationFindings = new("allegation-findings", "Allegation findings", "Resultados de las alegaciones",
        "Allegations whose investigation reached a finding in the quarter, by finding.",
        "Alegaciones cuya investigación llegó a un resultado en el trimestre, por resultado.",
        new FindingSource(),
        Enum.GetValues<Finding>().Select(f => new FigurePart(f.Code(), Texts.All["figures.finding." + f.Code()].En, Texts.All["figures.finding." + f.Code()].Es)).ToList());

    public static readonly FigureKind InspectionFindingsRaised = new("inspection-findings", "Inspection findings", "Hallazgos de inspección",
        "Findings ICE's inspectors recorded in the quarter, by severity.",
        "Hallazgos que los inspectores de ICE registraron en el trimestre, por gravedad.",
        new InspectionFindingSource(InspectionFindingSource.Counting.Raised), SeverityParts);

    public static readonly FigureKind InspectionFindingsClosed = new("inspection-findings-closed", "Inspection findings closed", "Hallazgos de inspección cerrados",
        "Inspection findings closed in the quarter (the corrective action proven and accepted), by severity.",
        "Hallazgos de inspección cerrados en el trimestre (la medida correctiva probada y aceptada), por gravedad.",
        new InspectionFindingSource(InspectionFindingSource.Counting.Closed), SeverityParts);

    public static readonly FigureKind InspectionFindingsOpen = new("inspection-findings-open", "Inspection findings open", "Hallazgos de inspección abiertos",
        "Inspection findings still open on the quarter's last day, by severity.",
        "Hallazgos de inspección aún abiertos el último día del trimestre, por gravedad.",
        new InspectionFindingSource(InspectionFindingSource.Counting.OpenAtEnd), SeverityParts);

    /// <summary>OPP's race groups (its <c>subject_race</c>), as officers perceived them, the part codes snake-cased.</summary>
    private static IReadOnlyList<FigurePart> RaceParts => StopSource.Races
        .Select(r => new FigurePart(r.Code, Texts.All["figures.race." + r.Code].En, Texts.All["figures.race." + r.Code].Es)).ToList();

    public static readonly FigureKind Stops = new("stops", "Task force stops", "Paradas del grupo de trabajo",
        "Stops recorded under a task force agreement in the quarter, by the race or ethnicity the officer perceived, in the Stanford Open Policing Project's groups.",
        "Paradas registradas bajo un acuerdo de grupo de trabajo en el trimestre, por la raza u origen étnico que percibió el agente, en los grupos del Stanford Open Policing Project.",
        new StopSource(StopSource.Counting.Stops), RaceParts);

    public static readonly FigureKind StopSearches = new("stop-searches", "Searches in stops", "Registros en paradas",
        "Task force stops in the quarter in which a search was conducted, by perceived race or ethnicity.",
        "Paradas del grupo de trabajo en el trimestre en las que se hizo un registro, por raza u origen étnico percibido.",
        new StopSource(StopSource.Counting.Searches), RaceParts);

    public static readonly FigureKind StopContraband = new("stop-contraband", "Searches that found contraband", "Registros que hallaron contrabando",
        "Searches in the quarter's task force stops that found contraband, by perceived race or ethnicity (with searches, the hit rate of the outcome test).",
        "Registros en las paradas del grupo de trabajo del trimestre que hallaron contrabando, por raza u origen étnico percibido (con los registros, la tasa de acierto de la prueba de resultados).",
        new StopSource(StopSource.Counting.Contraband), RaceParts);

    public static readonly FigureKind StopArrests = new("stop-arrests", "Arrests in stops", "Arrestos en paradas",
        "Task force stops in the quarter that ended in an arrest, by perceived race or ethnicity.",
        "Paradas del grupo de trabajo en el trimestre que terminaron en arresto, por raza u origen étnico percibido.",
        new StopSource(StopSource.Counting.Arrests), RaceParts);

    private static IReadOnlyList<FigurePart> SeverityParts => Enum.GetValues<Severity>()
        .Select(s => new FigurePart(s.Code(), Texts.All["figures.severity." + s.Code()].En, Texts.All["figures.severity." + s.Code()].Es)).ToList();

    public static readonly IReadOnlyList<FigureKind> All =
    [
        Encounters, DetainersRequested, DetainersIssued, HoldsPast48Hours, CitizenshipClaims, ClaimsUsCitizen,
        OfficersDesignated, OfficersTrained, ComplaintsReceived, Allegations, AllegationFindings,
        InspectionFindingsRaised, InspectionFindingsClosed, InspectionFindingsOpen,
        Stops, StopSearches, StopContraband, StopArrests,
    ];

    public static FigureKind? ByCode(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Counts from the measures' daily rows (<see cref="AgreementMeasureDay"/>), by model when the kind has model parts.</summary>
internal sealed class MeasureSource(Func<MeasureCounts, int> count, bool byModel) : IFigureSource
{
    private sealed class Sum : MeasureCounts
    {
        public Guid AgencyId { get; set; }
    }

    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        await db.AgreementMeasureDays.AsNoTracking().IgnoreQueryFilters().OrderBy(r => r.Day).Select(r => (DateOnly?)r.Day).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct)
    {
        var sums = await db.AgreementMeasureDays.AsNoTracking().IgnoreQueryFilters().Where(r => r.Day >= period.First && r.Day <= period.Last)
            .GroupBy(r => new { r.AgencyId, r.Model }).Select(g => new Sum
            {
                AgencyId = g.Key.AgencyId, Model = g.Key.Model, Encounters = g.Sum(r => r.Encounters), HoldsPast48Hours = g.Sum(r => r.HoldsPast48Hours),
                DetainersRequested = g.Sum(r => r.DetainersRequested), DetainersIssued = g.Sum(r => r.DetainersIssued),
                Claims = g.Sum(r => r.Claims), ClaimsUsCitizen = g.Sum(r => r.ClaimsUsCitizen),
            }).ToListAsync(ct);
        return byModel
            ? sums.Select(s => new FigureCount(s.AgencyId, s.Model.Code(), count(s))).ToList()
            : sums.GroupBy(s => s.AgencyId).Select(g => new FigureCount(g.Key, "", g.Sum(count))).ToList();
    }
}

/// <summary>Authorizations in force on the quarter's last day: started by its end, neither expired nor revoked by then.</summary>
internal sealed class DesignationSource : IFigureSource
{
    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Authorizations.AsNoTracking().IgnoreQueryFilters().OrderBy(a => a.StartsAt).Select(a => (DateTime?)a.StartsAt).FirstOrDefaultAsync(ct)) is { } at
            ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await db.Authorizations.AsNoTracking().IgnoreQueryFilters()
            .Where(a => a.StartsAt < period.EndUtc && (a.ExpiresAt == null || a.ExpiresAt >= period.EndUtc) && (a.RevokedAt == null || a.RevokedAt >= period.EndUtc))
            .GroupBy(a => new { a.AgencyId, a.Model }).Select(g => new { g.Key.AgencyId, g.Key.Model, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new FigureCount(g.AgencyId, g.Model.Code(), g.Count)).ToList();
}

/// <summary>First certificates of the basic course completed in the quarter.</summary>
internal sealed class CertificateSource : IFigureSource
{
    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        await db.Certificates.AsNoTracking().IgnoreQueryFilters().Where(c => c.Kind == CourseKind.Initial).OrderBy(c => c.CompletedOn)
            .Select(c => (DateOnly?)c.CompletedOn).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await db.Certificates.AsNoTracking().IgnoreQueryFilters()
            .Where(c => c.Kind == CourseKind.Initial && c.SupersedesId == null && c.CompletedOn >= period.First && c.CompletedOn <= period.Last)
            .GroupBy(c => new { c.AgencyId, c.Model }).Select(g => new { g.Key.AgencyId, g.Key.Model, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new FigureCount(g.AgencyId, g.Model.Code(), g.Count)).ToList();
}

/// <summary>Complaints received in the quarter.</summary>
internal sealed class ComplaintSource : IFigureSource
{
    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await db.Complaints.AsNoTracking().IgnoreQueryFilters().OrderBy(c => c.ReceivedAt).Select(c => (DateTime?)c.ReceivedAt).FirstOrDefaultAsync(ct)) is { } at
            ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await db.Complaints.AsNoTracking().IgnoreQueryFilters().Where(c => c.ReceivedAt >= period.StartUtc && c.ReceivedAt < period.EndUtc)
            .GroupBy(c => c.AgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new FigureCount(g.Key, "", g.Count)).ToList();
}

/// <summary>Allegations recorded in the quarter, by category.</summary>
internal sealed class AllegationSource : IFigureSource
{
    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await db.ComplaintAllegations.AsNoTracking().IgnoreQueryFilters().OrderBy(a => a.RecordedAt).Select(a => (DateTime?)a.RecordedAt).FirstOrDefaultAsync(ct)) is { } at
            ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await db.ComplaintAllegations.AsNoTracking().IgnoreQueryFilters().Where(a => a.RecordedAt >= period.StartUtc && a.RecordedAt < period.EndUtc)
            .GroupBy(a => new { a.AgencyId, a.Category }).Select(g => new { g.Key.AgencyId, g.Key.Category, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new FigureCount(g.AgencyId, g.Category.Code(), g.Count)).ToList();
}

/// <summary>Allegations that reached a finding in the quarter, by finding.</summary>
internal sealed class FindingSource : IFigureSource
{
    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await db.ComplaintAllegations.AsNoTracking().IgnoreQueryFilters().Where(a => a.FindingAt != null).OrderBy(a => a.FindingAt)
            .Select(a => a.FindingAt).FirstOrDefaultAsync(ct)) is { } at ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await db.ComplaintAllegations.AsNoTracking().IgnoreQueryFilters()
            .Where(a => a.Finding != null && a.FindingAt >= period.StartUtc && a.FindingAt < period.EndUtc)
            .GroupBy(a => new { a.AgencyId, a.Finding }).Select(g => new { g.Key.AgencyId, g.Key.Finding, Count = g.Count() }).ToListAsync(ct))
        .Select(g => new FigureCount(g.AgencyId, g.Finding!.Value.Code(), g.Count)).ToList();
}

/// <summary>Inspection findings raised in the quarter, closed in it, or open on its last day, by severity.</summary>
internal sealed class InspectionFindingSource(InspectionFindingSource.Counting counting) : IFigureSource
{
    public enum Counting { Raised, Closed, OpenAtEnd }

    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await db.InspectionFindings.AsNoTracking().IgnoreQueryFilters().OrderBy(f => f.RecordedAt).Select(f => (DateTime?)f.RecordedAt).FirstOrDefaultAsync(ct)) is { } at
            ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct)
    {
        var findings = db.InspectionFindings.AsNoTracking().IgnoreQueryFilters();
        findings = counting switch
        {
            Counting.Raised => findings.Where(f => f.RecordedAt >= period.StartUtc && f.RecordedAt < period.EndUtc),
            Counting.Closed => findings.Where(f => f.ClosedAt >= period.StartUtc && f.ClosedAt < period.EndUtc),
            _ => findings.Where(f => f.RecordedAt < period.EndUtc && (f.ClosedAt == null || f.ClosedAt >= period.EndUtc)),
        };
        return (await findings.GroupBy(f => new { f.AgencyId, f.Severity }).Select(g => new { g.Key.AgencyId, g.Key.Severity, Count = g.Count() }).ToListAsync(ct))
            .Select(g => new FigureCount(g.AgencyId, g.Severity.Code(), g.Count)).ToList();
    }
}

/// <summary>
/// Task force stops (encounters with a stop type) in the quarter, by OPP's race group of the officer's perception
/// (<see cref="Evidence.ImmigrationTests.GroupOf"/>): all of them, those with a search, those whose search found contraband, or those
/// that ended in an arrest.
/// </summary>
internal sealed class StopSource(StopSource.Counting counting) : IFigureSource
{
    public enum Counting { Stops, Searches, Contraband, Arrests }

    /// <summary>Part codes and OPP's own <c>subject_race</c> values.</summary>
    public static readonly IReadOnlyList<(string Code, string Opp)> Races =
        [("white", "white"), ("black", "black"), ("hispanic", "hispanic"), ("asian_pacific_islander", "asian/pacific islander"), ("other", "other")];

    public static string CodeOf(string oppRace) => Races.First(r => r.Opp == oppRace).Code;

    private IQueryable<Encounters.Encounter> StopsOf(AppDbContext db)
    {
        var stops = db.Encounters.AsNoTracking().IgnoreQueryFilters().Where(e => e.Model == AgreementModel.TaskForce && e.StopType != null);
        return counting switch
        {
            Counting.Searches => stops.Where(e => e.SearchConducted == true),
            Counting.Contraband => stops.Where(e => e.SearchConducted == true && e.ContrabandFound == true),
            Counting.Arrests => stops.Where(e => e.StopOutcome == "arrest"),
            _ => stops,
        };
    }

    public async Task<DateOnly?> EarliestAsync(AppDbContext db, CancellationToken ct) =>
        (await StopsOf(db).OrderBy(e => e.OccurredAt).Select(e => (DateTime?)e.OccurredAt).FirstOrDefaultAsync(ct)) is { } at ? DateOnly.FromDateTime(at) : null;

    public async Task<IReadOnlyList<FigureCount>> CountAsync(AppDbContext db, FigurePeriod period, CancellationToken ct) =>
        (await StopsOf(db).Where(e => e.OccurredAt >= period.StartUtc && e.OccurredAt < period.EndUtc)
            .GroupBy(e => new { e.AgencyId, e.PerceivedRaces }).Select(g => new { g.Key.AgencyId, g.Key.PerceivedRaces, Count = g.Count() }).ToListAsync(ct))
        .GroupBy(g => (g.AgencyId, Code: CodeOf(Evidence.ImmigrationTests.GroupOf(g.PerceivedRaces))))
        .Select(g => new FigureCount(g.Key.AgencyId, g.Key.Code, g.Sum(x => x.Count))).ToList();
}
