using System.Reflection;
using System.Text;
using Section287.Common;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

/// <summary>One rule of the use of authority: a stable code, the sentence a person reads, and where the rule comes from.</summary>
public sealed record Rule(string Code, string Sentence, string Source, RuleKind Kind = RuleKind.Refusal)
{
    /// <summary>The refusal, in the rule's own words, with what was found added when it helps.</summary>
    public Error Refuse(string? detail = null) => Error.Rule(Code, detail is null ? Sentence : $"{Sentence} {detail}");
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

/// <summary>
/// Every rule of the use of authority, in one place: the domain refuses with these (their codes and sentences are the
/// API's error descriptions), <c>docs/RULES.md</c> is generated from them (<see cref="Markdown"/>, checked by a test),
/// and <c>GET /api/v1/rules</c> serves them. A rule is added here or nowhere.
/// </summary>
public static class RuleBook
{
    private const string Ina287g = "INA § 287(g), 8 U.S.C. § 1357(g)";
    private const string MoaFunctions = "MOA, designation of functions (each model's appendix)";
    private const string Detainers = "8 C.F.R. § 287.7; Form I-247A; ICE Policy 10074.2 (2017)";
    private const string Citizenship = "ICE Directive 16001.2 (citizenship claims); PRODUCT.md, Lifecycles: use of authority";

    // The encounter and its basis.
    public static readonly Rule LawfulBasisRequired = new("encounter.lawful_basis_required",
        "Every encounter starts with its lawful basis: the booking on a criminal charge (jail model), the stop or arrest for a state or federal offense (task force model), or the ICE warrant being served (warrant service model).",
        $"{Ina287g}; {MoaFunctions}");

    public static readonly Rule BasisOfAnotherModel = new("encounter.basis_not_of_model",
        "The lawful basis must be the one the agreement's model allows: a booking for the jail model, a stop or arrest for the task force model, an ICE warrant for the warrant service model.",
        MoaFunctions);

    public static readonly Rule ImmigrationNotABasis = new("encounter.immigration_not_a_basis",
        "Immigration status, or suspicion of it, is never a lawful basis: the booking, stop or arrest must rest on a criminal charge or offense.",
        "MOA (task force), purpose and designation of functions: a lawful stop or arrest for a state or federal offense");

    public static readonly Rule BeforeBooking = new("encounter.before_booking",
        "Under the jail model, authority is used only on a person already arrested and booked: the encounter cannot come before the booking.",
        "MOA (jail), designation of functions: persons arrested and booked into the agency's jail");

    public static readonly Rule NoAuthority = new("encounter.no_authority",
        "The officer must hold 287(g) authority under this agreement at the moment of the encounter and of every action.",
        $"{Ina287g} (2)–(3); MOA, certification and authorization");

    public static readonly Rule OwnRecordOnly = new("encounter.own_record_only",
        "A designated officer records their own use of authority, under their own name and authorization.",
        "MOA, supervision: each officer's use of authority is attributable", RuleKind.Role);

    public static readonly Rule LateReasonRequired = new("encounter.late_reason_required",
        "A record entered more than 24 hours after the event must say why it is late.",
        "Section287 policy: late records are flagged and counted");

    public static readonly Rule CorrectionExplained = new("encounter.correction_explanation_required",
        "A correction after submission must explain what it corrects and why; every version is kept.",
        "Section287 policy: history is append-only (PRODUCT.md, Guardrails)");

    public static readonly Rule Closed = new("encounter.closed",
        "The encounter ended with the person's release or transfer to ICE: nothing more can be done on it, only corrected.",
        "Section287 policy");

    public static readonly Rule DeconflictionFirst = new("encounter.deconfliction_required",
        "A planned enforcement action under the task force model needs a recorded deconfliction with ICE before it takes place.",
        "MOA (task force), designation of functions: deconflict with ICE before any planned enforcement action");

    public static readonly Rule InterpreterRequired = new("encounter.interpreter_required",
        "A person who needs an interpreter is questioned only through one.",
        "MOA, civil rights and language access; Title VI of the Civil Rights Act of 1964");

