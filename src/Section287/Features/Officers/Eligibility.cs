using Section287.Common;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

/// <summary>One eligibility rule a nominee fails: its code, the field it is about, and the sentence.</summary>
public sealed record IneligibleReason(string Code, string Field, string Message);

/// <summary>
/// Who may be nominated under each model (PRODUCT.md, Lifecycles: Officer; the MOAs' "Nomination of personnel").
/// Every model: a U.S. citizen, with the disciplinary history disclosed. Task force: at least two years of law
/// enforcement experience. Jail and warrant service: trained in keeping the detention facility secure.
/// </summary>
public static class Eligibility
{
    public const decimal TaskForceMinimumYears = 2m;

    public static IReadOnlyList<IneligibleReason> Check(AgreementModel model, OfficerFacts facts)
    {
        var reasons = new List<IneligibleReason>();
        if (!facts.CitizenshipAttested)
            reasons.Add(new("officer.citizenship_required", "citizenshipAttested",
                "Every candidate must be a United States citizen (MOA, nomination of personnel); the agency has not attested it."));
        if (model == AgreementModel.TaskForce && facts.ExperienceYears < TaskForceMinimumYears)
            reasons.Add(new("officer.experience_required", "experienceYears",
                $"A task force candidate needs at least two years of law enforcement experience (MOA, nomination of personnel); this officer has {facts.ExperienceYears:0.#}."));
        if (model is AgreementModel.Jail or AgreementModel.WarrantService && !facts.DetentionTrained)
            reasons.Add(new("officer.detention_training_required", "detentionTrained",
                $"A {model.IceName()} candidate must be trained in keeping the agency's detention facility secure (MOA, nomination of personnel)."));
        if ((facts.HasDisciplinaryRecord || facts.ForceAllegation || facts.DiscriminationAllegation) && string.IsNullOrWhiteSpace(facts.DisciplinaryDetails))
            reasons.Add(new("officer.disciplinary_details_required", "disciplinaryDetails",
                "Describe the disciplinary history, including every allegation of excessive force or discrimination, so that ICE can vet the candidate."));
        return reasons;
    }

    /// <summary>The refusal: the first rule's code, every failed rule beside its field.</summary>
    public static Error? Refusal(IReadOnlyList<IneligibleReason> reasons) => reasons.Count == 0 ? null
        : Error.Rule(reasons[0].Code, string.Join(" ", reasons.Select(r => r.Message)))
            with { Fields = reasons.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()) };
}
