using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

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

    public static readonly Rule CitizenshipRequired = new("officer.citizenship_required",
        "Every candidate must be a United States citizen; the agency attests it.",
        $"{RuleBook.JailMoa}, section IV.B: \"All candidates must be United States citizens\"; {RuleBook.TaskForceMoa}, section VII; {RuleBook.WarrantServiceMoa}, section IV.B");

    public static readonly Rule ExperienceRequired = new("officer.experience_required",
        "A task force candidate needs at least two years of law enforcement experience.",
        $"{RuleBook.TaskForceMoa}, section VII: \"All candidates must have at least two years of LEA work experience\"");

    public static readonly Rule DetentionTrainingRequired = new("officer.detention_training_required",
        "A jail or warrant service candidate must be trained in keeping the agency's detention facility secure.",
        $"{RuleBook.JailMoa}, section IV.B and {RuleBook.WarrantServiceMoa}, section IV.B: \"have been trained on maintaining the security of LEA facilities\"");

    public static readonly Rule DisciplinaryDetailsRequired = new("officer.disciplinary_details_required",
        "A disclosed disciplinary history is described, including every allegation of excessive force or discrimination, so that ICE can vet the candidate.",
        $"{RuleBook.WarrantServiceMoa}, section IV.B: \"the candidate's disciplinary history (including allegations of excessive force or discriminatory action)\"; {RuleBook.JailMoa}, section IV.B: \"ICE will conduct a background investigation\"");

    public static IReadOnlyList<IneligibleReason> Check(AgreementModel model, OfficerFacts facts)
    {
        var reasons = new List<IneligibleReason>();
        if (!facts.CitizenshipAttested)
            reasons.Add(new(CitizenshipRequired.Code, "citizenshipAttested",
                "Every candidate must be a United States citizen (MOA, nomination of personnel); the agency has not attested it."));
        if (model == AgreementModel.TaskForce && facts.ExperienceYears < TaskForceMinimumYears)
            reasons.Add(new(ExperienceRequired.Code, "experienceYears",
                $"A task force candidate needs at least two years of law enforcement experience (MOA, nomination of personnel); this officer has {facts.ExperienceYears:0.#}."));
        if (model is AgreementModel.Jail or AgreementModel.WarrantService && !facts.DetentionTrained)
            reasons.Add(new(DetentionTrainingRequired.Code, "detentionTrained",
                $"A {model.IceName()} candidate must be trained in keeping the agency's detention facility secure (MOA, nomination of personnel)."));
        if ((facts.HasDisciplinaryRecord || facts.ForceAllegation || facts.DiscriminationAllegation) && string.IsNullOrWhiteSpace(facts.DisciplinaryDetails))
            reasons.Add(new(DisciplinaryDetailsRequired.Code, "disciplinaryDetails",
                "Describe the disciplinary history, including every allegation of excessive force or discrimination, so that ICE can vet the candidate."));
        return reasons;
    }

    private static Rule Find(string code) => new[] { CitizenshipRequired, ExperienceRequired, DetentionTrainingRequired,
        DisciplinaryDetailsRequired }.Single(r => r.Code == code);

    /// <summary>The refusal: the first rule's code, every failed rule beside its field.</summary>
    public static Error? Refusal(IReadOnlyList<IneligibleReason> reasons) => reasons.Count == 0 ? null
        : Find(reasons[0].Code).RefuseAs(string.Join(" ", reasons.Select(r => r.Message)))
            with { Fields = reasons.GroupBy(r => r.Field).ToDictionary(g => g.Key, g => g.Select(r => r.Message).ToArray()) };
}