    // Actions and the model.
    public static readonly Rule NotInModel = new("action.not_in_model",
        "The agreement's model does not grant this function; the officer may do only what the model designates.",
        MoaFunctions);

    public static readonly Rule ReasonToBelieve = new("action.reason_to_believe_required",
        "An arrest without a warrant needs the officer's reason to believe the person is removable and likely to escape before a warrant can be obtained.",
        "INA § 287(a)(2), 8 U.S.C. § 1357(a)(2); MOA (task force)");

    public static readonly Rule SameDayTransfer = new("encounter.same_day_to_ice",
        "A person arrested without a warrant under the task force model is taken to ICE the same day.",
        "MOA (task force), designation of functions", RuleKind.Deadline);

    public static readonly Rule SupervisorContact = new("encounter.supervisor_contact",
        "Under the task force model an ICE supervisor is contacted when authority is used, or as soon as practicable after (within 2 hours, our measure of practicable).",
        "MOA (task force), supervision", RuleKind.Deadline);

    // Detainers.
    public static readonly Rule DetainerJailOnly = new("detainer.not_in_model",
        "Only officers under the jail model prepare immigration detainers; under the other models ICE issues them itself.",
        MoaFunctions);

    public static readonly Rule ProbableCauseRequired = new("detainer.probable_cause_required",
        "A detainer request needs a statement of the probable cause to believe the person is removable.",
        Detainers);

    public static readonly Rule RemovalWarrantNotInModel = new("action.removal_warrant_not_in_model",
        "Task force officers serve and execute warrants of arrest (Form I-200) only: the task force agreement does not delegate serving a warrant of removal (Form I-205).",
        "MOA (task force, 2025), section V: \"the power to serve and execute warrants of arrest for immigration violations under INA § 287(a) and 8 C.F.R. § 287.5(e)(3)\"");

    public static readonly Rule SignedWarrantRequired = new("detainer.signed_warrant_required",
        "A detainer request must refer to a signed ICE warrant: an I-200 (arrest) or an I-205 (removal), with its number, signer and date.",
        Detainers);

    public static readonly Rule DetainerAlreadyOpen = new("detainer.already_open",
        "This encounter already has a detainer requested or issued.",
        "Section287 policy: one detainer per encounter at a time");

    public static readonly Rule RequesterCannotReview = new("detainer.requester_cannot_review",
        "The officer who requested a detainer never reviews it: an ICE supervisor does.",
        "MOA, supervision: ICE supervisors review detainers", RuleKind.Role);

    public static readonly Rule IceSupervisorReviews = new("detainer.ice_supervisor_only",
        "Only an ICE supervisor for the agency's area (or the program office) approves, returns or declines a detainer.",
        "MOA, supervision", RuleKind.Role);

    public static readonly Rule DetainerNotPending = new("detainer.not_pending",
        "Only a detainer waiting for review can be approved, returned or declined.",
        "Section287 policy");

    public static readonly Rule DetainerNotReturned = new("detainer.not_returned",
        "Only a detainer ICE returned with questions can be answered.",
        "Section287 policy");

    public static readonly Rule DecisionReasonRequired = new("detainer.reason_required",
        "Returning or declining a detainer needs the reasons (or the questions), in writing.",
        "Section287 policy");

    public static readonly Rule TransmitWithin24h = new("detainer.transmit",
        "An issued detainer reaches ICE within 24 hours.",
        $"{Detainers}; PRODUCT.md", RuleKind.Deadline);

    public static readonly Rule ReviewDeadline = new("detainer.review",
        "An ICE supervisor reviews a detainer request within 8 hours (our service level; time to review is measured).",
        "Section287 service level", RuleKind.Deadline);

    // Custody.
    public static readonly Rule ReleaseTimeRequired = new("custody.release_time_required",
        "Serving a warrant at release, or holding a person on a detainer, needs the person's scheduled release time on the record.",
        $"{MoaFunctions}; {Detainers}");

