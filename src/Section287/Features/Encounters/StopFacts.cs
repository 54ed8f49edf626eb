namespace Section287.Features.Encounters;

/// <summary>What a task force stop records for the disparity tests, in OPP's terms.</summary>
public sealed record StopInput(string? Type, bool? SearchConducted, string? SearchBasis, bool? ContrabandFound, string? Outcome, string? District = null);

/// <summary>
/// The facts of a task force stop the Open Policing Project's tests read — vehicle or foot, whether there was a search, on
/// what basis, whether it found contraband, and how the stop ended — recorded by the officer with the encounter. The jail
/// and warrant service models encounter people already in custody: no stop, so none of this is asked of them. Recorded for
/// oversight only, as the perception is (PRODUCT.md, Guardrails).
/// </summary>
public static class StopFacts
{
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>
    {
        ["vehicular"] = "A vehicle stop",
        ["pedestrian"] = "A stop on foot",
    };

    /// <summary>OPP's search bases; the first four are the discretionary ones its outcome test keeps.</summary>
    public static readonly IReadOnlyDictionary<string, string> SearchBases = new Dictionary<string, string>
    {
        ["consent"] = "Consent",
        ["probable cause"] = "Probable cause",
        ["plain view"] = "Plain view",
        ["k9"] = "K-9 alert",
        ["incident to arrest"] = "Incident to arrest",
        ["inventory"] = "Inventory",
        ["warrant"] = "Search warrant",
        ["other"] = "Other",
    };

    public static readonly IReadOnlyDictionary<string, string> Outcomes = new Dictionary<string, string>
    {
        ["warning"] = "Warning",
        ["citation"] = "Citation",
        ["arrest"] = "Arrest on the state or federal offense",
        ["immigration_action"] = "Immigration action (detainer, arrest under 287(g), or charging document)",
        ["none"] = "No action",
    };

    public static bool Applies(Agreements.AgreementModel model) => model == Agreements.AgreementModel.TaskForce;

    /// <summary>The field errors of a stop's facts (empty when complete).</summary>
    public static Dictionary<string, string[]> Check(Agreements.AgreementModel model, StopInput? s)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Applies(model))
        {
            if (s is not null && (s.Type ?? s.SearchBasis ?? s.Outcome) is not null || s?.SearchConducted is not null)
                errors["stop"] = ["Search and stop facts are recorded on task force stops only: this model encounters people already in custody."];
            return errors;
        }
        if (s?.Type is null || !Types.ContainsKey(s.Type)) errors["stop.type"] = ["Say whether it was a vehicle stop or a stop on foot."];
        if (s?.SearchConducted is not { } searched) errors["stop.searchConducted"] = ["Say whether the person or the vehicle was searched."];
        else if (searched)
        {
            if (s.SearchBasis is null || !SearchBases.ContainsKey(s.SearchBasis)) errors["stop.searchBasis"] = ["Give the basis of the search, from the list."];
            if (s.ContrabandFound is null) errors["stop.contrabandFound"] = ["Say whether the search found contraband."];
        }
        else if (s.SearchBasis is not null || s.ContrabandFound == true)
            errors["stop.searchBasis"] = ["Without a search there is no search basis and no contraband found."];
        if (s?.Outcome is null || !Outcomes.ContainsKey(s.Outcome)) errors["stop.outcome"] = ["Say how the stop ended, from the list."];
        if (s?.District is { Length: > 60 }) errors["stop.district"] = ["The beat or district is at most 60 characters."];
        return errors;
    }
}
