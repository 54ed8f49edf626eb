using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using static Section287.Features.Encounters.RuleBook;

namespace Section287.Features.Complaints;

/// <summary>
/// The complaint procedure of each model's Appendix B (../shared/data/ice-287g/moa/), and what this product adds where the texts are
/// silent, labelled as policy. Read per model: the jail (Knox 2020) and warrant service (Franklin 2025) texts set a 48-hour notice
/// to an ICE officer "excluding weekends" (holidays are not named, so they count); the jail text wants the results reported "no later
/// than 30 days from the date of the resolution", the warrant service text "as established by ICE"; the task force text (Smith 2025)
/// asks for "timely notification", removes the officer "until such time that the LEA has adjudicated the allegation", has OPR decide
/// jurisdiction and refer, and expects resolution "within 90 days".
/// </summary>
public static class ComplaintRules
{
    private const string Notice48 = "Appendix B: \"make timely notification to an ICE officer within 48 hours ..., excluding weekends, of the existence and nature of the complaint or allegation\"";

    private const string NonDesignated = "Appendix B: \"complaints regarding non-designated LEA personnel acting in immigration functions must be forwarded to an ICE officer within 48 hours of the LEA receiving notice\"";

    private const string TaskForceReview = $"{TaskForceMoa}, Appendix B, 2: \"the ICE OPR, as appropriate, will make an initial determination regarding DHS investigative jurisdiction and refer the complaint to the appropriate office for action\"";

    // ---- Deadlines ---------------------------------------------------------------------------------------------------

    public static readonly Rule NoticeDue = new("complaint.notice_to_ice",
        "The agency tells an ICE officer of a complaint within 48 hours of receiving it, weekends excluded (holidays are counted: the agreement names weekends only).",
        $"{JailMoa}, {Notice48} (\"of the LEA receiving notice\"); {WarrantServiceMoa}, {Notice48}; and for personnel not designated, the same texts' {NonDesignated}",
        RuleKind.Deadline);