    public static readonly Rule HoldLimit = new("custody.hold_limit",
        "A person may be held on a detainer at most 48 hours past their scheduled release. A warning comes at 36 hours; from 48 hours only release or transfer to ICE may be recorded, and a hold past it is a critical incident.",
        $"{Detainers}: no more than 48 hours beyond the time of release", RuleKind.Refusal);

    public static readonly Rule ReleaseTimeFixed = new("custody.release_time_fixed",
        "Once a person is held past the scheduled release on a detainer, the release time cannot be moved later: the 48-hour clock never starts again.",
        $"{Detainers}: no more than 48 hours beyond the time of release");

    public static readonly Rule TransferNeedsDocument = new("custody.transfer_needs_warrant_or_detainer",
        "Custody passes to ICE only on an issued detainer or a served ICE warrant.",
        $"{Detainers}; INA § 287(g)");

    // Citizenship claims.
    public static readonly Rule ClaimOpen = new("citizenship.claim_open",
        "While a claim of U.S. citizenship is unresolved, nothing more happens on the encounter except its report, its resolution by an ICE supervisor, or the person's release.",
        Citizenship);

    public static readonly Rule ClaimReport = new("citizenship.report",
        "A claim of U.S. citizenship is reported to an ICE supervisor within about one hour.",
        Citizenship, RuleKind.Deadline);

    public static readonly Rule ClaimResolvedByIce = new("citizenship.ice_supervisor_only",
        "Only an ICE supervisor resolves a claim of U.S. citizenship, with an explanation.",
        Citizenship, RuleKind.Role);

    public static readonly Rule UsCitizen = new("citizenship.us_citizen",
        "The person is a U.S. citizen: no immigration authority applies to them; only their release may be recorded.",
        $"{Ina287g} (applies to aliens); {Citizenship}");

    public static readonly Rule NoOpenClaim = new("citizenship.no_open_claim",
        "There is no unresolved claim of U.S. citizenship on this encounter.",
        "Section287 policy");

    public static readonly Rule ClaimResolution = new("citizenship.resolution",
        "An ICE supervisor resolves a claim of U.S. citizenship within 24 hours (our service level); the outcome and how it was established are kept.",
        Citizenship, RuleKind.Deadline);

    /// <summary>Every rule above, in the order written.</summary>
    public static IReadOnlyList<Rule> All { get; } = typeof(RuleBook).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(Rule)).Select(f => (Rule)f.GetValue(null)!).ToList();

    /// <summary>The reasons authority is refused, which an encounter's refusal lists; they are rules too.</summary>
    public static IReadOnlyList<Rule> AuthorityReasons { get; } = AuthorityRules.Catalogue
        .Select(r => new Rule(r.Key, r.Value, "PRODUCT.md, Lifecycles: Officer; MOA, nomination, training, certification and authorization")).ToList();

    public static Rule? Find(string code) => All.Concat(AuthorityReasons).FirstOrDefault(r => r.Code == code);

    /// <summary>docs/RULES.md, exactly.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Rules of the use of authority\n\n");
        md.Append("Generated from `src/Section287/Features/Encounters/RuleBook.cs` by `dotnet run --project src/Section287 -- rules`; a test fails if this file\n");
        md.Append("and the code differ. The API answers a refused action with 422 (403 for a role rule) and the rule's code; `GET /api/v1/rules`\n");
        md.Append("serves the same list.\n\n");
        void Table(string title, IEnumerable<Rule> rules)
        {
            md.Append($"## {title}\n\n| code | rule | kind | source |\n|---|---|---|---|\n");
            foreach (var r in rules) md.Append($"| `{r.Code}` | {r.Sentence} | {r.Kind.ToString().ToLowerInvariant()} | {r.Source} |\n");
            md.Append('\n');
        }
        Table("Encounters, actions, detainers, custody and citizenship", All);
        Table("Why authority is refused (each listed in an `encounter.no_authority` refusal)", AuthorityReasons);
        return md.ToString();
    }
}
