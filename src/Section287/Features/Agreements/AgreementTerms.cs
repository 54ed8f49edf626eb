using System.Text.Json;
using Section287.Features.Agencies;

namespace Section287.Features.Agreements;

/// <summary>
/// A policy of this product: a rule stricter than the agreement, on by default for the models it applies to, that the
/// program office may switch off for one agreement only with a recorded reason (audited, and shown on the public agency
/// page). Switching a policy off never allows more than the agreement's own text delegates.
/// </summary>
public sealed record ProductPolicy(string Code, string Title, string Sentence, IReadOnlyList<AgreementModel> Models);

public static class ProductPolicies
{
    /// <summary>
    /// The task force MOA (2025, section V) delegates arrests without a warrant under INA § 287(a)(2); our default asks
    /// for a lawful stop or arrest for a state or federal offense first (the rule <c>encounter.immigration_not_a_basis</c>).
    /// </summary>
    public static readonly ProductPolicy OffenseFirst = new("offense_first", "A state or federal offense first",
        "A task force encounter starts from a lawful stop or arrest for a state or federal offense, never from immigration suspicion alone.",
        [AgreementModel.TaskForce]);

    public static readonly IReadOnlyList<ProductPolicy> All = [OffenseFirst];

    public static ProductPolicy? Find(string? code) => All.FirstOrDefault(p => p.Code == code?.Trim().ToLowerInvariant());
}

/// <summary>A policy switched off for an agreement: by whom, when, and why.</summary>
public sealed record PolicySwitch(string Code, string Reason, string ByName, DateOnly On);

/// <summary>
/// What an encounter needs to know of its agreement and agency beyond the model: the categories ICE supervisors set for
/// task force detainers and charging documents, the policies in force, and the agency's reimbursable detention agreement.
/// </summary>
public sealed record AgreementTerms(IReadOnlyList<string> IceCategories, IReadOnlyCollection<string> PoliciesOff, DetentionAgreement? Detention)
{
    /// <summary>No categories, every policy on, no detention agreement: the strictest terms.</summary>
    public static readonly AgreementTerms Strictest = new([], [], null);

    public bool PolicyOn(ProductPolicy policy) => !PoliciesOff.Contains(policy.Code);

    public static AgreementTerms Of(Agreement agreement) =>
        new(agreement.IceCategoryList, agreement.PolicySwitches.Select(s => s.Code).ToList(), agreement.Agency?.DetentionAgreement);
}

/// <summary>The agency's agreement to keep people in ICE custody in its jail for a reimbursable fee (an IGSA or similar), with its dates.</summary>
public sealed record DetentionAgreement(string Reference, DateOnly From, DateOnly? Until)
{
    public bool InForceOn(DateOnly day) => From <= day && (Until is null || day <= Until);
}

internal static class TermsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static List<PolicySwitch> ReadSwitches(string json) => string.IsNullOrWhiteSpace(json) ? [] : JsonSerializer.Deserialize<List<PolicySwitch>>(json, Options) ?? [];

    public static string Write(IEnumerable<PolicySwitch> switches) => JsonSerializer.Serialize(switches.OrderBy(s => s.Code).ToList(), Options);
}
