namespace Section287.Common;

/// <summary>
/// One rule: a stable code, the sentence a person reads, where the rule comes from, what it does (<see cref="RuleKind"/>)
/// and whether it is the law or a policy stricter than the law (<see cref="RuleBasis"/>).
/// </summary>
public sealed record Rule(string Code, string Sentence, string Source, RuleKind Kind = RuleKind.Refusal, RuleBasis Basis = RuleBasis.Law)
{
    /// <summary>
    /// The refusal, in the rule's own words, with what was found added when it helps: 422 for a refusal, 403 for a role rule.
    /// </summary>
    public Error Refuse(string? detail = null) =>
        new(Code, detail is null ? Sentence : $"{Sentence} {detail}", Kind == RuleKind.Role ? ErrorKind.Forbidden : ErrorKind.Rule);

    /// <summary>The refusal with a message written for the case at hand; the code and the effect stay the rule's.</summary>
    public Error RefuseAs(string message) => new(Code, message, Kind == RuleKind.Role ? ErrorKind.Forbidden : ErrorKind.Rule);

    /// <summary>A policy's source: "Section287 policy: " and the reason it is stricter than the law (or what the law leaves open).</summary>
    public static string PolicyReason(string reason) => $"Section287 policy: {reason}";

    /// <summary>A rule used where an error is expected refuses in its own words.</summary>
    public static implicit operator Error(Rule rule) => rule.Refuse();
}

public enum RuleKind
{
    /// <summary>An action that breaks it is refused (422, with the code).</summary>
    Refusal,

    /// <summary>It sets a due time; the deadline is kept, warned and flagged when late.</summary>
    Deadline,

    /// <summary>Only a role may do it (403, with the code).</summary>
    Role,
}

/// <summary>Where a rule's force comes from.</summary>
public enum RuleBasis
{
    /// <summary>The statute, a regulation, an ICE form or directive, or the agreement's own text: cited with its section and a few of its words.</summary>
    Law,

    /// <summary>
    /// A rule stricter than the law (or a service level the law does not set) that this product, a state law or the agency adopts;
    /// its source says so and gives the reason. A policy may narrow authority; it never widens it.
    /// </summary>
    Policy,
}
