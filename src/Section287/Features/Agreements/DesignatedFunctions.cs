namespace Section287.Features.Agreements;

/// <summary>One thing a designated officer may do under an agreement of a model.</summary>
public sealed record DesignatedFunction(string Code, string Text);

/// <summary>
/// What each model authorizes (PRODUCT.md, "Models"), in our words. An agreement's text lists these, and
/// the encounter rules of later features check every action against them.
/// </summary>
public static class DesignatedFunctions
{
    public static IReadOnlyList<DesignatedFunction> Of(AgreementModel model) => model switch
    {
        AgreementModel.Jail =>
        [
            new("question_status",
                "Interview a person arrested and booked into the agency's jail on a criminal charge about their immigration status and their right to be or remain in the United States."),
            new("prepare_i213", "Complete the record of deportable or inadmissible alien (Form I-213) and process the person for removal."),
            new("issue_detainer", "Prepare and issue immigration detainers (Form I-247A), each reviewed and approved by an ICE supervisor."),
            new("serve_warrants",
                "Serve and execute ICE administrative warrants of arrest (Form I-200) and of removal (Form I-205) at the person's release from the jail."),
            new("prepare_nta", "Prepare Notices to Appear for signature by an authorized ICE official."),
            new("take_evidence", "Take and preserve evidence: fingerprints, photographs and sworn statements."),
            new("transport", "Transport people in immigration custody to facilities ICE approves."),
        ],
        AgreementModel.TaskForce =>
        [
            new("question_status",
                "After a lawful stop or arrest for a state or federal offense, question a person about their immigration status. Immigration suspicion alone is never a reason to stop anyone."),
            new("arrest_without_warrant",
                "Arrest without a warrant a person the officer has reason to believe is removable and likely to escape before a warrant can be obtained, and bring the person to ICE the same day."),
            new("contact_supervisor", "Contact an ICE supervisor at the time this authority is used, or as soon as practicable after."),
            new("deconflict", "Deconflict with ICE before any planned enforcement action."),
            // MOA (task force, 2025), section V: warrants of arrest only; a warrant of removal (I-205) is not delegated.
            new("serve_warrants",
                "Serve and execute ICE administrative warrants of arrest (Form I-200) for immigration violations; not warrants of removal (Form I-205)."),
            new("prepare_documents", "Prepare the record of deportable or inadmissible alien (Form I-213) and Notices to Appear for ICE signature."),
            new("transport", "Transport people in immigration custody to facilities ICE approves."),
        ],
        AgreementModel.WarrantService =>
        [
            new("serve_i200",
                "Serve and execute ICE administrative warrants of arrest (Form I-200) on people in the agency's jail, at their scheduled release."),
            new("serve_i205", "Serve and execute ICE warrants of removal (Form I-205) on people in the agency's jail, at their scheduled release."),
            new("no_questioning", "Officers under this model do not question anyone about immigration status and exercise no other immigration authority."),
        ],
    };
}
