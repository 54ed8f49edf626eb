namespace Section287.Features.Transparency;

/// <summary>A publication other than a kind of figure that ICE's public affairs and privacy offices release the same way.</summary>
public sealed record Publication(string Code, string NameEn, string DefinitionEn);

/// <summary>
/// The releases that are not kinds of figure: the quarterly reports (issue 18), the crime evaluation and the agreements' costs (issue 19). Each is asked
/// for, approved by both offices and published like a kind of figure; only its own pages and files check for it.
/// </summary>
public static class Publications
{
    public static readonly Publication QuarterlyReports = new(Transparency.QuarterlyReports.ReleaseKind, Transparency.QuarterlyReports.ReleaseNameEn,
        "tagged PDF reports of the released figures, for the nation each quarter and for an agency on request.");

    public static readonly Publication CrimeEvaluation = new(Evaluation.CrimeEvaluation.ReleaseKind, "Crime evaluation (did crime change where agreements began)",
        "the staggered difference-in-differences estimates of violent and property crime per 100,000 residents, with their method and limits.");

    public static readonly Publication AgreementCosts = new(Costs.CostMeasures.ReleaseKind, "Costs of the agreements (what each agency's 287(g) work costs)",
        "each agency's costs and ICE's reimbursement as the agencies sent them and ICE paid them, per encounter, per detainer and as a share of the budget; an agency with fewer than three officers on its quarters is withheld.");

    public static readonly IReadOnlyList<Publication> All = [QuarterlyReports, CrimeEvaluation, AgreementCosts];

    public static Publication? ByCode(string? code) =>
        All.FirstOrDefault(p => string.Equals(p.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The name of a release's kind, whichever it is.</summary>
    public static string NameOf(string kind) => FigureKinds.ByCode(kind)?.NameEn ?? ByCode(kind)?.NameEn ?? kind;

    /// <summary>The name of a release's kind in the reader's language (the publications' names from the staff catalog).</summary>
    public static string LocalNameOf(string kind) =>
        FigureKinds.ByCode(kind)?.Name(Common.Texts.IsSpanish) ?? (ByCode(kind) is { } p ? Common.Texts.S(p.NameEn) : kind);

    /// <summary>A release kind's name and definition in the reader's language.</summary>
    public static string LocalDefinitionOf(string kind) =>
        FigureKinds.ByCode(kind) is { } k ? $"{k.Name(Common.Texts.IsSpanish)}: {k.Definition(Common.Texts.IsSpanish)}"
            : ByCode(kind) is { } p ? $"{Common.Texts.S(p.NameEn)}: {Common.Texts.S(p.DefinitionEn)}" : kind;
}
