using Section287.Features.Agencies;

namespace Section287.Features.Agreements;

/// <summary>One numbered section of an agreement's text.</summary>
public sealed record AgreementSection(string Key, string Title, string Text);

/// <summary>
/// Section287's own template for a 287(g) Memorandum of Agreement. It follows the sections a real MOA has
/// (see ../shared/data/ice-287g/moa/) but the words are ours, plain and short, and no PDF's wording is copied.
/// </summary>
public static class AgreementTemplate
{
    public static readonly IReadOnlyList<(string Key, string Title)> Sections =
    [
        ("purpose", "Purpose"),
        ("authority", "Authority"),
        ("policy", "Policy"),
        ("training", "Training"),
        ("designated_functions", "Designated functions"),
        ("nomination", "Nomination of personnel"),
        ("certification", "Certification and authorization"),
        ("costs", "Costs and expenditures"),
        ("supervision", "ICE supervision"),
        ("reporting", "Reporting requirements"),
        ("release_of_information", "Release of information"),
        ("liability", "Liability and responsibility"),
        ("complaints", "Complaint procedure"),
        ("civil_rights", "Civil rights and language access"),
        ("modification", "Modification of this agreement"),
        ("effective_date", "Effective date"),
        ("suspension_termination", "Suspension and termination"),
        ("points_of_contact", "Points of contact"),
    ];

    public static IReadOnlyList<AgreementSection> Draft(Agency agency, AgreementModel model, int officers, IReadOnlyList<AgencyContact> contacts)
    {
        var name = agency.Name;
        var functions = DesignatedFunctions.Of(model);
        var functionText = string.Join("\n", functions.Select((f, i) => $"{i + 1}. {f.Text}"));
        var contactText = contacts.Count == 0
            ? $"{name} names its point of contact in writing before this agreement is signed."
            : string.Join("\n", contacts.Select(c => $"{name}: {c.Name}, {c.Title}, {c.Email}{(c.Phone is null ? "" : ", " + c.Phone)}"));
        string Text(string key) => key switch
        {
            "purpose" => $"This agreement sets out how U.S. Immigration and Customs Enforcement (ICE) and {name} (the agency) work together under the {model.IceName()}, and the limits within which the agency's officers may perform the immigration functions listed in section 5.",
            "authority" => "Section 287(g) of the Immigration and Nationality Act (8 U.S.C. 1357(g)) lets the Secretary of Homeland Security enter into written agreements with a state or a political subdivision of a state so that its qualified officers perform immigration officer functions, at their own expense, under ICE's direction and supervision.",
            "policy" => $"The agency's officers use the authority of this agreement only as section 5 describes, only while this agreement and their own authorization are in force, and only under ICE's supervision. Immigration status alone is never a reason for a stop, an arrest or a longer detention. Nothing in this agreement widens the agency's authority under state law.",
            "training" => $"Before exercising any authority, each nominated officer completes ICE's training for the {model.IceName()} and passes its examinations, and then completes refresher training when it is due. Training covers the scope and limits of this agreement, immigration law, use of force, civil rights, detention standards, complaint procedures, liability, cross-cultural issues and consular notification.",
            "designated_functions" => $"Under the {model.IceName()}, certified and authorized officers may perform these functions, and no others:\n{functionText}",
            "nomination" => $"The agency nominates officers for this program (its application proposed {officers}). Each nominee is a U.S. citizen, has passed the agency's own background checks and discloses any disciplinary history, including any allegation of excessive force or discrimination. ICE conducts a background investigation and may refuse any nominee.",
            "certification" => "An officer may act under this agreement only after ICE certifies that the training was completed and the field office director signs a written authorization. Authorization ends when the officer leaves the program, when this agreement is suspended or ends, or when ICE revokes it; the agency is told of a revocation within 48 hours.",
            "costs" => "The agency pays its officers' salaries, benefits, overtime and travel, and the cost of transporting people in custody unless ICE agrees otherwise in writing. ICE provides training, and installs and maintains the equipment and connectivity its systems need at a site the agency provides.",
            "supervision" => "Officers exercising immigration authority are supervised and directed by ICE on immigration matters, and remain under the agency's command for everything else. ICE supervisors review each detainer, each record of deportable alien and each Notice to Appear before it takes effect.",
            "reporting" => "The agency records each use of the authority in this agreement in ICE's systems and in Section287 at the time it happens: the lawful basis first, then every action. It reports the data ICE and oversight need, and keeps records for as long as federal records rules require.",
            "release_of_information" => "Information that officers obtain under this agreement belongs to ICE. The agency releases it, including in answer to a public records request, only as federal law allows and after consulting ICE. Aggregate information about the program is public.",
            "liability" => "Each party answers for the acts of its own personnel. An officer acting within the scope of this agreement is treated as a federal employee for the purposes of the Federal Tort Claims Act and of workers' compensation only as 8 U.S.C. 1357(g)(7) and (8) provide.",
            "complaints" => "Anyone may complain about an officer's use of this authority, in any language, anonymously if they choose, by web, phone, mail or in person, and receives a tracking number. The agency tells ICE within 48 hours (not counting weekends) of any complaint that could lead to discipline, a criminal investigation or a lawsuit. ICE's Office of Professional Responsibility decides who investigates, and the agency reports the outcome within 30 days of resolution.",
            "civil_rights" => "Officers respect every person's civil rights and never treat anyone differently because of race, ethnicity, national origin, religion, sex or disability. Interpreters are provided to people with limited English proficiency. Officers perform consular notification as the law requires.",
            "modification" => "This agreement changes only by a written amendment signed by both parties. Each amendment becomes a new version of the agreement; every earlier version stays on the record with what changed.",
            "effective_date" => "This agreement takes effect on the date of the last signature. ICE reviews it at least every three years; ICE's field office and the agency meet at least once a year, with the first review about 12 months after operations start. ICE aims to install its equipment within 180 days of the effective date.",
            "suspension_termination" => "ICE may suspend this agreement at once, in writing and with its reasons, and says how long the suspension lasts and how the agency may respond. ICE may end this agreement by giving the agency 90 days' written notice with its reasons, and the notice is made public. The agency may end it by written notice to ICE. Authority under this agreement stops the moment it is suspended or ends.",
            "points_of_contact" => $"ICE: the field office director for the area of responsibility{(agency.AorCode is null ? "" : " " + agency.AorCode)} and the 287(g) program office.\n{contactText}",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
        return Sections.Select(s => new AgreementSection(s.Key, TitleOf(s.Key)!, Text(s.Key))).ToList();
    }

    /// <summary>A section's numbered title ("8. Costs and expenditures"), or null for a key the template does not have.</summary>
    public static string? TitleOf(string key)
    {
        for (var i = 0; i < Sections.Count; i++)
        {
            if (Sections[i].Key == key) return $"{i + 1}. {Sections[i].Title}";
        }
        return null;
    }
}
