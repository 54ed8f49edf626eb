namespace Section287.Features.Encounters;

/// <summary>
/// The officer's perception of the person in RIPA's categories (Cal. Code Regs. tit. 11, § 999.226), for oversight and disparity
/// analysis only; never used to select anyone (PRODUCT.md, Guardrails).
/// </summary>
public static class Perception
{
    public static readonly IReadOnlyDictionary<string, string> Races = new Dictionary<string, string>
    {
        ["asian"] = "Asian",
        ["black"] = "Black/African American",
        ["hispanic"] = "Hispanic/Latino(a)",
        ["middle_eastern_south_asian"] = "Middle Eastern or South Asian",
        ["native_american"] = "Native American",
        ["pacific_islander"] = "Pacific Islander",
        ["white"] = "White",
    };

    public static readonly IReadOnlyDictionary<string, string> Genders = new Dictionary<string, string>
    {
        ["cisgender_man"] = "Cisgender man/boy",
        ["cisgender_woman"] = "Cisgender woman/girl",
        ["transgender_man"] = "Transgender man/boy",
        ["transgender_woman"] = "Transgender woman/girl",
        ["nonbinary"] = "Nonbinary person",
    };

    public static readonly IReadOnlyDictionary<string, string> Disabilities = new Dictionary<string, string>
    {
        ["deafness"] = "Deafness or difficulty hearing",
        ["speech"] = "Speech impairment or limited use of language",
        ["blind"] = "Blind or limited vision",
        ["mental_health"] = "Mental health condition",
        ["intellectual_developmental"] = "Intellectual or developmental disability, including dementia",
        ["hyperactivity"] = "Hyperactivity or impulsive behavior",
        ["other"] = "Other disability",
        ["none"] = "No disability",
    };

    /// <summary>Checks a perception; returns the field errors (empty when complete and valid).</summary>
    public static Dictionary<string, string[]> Check(PerceptionInput? p)
    {
        var errors = new Dictionary<string, string[]>();
        if (p is null)
        {
            errors["perception"] = ["Record your perception of the person (race or ethnicity, gender, approximate age, English fluency, disability)."];
            return errors;
        }
        if (p.Races is not { Count: > 0 } || p.Races.Any(r => !Races.ContainsKey(r)))
            errors["perception.races"] = ["Choose every perceived race or ethnicity that applies, from the list."];
        if (p.Gender is null || !Genders.ContainsKey(p.Gender))
            errors["perception.gender"] = ["Choose the perceived gender, from the list."];
        if (p.Age is not (>= 1 and <= 120))
            errors["perception.age"] = ["Give the approximate age in years (1 to 120)."];
        if (p.LimitedEnglish is null)
            errors["perception.limitedEnglish"] = ["Say whether the person has limited or no English fluency."];
        if (p.Disabilities is not { Count: > 0 } || p.Disabilities.Any(d => !Disabilities.ContainsKey(d))
            || (p.Disabilities.Contains("none") && p.Disabilities.Count > 1))
            errors["perception.disabilities"] = ["Choose every perceived or known disability, or none (alone)."];
        if (p.InterpreterNeeded is null)
            errors["perception.interpreterNeeded"] = ["Say whether an interpreter was needed."];
        if (p.InterpreterNeeded == true && string.IsNullOrWhiteSpace(p.InterpreterLanguage))
            errors["perception.interpreterLanguage"] = ["Give the language the person needs."];
        return errors;
    }
}

public sealed record PerceptionInput(IReadOnlyList<string>? Races, string? Gender, int? Age, bool? LimitedEnglish, IReadOnlyList<string>? Disabilities,
    bool? InterpreterNeeded, string? InterpreterLanguage, bool? InterpreterOffered = null);
