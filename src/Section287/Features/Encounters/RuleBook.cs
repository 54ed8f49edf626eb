using System.Reflection;
using System.Text;
using Section287.Common;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

/// <summary>
/// Every rule of the use of authority, in one place: the domain refuses with these (their codes and sentences are the
/// API's error descriptions), <c>docs/RULES.md</c> is generated from them (<see cref="Markdown"/>, checked by a test),
/// and <c>GET /api/v1/rules</c> serves them. A rule is added here or nowhere.
/// </summary>
public static class RuleBook
{
    private const string Ina287g = "INA § 287(g), 8 U.S.C. § 1357(g)";

    /// <summary>The three texts every citation below quotes: ../shared/data/ice-287g/moa/ (read with pdftotext, the scanned jail pages with tesseract).</summary>
    public const string JailMoa = "MOA (jail, Knox County 2020)";

    public const string TaskForceMoa = "MOA (task force, Smith County 2025)";

    public const string WarrantServiceMoa = "MOA (warrant service, Franklin County 2025)";

    private const string Functions = $"{JailMoa}, Appendix A: \"delegated only those authorities listed below\"; {TaskForceMoa}, section V: \"authorized to perform the following functions\"; {WarrantServiceMoa}, Appendix A: \"only delegated the two authorities listed below\"";

    private const string Detainers = "8 C.F.R. § 287.7; Form I-247A";

    private const string CitizenshipClaims = $"{JailMoa} and {WarrantServiceMoa}, Appendix A: \"report all encounters with asserted or suspected claims of U.S. citizenship to ICE immediately, but generally within one hour of the claim\"";

    /// <summary>A policy's source: "Section287 policy: " and the reason it is stricter than the law.</summary>
    public static string PolicyReason(string reason) => Rule.PolicyReason(reason);

    // The encounter and its basis.
    public static readonly Rule LawfulBasisRequired = new("encounter.lawful_basis_required",
        "Every encounter starts with its lawful basis: the booking on a criminal charge (jail model), the stop or arrest (task force model), or the ICE warrant being served (warrant service model).",
        $"{JailMoa}, Appendix A: \"those aliens who have been arrested for violating a Federal, State, or local offense\"; {TaskForceMoa}, section V: \"those individuals who have been arrested for State or Federal criminal offenses\"; {WarrantServiceMoa}, Appendix A: \"serve and execute warrants of arrest\"");

    public static readonly Rule BasisOfAnotherModel = new("encounter.basis_not_of_model",
        "The lawful basis must be the one the agreement's model allows: a booking for the jail model, a stop or arrest for the task force model, an ICE warrant for the warrant service model.",
        Functions);

    public static readonly Rule ImmigrationNotABasis = new("encounter.immigration_not_a_basis",
        "A task force encounter starts from a lawful stop or arrest for a state or federal offense, never from immigration suspicion alone. This is our policy, on for every task force agreement unless the program office has switched it off for the agreement with a recorded reason.",
        PolicyReason($"stricter than {TaskForceMoa}, section V, which delegates arrests without a warrant under INA § 287(a)(2) (\"reason to believe the alien ... is likely to escape before a warrant can be obtained\"); a stop that begins from immigration suspicion alone is the profiling risk the audits (GAO-09-109, OIG-10-63) found unmeasured. An offense is classified by its jurisdiction (state, federal or immigration), never by words in it."),
        Basis: RuleBasis.Policy);

    public static readonly Rule BeforeBooking = new("encounter.before_booking",
        "Under the jail model, authority is used only on a person already arrested and booked: the encounter cannot come before the booking.",
        $"{JailMoa}, section II: \"removable aliens who have been arrested and booked into the LEA's jail/correctional facilities\"");

    public static readonly Rule NoAuthority = new("encounter.no_authority",
        "The officer must hold 287(g) authority under this agreement at the moment of the encounter and of every action.",
        $"{Ina287g}(2)–(3); {JailMoa}, section IV.D and {WarrantServiceMoa}, section IV.D: \"Only those certified LEA personnel who receive authorization letters\"; {TaskForceMoa}, section IV: \"Only participating LEA personnel who are nominated, trained, certified, and authorized\"");