    public static readonly Rule TaskForceNoticeDue = new("complaint.notice_to_ice_task_force",
        "Under a task force agreement the agency tells ICE of a complaint in time: this product holds it to the other models' 48 hours, weekends excluded.",
        Rule.PolicyReason($"{TaskForceMoa}, Appendix B: \"make timely notification to ICE\" sets no number; we apply the 48 hours excluding weekends the jail and warrant service texts set, so that \"timely\" is measurable, and the same to non-designated personnel's complaints the text sends to OPR"),
        RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule OprReportDue = new("complaint.report_to_opr",
        "Once ICE knows of a complaint, an ICE officer makes sure ICE's Office of Professional Responsibility has it: within 2 business days here.",
        Rule.PolicyReason($"{JailMoa}, Appendix B: \"It is the responsibility of the ICE officer to ensure notification is made to the ICE Office of Professional Responsibility (OPR) via the Joint Intake Center\"; {WarrantServiceMoa}: \"at ICEOPRIntake@ice.dhs.gov\"; {TaskForceMoa}, Appendix B, 2: \"will be reported to the ICE OPR\". No text sets a time; 2 business days is ours"),
        RuleKind.Deadline, RuleBasis.Policy);

    public static readonly Rule ResolutionDue = new("complaint.resolution",
        "A complaint is expected to be resolved within 90 days of its receipt.",
        $"{TaskForceMoa}, Appendix B, 3.C: \"It is expected that any complaint received will be resolved within 90 days\"; Section287 policy: applied to jail and warrant service complaints too, whose texts set no time, so that none waits unseen",
        RuleKind.Deadline);

    public static readonly Rule OutcomeReportDue = new("complaint.outcome_report",
        "The agency reports the results of its investigation and the resolution to an ICE officer no later than 30 days after the resolution.",
        $"{JailMoa}, Appendix B: \"shall also be reported to an ICE officer, as soon as practicable, but no later than 30 days from the date of the resolution\"; Section287 policy for the other models: {WarrantServiceMoa} says \"as established by ICE\" and {TaskForceMoa}, 3.A \"will inform ICE OPR of the disposition\" with no time, and we apply the jail text's 30 days until ICE sets one",
        RuleKind.Deadline);

    public static readonly DeadlineRule NoticeDeadline = DeadlineRule.Keeps(NoticeDue, "Tell an ICE officer of a complaint", 48,
        DeadlineUnit.HoursExcludingWeekends, TimeSpan.FromHours(12), Role.AgencyCoordinator);

    public static readonly DeadlineRule TaskForceNoticeDeadline = DeadlineRule.Keeps(TaskForceNoticeDue, "Tell ICE of a complaint (task force)", 48,
        DeadlineUnit.HoursExcludingWeekends, TimeSpan.FromHours(12), Role.AgencyCoordinator);

    public static readonly DeadlineRule OprReportDeadline = DeadlineRule.Keeps(OprReportDue, "Report a complaint to ICE OPR", 2,
        DeadlineUnit.BusinessDays, TimeSpan.FromDays(1), Role.FieldSupervisor);

    public static readonly DeadlineRule ResolutionDeadline = DeadlineRule.Keeps(ResolutionDue, "Resolve a complaint", 90,
        DeadlineUnit.CalendarDays, TimeSpan.FromDays(15), Role.ProgramOffice);

    public static readonly DeadlineRule OutcomeReportDeadline = DeadlineRule.Keeps(OutcomeReportDue, "Report a complaint's outcome to ICE", 30,
        DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.AgencyCoordinator);

    public static readonly IReadOnlyList<DeadlineRule> Deadlines = [NoticeDeadline, TaskForceNoticeDeadline, OprReportDeadline, ResolutionDeadline,
        OutcomeReportDeadline];

    /// <summary>The notice rule of the agreement's model; before the agreement is known, the stricter texts' 48 hours (the same count).</summary>
    public static DeadlineRule NoticeFor(AgreementModel? model) => model == AgreementModel.TaskForce ? TaskForceNoticeDeadline : NoticeDeadline;

    // ---- Refusals ----------------------------------------------------------------------------------------------------

    public static readonly Rule StaffIntake = new("complaint.staff_intake",
        "Complaints are taken by the agency's coordinator (its internal affairs or a supervisor) or by ICE; officers send the person to them or to the public form.",
        Rule.PolicyReason($"{TaskForceMoa}, Appendix B, 1: complaints \"may also be referred to and accepted by ... The LEA Internal Affairs Division; or ... The supervisor of any participating LEA personnel\"; designated officers may be the subject, so they neither take nor read complaints"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule OfficersDoNotRead = new("complaint.officers_do_not_read",
        "Designated officers do not see complaints: they may be their subject. Their coordinator and ICE handle them.",
        Rule.PolicyReason("a complaint's subject must not read who complained or what the investigation holds; the task force text has OPR and internal affairs, not the officer, notify subjects (Appendix B, 3.D)"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule AgencyNotifies = new("complaint.agency_notifies",
        "Only the agency's coordinator records the agency's notice to ICE and the report of the outcome.",
        $"{JailMoa} and {WarrantServiceMoa}, Appendix B: \"the LEA shall ... make timely notification to an ICE officer\"", RuleKind.Role);

    public static readonly Rule IceReports = new("complaint.ice_reports_to_opr",
        "Only ICE (the program office or a field supervisor of the agency's area) records the report to OPR, its jurisdiction and its referrals.",
        $"{JailMoa}, Appendix B: \"It is the responsibility of the ICE officer to ensure notification is made to the ICE Office of Professional Responsibility\"; {TaskForceReview}",
        RuleKind.Role);

    public static readonly Rule InvestigatorFinds = new("complaint.investigator_finds",
        "Findings are recorded by the office that investigates: the agency's coordinator when OPR referred the complaint to the agency's internal affairs (or a joint investigation), ICE otherwise.",
        $"{TaskForceMoa}, Appendix B, 3.A: \"The ICE OPR will refer complaints ... to the LEA's Internal Affairs Division for resolution. The Internal Affairs Division Commander will inform ICE OPR of the disposition\"",
        RuleKind.Role);

    public static readonly Rule Readers = new("complaint.person_data_readers",
        "The person's words and contact are read only by the agency's coordinator and ICE, with a purpose, and every read is logged; oversight sees the record without them.",
        Rule.PolicyReason("PRODUCT.md, Guardrails: person data is encrypted, shown to those who need it, and every read is logged; oversight reads records without the person, as everywhere in the product"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule IceReceivedIt = new("complaint.ice_received_it",
        "ICE received this complaint itself, so there is no notice from the agency to record: ICE reports it to OPR.",
        $"{TaskForceMoa}, Appendix B, 2: \"Complaints received by any ICE entity will be reported directly to the ICE OPR\"");

    public static readonly Rule IceNoticeFirst = new("complaint.ice_notice_first",
        "The agency received this complaint: record its notice to ICE before ICE's report to OPR.",
        $"{JailMoa}, Appendix B: the LEA notifies \"an ICE officer\", and \"It is the responsibility of the ICE officer to ensure notification is made to ... OPR\"");

    public static readonly Rule OprFirst = new("complaint.opr_decides_jurisdiction",
        "OPR decides who investigates: record the report to OPR, then OPR's referral, before findings.",
        $"{TaskForceReview}; Section287 policy for jail and warrant service, whose texts send every complaint to OPR through the ICE officer without describing its review: the same order, so every finding has an investigating office");

    public static readonly Rule NotClassified = new("complaint.not_classified",
        "Record at least one allegation (what it says happened, and about whom) before resolving the complaint.",
        Rule.PolicyReason("a complaint resolved without an allegation cannot be measured by type or finding (issue 15: findings per allegation per officer)"),
        Basis: RuleBasis.Policy);

    public static readonly Rule FindingsMissing = new("complaint.findings_missing",
        "Every allegation needs its finding (sustained, not sustained, exonerated or unfounded) before the complaint is resolved.",
        Rule.PolicyReason("the resolution reported to ICE names the finding of each allegation against each officer"), Basis: RuleBasis.Policy);

    public static readonly Rule SustainedNeedsAction = new("complaint.sustained_needs_action",
        "A sustained allegation needs the action taken (discipline, training, removal from the program, referral for prosecution, or none and why).",
        Rule.PolicyReason($"{JailMoa}, Appendix B: \"The results of any internal investigation ... shall also be reported\"; a sustained finding without its consequence is not a result"),
        Basis: RuleBasis.Policy);

    public static readonly Rule NotResolved = new("complaint.not_resolved",
        "The complaint is not resolved yet: the outcome can be reported and told only after the resolution.",
        $"{JailMoa}, Appendix B: \"no later than 30 days from the date of the resolution\"");

    public static readonly Rule NoContact = new("complaint.no_contact",
        "The person gave no contact, or did not agree to be contacted: there is nobody to tell.",
        Rule.PolicyReason("a person is contacted only at the contact they gave and with their consent"), Basis: RuleBasis.Policy);

    public static readonly Rule CloseIncomplete = new("complaint.close_incomplete",
        "A complaint closes only once it is resolved, its outcome reported to ICE (when the agency received it), and the person who complained (when they gave a contact and agreed) and the officers named told of the outcome.",
        $"{JailMoa}, Appendix B (the outcome to ICE); {TaskForceMoa}, Appendix B, 3.D: \"notification as appropriate to the subject(s) of a complaint regarding the resolution\"; Section287 policy: the person who complained is told too, which no text requires");

    public static readonly Rule Closed = new("complaint.closed",
        "The complaint is closed (or resolved): its record is kept as it was.",
        Rule.PolicyReason("a closed complaint's record does not change; new facts are a new complaint that names it"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyRecorded = new("complaint.already_recorded",
        "That step was already recorded; it is kept as recorded.",
        Rule.PolicyReason("each notice, report and finding is recorded once, with its time, so that timeliness can be measured"), Basis: RuleBasis.Policy);

    public static readonly Rule OtherAgency = new("complaint.other_agency",
        "The officer, agreement or encounter named belongs to another agency than the complaint.",
        Rule.PolicyReason("a complaint is about one agency; a complaint about two agencies is recorded twice"), Basis: RuleBasis.Policy);

    public static readonly Rule AutomatedSubmission = new("complaint.automated_submission",
        "The form was filled in by a program, not a person. / Un programa llenó el formulario, no una persona.",
        Rule.PolicyReason("the public form's hidden field, which no person sees or fills, is filled only by programs that send forms in bulk (issue 15: abuse controls without a third-party captcha)"),
        Basis: RuleBasis.Policy);

    public static readonly Error NotFound = Error.NotFound("complaint.not_found", "No such complaint among those you can see.");

    public static readonly Error TrackingNotFound = Error.NotFound("complaint.tracking_not_found",
        "No complaint has that tracking number. Check the twelve letters and digits on your receipt. / Ninguna queja tiene ese número de seguimiento. Revise las doce letras y cifras de su comprobante.");

    public static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;
}
