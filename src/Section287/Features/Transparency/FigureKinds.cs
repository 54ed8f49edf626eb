using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Transparency;

/// <summary>A part of a figure: the parts of a figure partition it exactly (each encounter has one model), so the figure is their sum.</summary>
public sealed record FigurePart(string Code, string NameEn, string NameEs, Func<MeasureCounts, int> Count);

/// <summary>
/// A kind of public figure: a count over an agency's encounters in a quarter, summed to states and the nation, with its definition
/// in English and Spanish. Publishing a kind for the first time is a release request (<see cref="ReleaseRequest"/>).
/// </summary>
public sealed record FigureKind(string Code, string NameEn, string NameEs, string DefinitionEn, string DefinitionEs, Func<MeasureCounts, int> Count,
    IReadOnlyList<FigurePart> Parts)
{
    public string Name(bool spanish) => spanish ? NameEs : NameEn;

    public string Definition(bool spanish) => spanish ? DefinitionEs : DefinitionEn;
}

/// <summary>
/// The kinds of figure the public portal can publish. Figures that do not partition a total (detainers issued and declined, for
/// example: an issued detainer can later be withdrawn) are separate kinds, each gated over geography only; what the public can then
/// say between kinds is an inequality (issued ≤ requested), which bounds a suppressed cell but never pins it below k values when the
/// cells it is compared with are themselves at least k or suppressed.
/// </summary>
public static class FigureKinds
{
    public static readonly FigureKind Encounters = new("encounters", "Encounters", "Encuentros",
        "Encounters recorded under a 287(g) agreement in the quarter (calendar days at ICE headquarters), by the agreement's model.",
        "Encuentros registrados bajo un acuerdo 287(g) en el trimestre (días naturales en la sede de ICE), por modelo del acuerdo.",
        c => c.Encounters,
        AgreementModels.All.Select(m => new FigurePart(m.Code(), Common.Texts.All["model." + m.Code()].En, Common.Texts.All["model." + m.Code()].Es,
            c => c.Model == m ? c.Encounters : 0)).ToList());

    public static readonly FigureKind DetainersRequested = new("detainers-requested", "Detainers requested", "Detenciones (I-247A) solicitadas",
        "Immigration detainers (I-247A) an officer requested on the quarter's encounters.",
        "Solicitudes de detención migratoria (I-247A) que un agente pidió en los encuentros del trimestre.",
        c => c.DetainersRequested, []);

    public static readonly FigureKind DetainersIssued = new("detainers-issued", "Detainers issued", "Detenciones (I-247A) emitidas",
        "Detainers an ICE supervisor approved, of those requested on the quarter's encounters.",
        "Detenciones aprobadas por un supervisor de ICE, de las solicitadas en los encuentros del trimestre.",
        c => c.DetainersIssued, []);

    public static readonly FigureKind HoldsPast48Hours = new("holds-past-48-hours", "Holds past 48 hours", "Retenciones de más de 48 horas",
        "Encounters in which a person was held past the 48-hour limit after release (the target is zero).",
        "Encuentros en los que una persona fue retenida más allá del límite de 48 horas tras su liberación (la meta es cero).",
        c => c.HoldsPast48Hours, []);

    public static readonly FigureKind CitizenshipClaims = new("citizenship-claims", "Claims of U.S. citizenship", "Reclamaciones de ciudadanía estadounidense",
        "Claims of U.S. citizenship made during the quarter's encounters.",
        "Reclamaciones de ciudadanía estadounidense hechas durante los encuentros del trimestre.",
        c => c.Claims, []);

    public static readonly FigureKind ClaimsUsCitizen = new("claims-us-citizen", "Claims found to be U.S. citizens", "Reclamaciones confirmadas como ciudadanos",
        "Claims of U.S. citizenship that ICE resolved as a U.S. citizen.",
        "Reclamaciones de ciudadanía que ICE resolvió confirmando la ciudadanía estadounidense.",
        c => c.ClaimsUsCitizen, []);

    public static readonly IReadOnlyList<FigureKind> All = [Encounters, DetainersRequested, DetainersIssued, HoldsPast48Hours, CitizenshipClaims, ClaimsUsCitizen];

    public static FigureKind? ByCode(string? code) => All.FirstOrDefault(k => string.Equals(k.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