    public static readonly Rule OwnRecordOnly = new("encounter.own_record_only",
        "A designated officer records their own use of authority, under their own name and authorization.",
        PolicyReason("each use of authority is attributable to the officer who held it (PRODUCT.md, Guardrails: every change is attributable)"),
            RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule LateReasonRequired = new("encounter.late_reason_required",
        "Every act is judged at the time it states. One entered more than 24 hours after that time, or dated before a custody limit (the detainer's 48-hour hold, the 48 hours in the jail after the transfer) that has passed since, must say why it is late; one dated after such a limit is refused.",
        PolicyReason("late records are flagged and counted; no MOA sets a time to record"), Basis: RuleBasis.Policy);

    public static readonly Rule CorrectionExplained = new("encounter.correction_explanation_required",
        "A correction after submission must explain what it corrects and why; every version is kept.",
        PolicyReason("history is append-only (PRODUCT.md, Guardrails)"), Basis: RuleBasis.Policy);

    public static readonly Rule Closed = new("encounter.closed",
        "The encounter ended with the person's release or ICE taking them: nothing more can be done on it, only corrected.",
        PolicyReason("a record that has ended is not reopened; a correction keeps every version"), Basis: RuleBasis.Policy);

    public static readonly Rule DeconflictionFirst = new("encounter.deconfliction_required",
        "Under the task force model, every enforcement action (an arrest, a warrant served, custody taken) needs a recorded deconfliction with ICE before it: wants and warrants, criminal history, the person's address, and a vehicle check through TECS.",
        $"{TaskForceMoa}, section XI: \"the LEA will deconflict ... prior to taking any enforcement action. This deconfliction will, at a minimum include wants/warrants, criminal history, and a person's address, and vehicle check through TECS II\"");

    public static readonly Rule InterpreterRequired = new("encounter.interpreter_required",
        "A person who needs an interpreter is questioned only through one; every encounter records whether an interpreter was needed, and in which language.",
        $"{JailMoa}, section IV.G: \"the record should always include questions and answers concerning the need for an interpreter\"; {TaskForceMoa}, section XVI: \"an opportunity ... to request an interpreter\"; Title VI of the Civil Rights Act of 1964");

    public static readonly Rule InterpreterOffered = new("encounter.interpreter_offer_required",
        "A person with limited English proficiency is given the opportunity to request an interpreter, and the record says so.",
        $"{JailMoa}, section IV.G, and {WarrantServiceMoa}, section IV.G: \"Participating LEA personnel will provide an opportunity for aliens with limited English language proficiency to request an interpreter\"; {TaskForceMoa}, section XVI");

    public static readonly Rule InterpreterNamed = new("encounter.interpreter_named",
        "Under the warrant service model, an interpreter used when a warrant is served is named on the record of the warrant; a person who needs one is served through one.",
        $"{WarrantServiceMoa}, section IV.G: \"If an interpreter is used when a designated officer is performing functions under this MOA, the interpreter must be identified, by name, in records by annotating on the Warrant for Arrest of Alien or the Warrant of Removal/Deportation\"");

    // Actions and the model.
    public static readonly Rule NotInModel = new("action.not_in_model",
        "The agreement's model does not grant this function; the officer may do only what the model designates.",
        Functions);

    public static readonly Rule ReasonToBelieve = new("action.reason_to_believe_required",
        "An arrest without a warrant needs the officer's reason to believe the person is in the United States in violation of law and is likely to escape before a warrant can be obtained.",
        $"INA § 287(a)(2), 8 U.S.C. § 1357(a)(2); {TaskForceMoa}, section V: \"reason to believe ... is likely to escape before a warrant can be obtained\"");

    public static readonly Rule RecordChecksFirst = new("action.record_checks_first",
        "Under the jail model, record checks are completed and recorded before a detainer is requested or a Form I-213 is prepared.",
        $"{JailMoa}, Appendix A: \"Participating LEA personnel are responsible for ensuring proper record checks have been completed\"");

    public static readonly Rule SameDayTransfer = new("encounter.same_day_to_ice",
        "A person arrested under the task force model is taken to ICE the same day.",
        $"{TaskForceMoa}, section VI: \"be transported by the LEA on the same day to the relevant ICE detention office or facility\"", RuleKind.Deadline);

    public static readonly Rule WarrantServiceNotice = new("encounter.warrant_service_notice",
        "Under the warrant service model the agency notifies the ICE officer immediately after a warrant is served; we count 1 hour as immediately.",
        PolicyReason($"{WarrantServiceMoa}, Appendix A: \"The LEA shall provide notification to the ICE officer immediately after participating LEA personnel serve any warrant of arrest or warrant of removal\"; the hour is our measure of immediately"),
        RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule SupervisorContact = new("encounter.supervisor_contact",
        "Under the task force model an ICE supervisor is contacted when authority is used, or as soon as practicable after; we count 2 hours as practicable.",
        PolicyReason($"{TaskForceMoa}, section XI: \"contact an ICE supervisor at the time of exercising the authority in this MOA, or as soon as is practicable thereafter\"; the 2 hours are our measure of practicable"),
        RuleKind.Deadline, RuleBasis.Policy);


    // Detainers and documents.
    public static readonly Rule DetainerNotInModel = new("detainer.not_in_model",
        "Officers under the warrant service model prepare no detainers: that agreement delegates only the service of warrants.",
        $"{WarrantServiceMoa}, Appendix A: \"only delegated the two authorities listed below\"");

    public static readonly Rule OutsideIceCategories = new("action.outside_ice_categories",
        "Under the task force model, a detainer, a Form I-213 or a Notice to Appear is prepared only for a person in a category ICE supervisors have set for the agreement, and the record names the category.",
        $"{TaskForceMoa}, section V: \"issue immigration detainers (8 C.F.R. § 287.7) and I-213 ... for aliens in categories established by ICE supervisors\"; \"the Notice to Appear ... for aliens in categories established by ICE supervisors\"");

    public static readonly Rule DocumentIceSignatureOnly = new("document.ice_signature_only",
        "Only an ICE supervisor for the agency's area (or the program office) signs a Notice to Appear or reviews a Form I-213 an officer prepared.",
        $"{JailMoa}, Appendix A: \"the preparation of a Notice to Appear or other charging document, as appropriate, for the signature of an ICE officer\" and \"the taking of sworn statements for ICE supervisory review\"; {TaskForceMoa}, section V: \"for the signature of an ICE officer\"", RuleKind.Role);

    public static readonly Rule PreparerCannotSign = new("document.preparer_cannot_sign",
        "The officer who prepared a Notice to Appear or a Form I-213 never signs or reviews it: an ICE supervisor does.",
        $"{JailMoa}, Appendix A: \"for the signature of an ICE officer\"; {TaskForceMoa}, section V", RuleKind.Role);

    public static readonly Rule DocumentNotAwaiting = new("document.not_awaiting_signature",
        "Only a document waiting for ICE's signature can be signed or returned.",
        PolicyReason("each review decides one waiting document"), Basis: RuleBasis.Policy);

    public static readonly Rule DocumentReturnReason = new("document.return_reason_required",
        "Returning a document to the officer says what to correct.",
        PolicyReason("the officer and oversight can read why"), Basis: RuleBasis.Policy);

    public static readonly Rule ProbableCauseRequired = new("detainer.probable_cause_required",
        "A detainer request needs a statement of the probable cause to believe the person is removable.",
        $"{Detainers}: \"DHS has determined that probable cause exists that the subject is a removable alien. This determination is based on\" the facts the form states");

    public static readonly Rule RemovalWarrantNotInModel = new("action.removal_warrant_not_in_model",
        "Task force officers serve and execute warrants of arrest (Form I-200) only: the task force agreement does not delegate serving a warrant of removal (Form I-205).",
        $"{TaskForceMoa}, section V: \"The power to serve and execute warrants of arrest for immigration violations under INA § 287(a) and 8 C.F.R. § 287.5(e)(3)\"");

    public static readonly Rule SignedWarrantRequired = new("detainer.signed_warrant_required",
        "A detainer request must refer to a signed ICE warrant: an I-200 (arrest) or an I-205 (removal), with its number, signer and date.",
        $"{Detainers}; ICE Policy 10074.2 (2017), section 2.4: detainers \"must be accompanied by either\" a signed Form I-200 (Warrant for Arrest of Alien) or Form I-205 (Warrant of Removal/Deportation)");

    public static readonly Rule DetainerAlreadyOpen = new("detainer.already_open",
        "This encounter already has a detainer requested or issued.",
        PolicyReason("one detainer per encounter at a time, so that its hold is counted once"), Basis: RuleBasis.Policy);

    public static readonly Rule RequesterCannotReview = new("detainer.requester_cannot_review",
        "The officer who requested a detainer never reviews it: an ICE supervisor does.",
        $"{JailMoa} and {WarrantServiceMoa}, section IV.F; {TaskForceMoa}, section XI: \"Immigration enforcement activities conducted by participating LEA personnel will be supervised and directed by ICE\"", RuleKind.Role);

    public static readonly Rule IceSupervisorReviews = new("detainer.ice_supervisor_only",
        "Only an ICE supervisor for the agency's area (or the program office) approves, returns or declines a detainer.",
        $"{JailMoa}, section IV.F and Appendix A: \"Participating LEA personnel are only authorized to conduct immigration enforcement functions while under the direction and supervision of ICE\"; {TaskForceMoa}, section XI: \"supervised and directed by ICE\"", RuleKind.Role);

    public static readonly Rule DetainerNotPending = new("detainer.not_pending",
        "Only a detainer waiting for review can be approved, returned or declined.",
        PolicyReason("each review decides one waiting request"), Basis: RuleBasis.Policy);

    public static readonly Rule DetainerNotReturned = new("detainer.not_returned",
        "Only a detainer ICE returned with questions can be answered.",
        PolicyReason("each answer belongs to ICE's questions"), Basis: RuleBasis.Policy);

    public static readonly Rule DecisionReasonRequired = new("detainer.reason_required",
        "Returning or declining a detainer needs the reasons (or the questions), in writing.",
        PolicyReason("the officer and oversight can read why"), Basis: RuleBasis.Policy);

    public static readonly Rule TransmitWithin24h = new("detainer.transmit",
        "An issued detainer reaches ICE as soon as possible, and within about 24 hours.",
        $"{JailMoa}, Appendix A: \"must notify ICE of any immigration detainer issued ... as soon as possible, but no longer than approximately 24 hours\"; applied to task force detainers too as Section287 policy (its 2025 text sets no time; ICE learns of a detainer issued in its name as fast under every model)", RuleKind.Deadline);

    public static readonly Rule ReviewDeadline = new("detainer.review",
        "An ICE supervisor reviews a detainer request within 8 hours.",
        PolicyReason("our service level; no MOA sets a time, and time to review is one of the program's measures"), RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule DetainerNotIssued = new("detainer.not_issued", "Only an issued detainer not yet sent can be recorded as sent to ICE.",
        PolicyReason("a detainer is sent once, after ICE's supervisor issues it"), Basis: RuleBasis.Policy);

    public static readonly Rule DetainerNotServed = new("detainer.not_served",
        "A detainer takes effect only once it is served on the person: its service is recorded before the scheduled release, and no one is held on a detainer that was not served.",
        $"Form I-247A: \"The alien must be served with a copy of this form for the detainer to take effect\"");

    // Custody.
    public static readonly Rule ReleaseTimeRequired = new("custody.release_time_required",
        "Serving a warrant at release, or holding a person on a detainer, needs the person's scheduled release time on the record.",
        $"{JailMoa} and {WarrantServiceMoa}, Appendix A: \"at the time of the alien's scheduled release from criminal custody\"; {Detainers}");

    public static readonly Rule HoldLimit = new("custody.hold_limit",
        "A person may be held on a detainer at most 48 hours past their scheduled release, weekends and holidays included. A warning comes at 36 hours; from 48 hours only release or ICE taking custody may be recorded, and a hold past it is a critical incident.",
        $"Form I-247A: \"maintain custody of the alien for a period not to exceed 48 hours beyond the time when he/she would otherwise have been released\" (a flat 48 hours, which we apply); 8 C.F.R. § 287.7(d) allows 48 hours \"excluding Saturdays, Sundays, and holidays\", a longer limit we never use");

    public static readonly Rule ReleaseTimeFixed = new("custody.release_time_fixed",
        "Once a person is held past the scheduled release on a detainer, the release time cannot be moved later, whatever time the change is dated: the 48-hour clock never starts again.",
        PolicyReason("the I-247A's 48 hours run from the release that was due; moving it would restart the hold"), Basis: RuleBasis.Policy);

    public static readonly Rule TransferNeedsDocument = new("custody.transfer_needs_warrant_or_detainer",
        "Custody passes to ICE only on a served detainer, a served ICE warrant, or an arrest under the task force model.",
        $"{Detainers}; {Functions}");

    public static readonly Rule AfterTransferLimit = new("custody.after_transfer_limit",
        "After custody passes to ICE, the person stays in the agency's jail at most 48 hours more unless the agency has a reimbursable detention agreement in force; by then ICE takes them away or the agency releases them. A warning comes at 36 hours and a stay past 48 is a critical incident.",
        $"{JailMoa} and {WarrantServiceMoa}, Appendix A: \"the alien will continue to be held in the LEA's jail/correctional facilities for no more than 48 hours unless there exists an agreement pursuant to which the LEA will continue to detain, for a reimbursable fee\"");

    public static readonly Rule LocalChargesFirst = new("custody.local_charges_first",
        "Local charges come first. Under the task force model, the transfer says how the state or local charges stand: none, dismissed, a sentence of incarceration served, or a case the ICE field office director decided; never while charges are pending.",
        $"{TaskForceMoa}, section VI: \"ICE may assume custody of aliens who have been convicted of a state or local offense only after such aliens have concluded service of any sentence of incarceration\"");

    public static readonly Rule TransferAtRelease = new("custody.transfer_at_release",
        "Under the jail and warrant service models, custody passes to ICE only once the person is released from the agency's criminal custody: at or after the scheduled release on the record, never before it. A release that comes earlier is recorded as the new scheduled release first.",
        $"{JailMoa} and {WarrantServiceMoa}, section IV: \"ICE will assume custody of an alien only after said individual has been released from LEA custody\"; Appendix A: \"at the time of the alien's scheduled release from criminal custody in order to transfer custody of the alien to ICE\"");

    public static readonly Rule WarrantAtRelease = new("custody.warrant_at_release",
        "Under the jail and warrant service models, an ICE warrant is served at the jail at the person's scheduled release: from two hours before it to two hours after it, or later only while a served detainer lawfully holds the person. A warrant is never served days ahead of the release.",
        $"{JailMoa} and {WarrantServiceMoa}, Appendix A: \"serve and execute warrants of arrest ... on designated aliens in LEA jail/correctional facilities at the time of the alien's scheduled release from criminal custody\". No text gives \"at the time of\" a length; the two hours either side are Section287's reading (a jail's release processing, property and paperwork, runs before and after the minute on the record), and past them the person is either released or held on a detainer, whose 48 hours then govern (Form I-247A)");

    public static readonly Rule InIceCustody = new("custody.with_ice",
        "Custody has passed to ICE: until ICE takes the person from the jail, only that, a transport to ICE, a supervisor contact or the person's release may be recorded.",
        PolicyReason($"once custody is ICE's ({JailMoa} and {WarrantServiceMoa}, Appendix A: \"Upon transfer of the alien's custody to ICE\"), the agency's record keeps only the person's stay in its jail, which the 48-hour limit governs; anything else belongs on ICE's own record"),
        Basis: RuleBasis.Policy);

    // Citizenship claims.
    public static readonly Rule ClaimOpen = new("citizenship.claim_open",
        "While a claim of U.S. citizenship, stated or suspected, is unresolved, no enforcement action happens on the encounter. Its report, its investigation (record checks, consultation with ICE's legal office), its resolution by an ICE supervisor and the person's release stay allowed.",
        PolicyReason($"ICE Directive 16001.2 (investigating claims of U.S. citizenship, 2015) has ICE investigate a claim at once, with its legal office; we stop every enforcement action until the claim is resolved, stricter than the directive, because no immigration authority applies to a citizen (8 U.S.C. § 1357(g)(1)). {CitizenshipClaims}"),
        Basis: RuleBasis.Policy);

    public static readonly Rule ClaimReport = new("citizenship.report",
        "A claim of U.S. citizenship, stated by the person or suspected by the officer, is reported to an ICE supervisor immediately, and within about one hour.",
        $"{CitizenshipClaims}; applied to the task force model too as Section287 policy (its 2025 text names no time; a citizen must never wait on the model's wording)", RuleKind.Deadline);

    public static readonly Rule ClaimResolvedByIce = new("citizenship.ice_supervisor_only",
        "Only an ICE supervisor resolves a claim of U.S. citizenship, with an explanation.",
        "ICE Directive 16001.2 (investigating claims of U.S. citizenship, 2015)", RuleKind.Role);

    public static readonly Rule UsCitizen = new("citizenship.us_citizen",
        "The person is a U.S. citizen: no immigration authority applies to them; only their release may be recorded.",
        $"{Ina287g}(1): functions \"in relation to the investigation, apprehension, or detention of aliens\"");

    public static readonly Rule NoOpenClaim = new("citizenship.no_open_claim",
        "There is no unresolved claim of U.S. citizenship on this encounter.",
        PolicyReason("only an open claim is reported, investigated or resolved"), Basis: RuleBasis.Policy);

    public static readonly Rule ClaimResolution = new("citizenship.resolution",
        "An ICE supervisor resolves a claim of U.S. citizenship within 24 hours; the outcome and how it was established are kept.",
        PolicyReason("ICE Directive 16001.2 asks for immediate investigation and sets no outer limit; 24 hours is our service level"),
            RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule ClaimAlreadyOpen = new("citizenship.claim_already_open", "A claim of U.S. citizenship is already open on this encounter.",
        PolicyReason("one open claim at a time, reported and resolved once"), Basis: RuleBasis.Policy);

    public static readonly Rule ClaimAlreadyReported = new("citizenship.already_reported", "The claim was already reported.",
        PolicyReason("a claim is reported once; its hour is counted once"), Basis: RuleBasis.Policy);

    // Incidents.
    public static readonly Rule IncidentClosed = new("incident.closed", "The incident is already closed.",
        PolicyReason("an incident is closed once, saying what was done"), Basis: RuleBasis.Policy);

    /// <summary>Every rule above, in the order written.</summary>
    public static IReadOnlyList<Rule> All { get; } = RulesOf(typeof(RuleBook));

    /// <summary>The reasons authority is refused, which an encounter's refusal lists; they are rules too.</summary>
    public static IReadOnlyList<Rule> AuthorityReasons { get; } = AuthorityRules.Catalogue
        .Select(r => new Rule(r.Key, r.Value, AuthorityRules.Sources.GetValueOrDefault(r.Key, AuthorityRules.DefaultSource),
            Basis: AuthorityRules.Policies.Contains(r.Key) ? RuleBasis.Policy : RuleBasis.Law)).ToList();

    /// <summary>
    /// Where rules are declared, each home with the title of its table in docs/RULES.md. A <see cref="Rule"/> field anywhere
    /// else is a test failure (<c>RuleBookTests</c>), and refusals (422) and role rules (403) can only be made from a Rule.
    /// </summary>
    public static IReadOnlyList<(string Title, Type[] Homes)> Sections { get; } =
    [
        ("Encounters, actions, detainers, custody and citizenship", [typeof(RuleBook)]),
        ("Agreements: suspension, termination and reviews, per model", [typeof(Agreements.AgreementRules), typeof(Agreements.ReviewTimers)]),
        ("Agreements: lifecycle, signatures, amendments and terms", [typeof(Agreements.AgreementErrors)]),
        ("Statistics ICE requests (task force)", [typeof(Agreements.StatisticsRequests)]),
        ("Applications and public comment", [typeof(Applications.ApplicationErrors), typeof(Applications.CommentErrors)]),
        ("Officers: eligibility, nomination, vetting, conditions of authority and separation",
            [typeof(Eligibility), typeof(OfficerErrors), typeof(Nomination), typeof(OfficerConditions), typeof(Officer)]),
        ("Training and certification", [typeof(Training.TrainingErrors), typeof(Training.TrainingRequirement), typeof(Training.TrainingRequirementsWorkflow)]),
        ("Agencies", [typeof(Agencies.AgencyErrors), typeof(Agencies.AgencyInterpreter)]),
        ("Inspections and complaint posters, every model", [typeof(Inspections.InspectionRules)]),
        ("Early intervention", [typeof(Oversight.EarlyInterventionRules)]),
        ("Steering committees and review meetings", [typeof(Oversight.MeetingRules)]),
        ("Public release of figures", [typeof(Transparency.ReleaseRules)]),
        ("Complaints, per model (Appendix B)", [typeof(Complaints.ComplaintRules), typeof(Complaints.ComplaintLetters)]),
        ("Evidence: stop data and disparity tests", [typeof(Evidence.EvidenceRules)]),
        ("Who may read and do what", [typeof(Accounts.AccessRules), typeof(Accounts.AccountErrors)]),
        ("ICE's published lists", [typeof(IceLists.IceListErrors)]),
        ("Costs and reimbursement claims", [typeof(Costs.CostRules), typeof(Costs.CostWorkflow)]),
    ];

    /// <summary>The public static Rule fields a type declares, in the order written.</summary>
    public static IReadOnlyList<Rule> RulesOf(Type home) => home.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
        .Where(f => f.FieldType == typeof(Rule)).Select(f => (Rule)f.GetValue(null)!).ToList();

    /// <summary>Every rule the book lists: each section's, and the reasons authority is refused.</summary>
    public static IEnumerable<Rule> Everything => Sections.SelectMany(s => s.Homes.SelectMany(RulesOf)).Concat(AuthorityReasons);

    public static Rule? Find(string code) => Everything.FirstOrDefault(r => r.Code == code);

    /// <summary>docs/RULES.md, exactly.</summary>
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.Append("# Rules Section287 enforces\n\n");
        md.Append("Generated from the code by `dotnet run --project src/Section287 -- rules`; a test fails if this file and the code differ, and\n");
        md.Append("another fails if any refusal in the code is not here. The API answers a refused action with 422 (403 for a role rule) and\n");
        md.Append("the rule's code; `GET /api/v1/rules` serves the same list. **kind** says whose force the rule has: `law` (the statute, a\n");
        md.Append("regulation, an ICE form or directive, or the agreement's text, quoted with its section) or `policy` (stricter than the\n");
        md.Append("law, or a service level the law leaves open, with the reason).\n\n");
        void Table(string title, IEnumerable<Rule> rules)
        {
            md.Append($"## {title}\n\n| code | rule | effect | kind | source |\n|---|---|---|---|---|\n");
            foreach (var r in rules) md.Append($"| `{r.Code}` | {Cell(r.Sentence)} | {r.Kind.ToString().ToLowerInvariant()} | {r.Basis.ToString().ToLowerInvariant()} | {Cell(r.Source)} |\n");
            md.Append('\n');
        }
        Table(Sections[0].Title, All);
        Table("Why authority is refused (each listed in an `encounter.no_authority` refusal)", AuthorityReasons);
        foreach (var (title, homes) in Sections.Skip(1)) Table(title, homes.SelectMany(RulesOf));
        md.Append("## Deadlines\n\nEvery due time the product keeps: it warns before, and flags the item late after. Day-based deadlines end at the close of\n");
        md.Append("the day in the agency's time zone.\n\n| code | what is due | due | warned | whose move | kind | source |\n|---|---|---|---|---|---|---|\n");
        foreach (var d in Deadlines.DeadlineRules.All)
        {
            var due = d.Length == 0 ? "at the time the rule sets" : $"{d.Length} {d.Unit switch { Deadlines.DeadlineUnit.Hours => "hours", Deadlines.DeadlineUnit.CalendarDays => "days", Deadlines.DeadlineUnit.BusinessDays => "business days", Deadlines.DeadlineUnit.HoursExcludingWeekends => "hours, weekends excluded", _ => "months" }}";
            var basis = d.Book is { } book ? book.Basis.ToString().ToLowerInvariant() : d.Source.StartsWith("Section287",
                StringComparison.Ordinal) ? "policy" : "law";
            md.Append($"| `{d.Code}` | {Cell(d.Title)} | {due} | {Warned(d.WarnBefore)} before | {Accounts.Roles.Code(d.WaitsOn).Replace('_', ' ')} | {basis} | {Cell(d.Source)} |\n");
        }
        md.Append('\n');
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string Warned(TimeSpan t) => t.TotalDays >= 1 ? $"{t.TotalDays:0} days" : t.TotalHours >= 1 ? $"{t.TotalHours:0} hours" : $"{t.TotalMinutes:0} minutes";
}
