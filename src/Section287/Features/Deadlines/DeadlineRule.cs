using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Encounters;

namespace Section287.Features.Deadlines;

public enum DeadlineUnit
{
    Hours,
    CalendarDays,

    /// <summary>Weekdays that are not federal holidays (<see cref="BusinessCalendar"/>).</summary>
    BusinessDays,
    Months,

    /// <summary>
    /// Hours on the clock that skip Saturdays and Sundays in the agency's zone, holidays counted: the jail and warrant service MOAs'
    /// "within 48 hours ..., excluding weekends" (Appendix B) names weekends only.
    /// </summary>
    HoursExcludingWeekends,
}

/// <summary>
/// One rule that sets a due date: how long after its start, in which unit, how long before the due time a
/// warning is raised, whose move it is, and where the rule comes from. Every deadline in the system names one.
/// </summary>
public sealed record DeadlineRule(string Code, string Title, int Length, DeadlineUnit Unit, TimeSpan WarnBefore, Role WaitsOn, string Source)
{
    /// <summary>The rule of the book this deadline keeps, when there is one: its code and source are the rule's, declared once.</summary>
    public Rule? Book { get; private init; }

    public static DeadlineRule Keeps(Rule rule, string title, int length, DeadlineUnit unit, TimeSpan warnBefore, Role waitsOn) =>
        new(rule.Code, title, length, unit, warnBefore, waitsOn, rule.Source) { Book = rule };

    /// <summary>
    /// The due time. Day-based rules end at the close of the day (23:59:59) in the zone of the agency whose record it is
    /// (ICE headquarters' zone when none is given); hour-based rules run on the clock.
    /// </summary>
    public DateTime DueFrom(DateTime startUtc, TimeZoneInfo? zone = null)
    {
        if (Unit == DeadlineUnit.Hours) return startUtc.AddHours(Length);
        zone ??= UsTimeZones.Find(UsTimeZones.Default);
        if (Unit == DeadlineUnit.HoursExcludingWeekends) return AddWeekdayHours(startUtc, Length, zone);
        var startDay = ZonedTime.DayOf(startUtc, zone);
        var dueDay = Unit switch
        {
            DeadlineUnit.CalendarDays => startDay.AddDays(Length),
            DeadlineUnit.BusinessDays => BusinessCalendar.AddBusinessDays(startDay, Length),
            DeadlineUnit.Months => startDay.AddMonths(Length),
            DeadlineUnit.Hours or DeadlineUnit.HoursExcludingWeekends => startDay,
        };
        return ZonedTime.EndOfDayUtc(dueDay, zone);
    }

    /// <summary>
    /// Counts the hours only while it is a weekday in the zone: a start on a weekend counts from Monday 00:00 there, and an hour
    /// reaching Saturday 00:00 resumes at Monday 00:00. Day boundaries are the zone's, so a change of clocks is counted as it happens.
    /// </summary>
    public static DateTime AddWeekdayHours(DateTime startUtc, int hours, TimeZoneInfo zone)
    {
        var at = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        var left = TimeSpan.FromHours(hours);
        while (true)
        {
            var day = ZonedTime.DayOf(at, zone);
            var nextDay = ZonedTime.StartOfDayUtc(day.AddDays(1), zone);
            if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                at = nextDay;
                continue;
            }
            if (at + left <= nextDay) return at + left;
            left -= nextDay - at;
            at = nextDay;
        }
    }

    public DateTime WarnFrom(DateTime startUtc, DateTime dueUtc)
    {
        var warn = dueUtc - WarnBefore;
        return warn < startUtc ? startUtc : warn;
    }
}

/// <summary>The rules with a due date that the partnership lifecycle uses. Later features add theirs here.</summary>
public static class DeadlineRules
{
    // Program-office service levels: PRODUCT.md asks for a deadline on every waiting state; the numbers are
    // ours, chosen to match ICE's published intent to decide applications within a quarter.
    public static readonly DeadlineRule ApplicationIntake = new("application.intake", "Start the review of a submitted application",
        5, DeadlineUnit.BusinessDays, TimeSpan.FromDays(2), Role.ProgramOffice, "Section287 service level");

    public static readonly DeadlineRule ApplicationReview = new("application.review", "Decide an application under review",
        60, DeadlineUnit.CalendarDays, TimeSpan.FromDays(10), Role.ProgramOffice, "Section287 service level");

    public static readonly DeadlineRule ApplicationAgencyAnswer = new("application.agency_answer", "Answer ICE's request for more information",
        30, DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.AgencyCoordinator, "Section287 service level");

    public static readonly DeadlineRule ApplicationDecisionApproval = new("application.decision_approval", "Approve or return a prepared decision",
        5, DeadlineUnit.BusinessDays, TimeSpan.FromDays(2), Role.ProgramOffice, "Section287 service level (four-eyes review)");

    public static readonly DeadlineRule AgreementAgencySignature = new("agreement.agency_signature", "Sign the agreement for the agency",
        60, DeadlineUnit.CalendarDays, TimeSpan.FromDays(14), Role.AgencyCoordinator, "Section287 service level");

    public static readonly DeadlineRule AgreementIceSignature = new("agreement.ice_signature", "Sign the agreement for ICE",
        60, DeadlineUnit.CalendarDays, TimeSpan.FromDays(14), Role.ProgramOffice, "Section287 service level");

    public static readonly DeadlineRule AgreementFirstReview = new("agreement.first_review", "Hold the first operational review",
        12, DeadlineUnit.Months, TimeSpan.FromDays(30), Role.FieldSupervisor,
            "MOA (jail 2020; warrant service 2025), section V.B: \"An initial review meeting ... within approximately 12 months of the MOA's operational date\" (counted from activation; the task force text has none)");

    public static readonly DeadlineRule AgreementYearlyMeeting = new("agreement.yearly_meeting", "Meet with the agency (at least yearly)",
        12, DeadlineUnit.Months, TimeSpan.FromDays(30), Role.FieldSupervisor,
            "MOA (jail 2020; warrant service 2025), section V.B: \"make every effort to meet at least annually\"");

    public static readonly DeadlineRule AgreementIceReview = new("agreement.ice_review", "ICE's three-yearly review of the agreement",
        36, DeadlineUnit.Months, TimeSpan.FromDays(60), Role.ProgramOffice,
            "Section287 policy: PRODUCT.md's three-year ICE review of jail agreements; the 2020 jail text we hold does not contain it");

    public static readonly DeadlineRule AgreementEquipment = new("agreement.equipment", "Install ICE equipment and connectivity",
        180, DeadlineUnit.CalendarDays, TimeSpan.FromDays(30), Role.FieldSupervisor,
            "Section287 policy: OIG-18-77's 180-day target for installing ICE equipment, not an MOA term");

    /// <summary>Opened when a revocation leaves a jail agreement without any participating officer; closed by a suspension, a termination notice or a new authorization.</summary>
    public static readonly DeadlineRule AgreementLastOfficer = new("agreement.last_officer_revoked",
        "Give notice of suspension or termination: a revocation left no participating officer",
        10, DeadlineUnit.BusinessDays, TimeSpan.FromDays(3), Role.ProgramOffice,
            "MOA (jail, Knox County 2020), section IV.D: \"where a revocation would leave no participating LEA personnel available to carry out responsibilities under the 287(g) program), ICE will follow the suspension and termination notice processes\"; the 10 business days are Section287 policy");

    /// <summary>Due on the day ICE set in its request for a task force agency's statistics.</summary>
    public static readonly DeadlineRule StatisticsDue = new("statistics.due", "Answer ICE's request for the task force statistics",
        0, DeadlineUnit.CalendarDays, TimeSpan.FromDays(3), Role.AgencyCoordinator,
            "MOA (task force, Smith County 2025), section XII: \"Upon ICE's request, such data and information shall be provided to ICE\"; the due day is ICE's, in its request");

    public static readonly DeadlineRule OfficerBackground = new("officer.background", "Complete the background investigation of a nominee",
        30, DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.FieldSupervisor, "Section287 service level");

    /// <summary>Due when the officer's newest certificate stops being current; its length and warning come from the course.</summary>
    public static readonly DeadlineRule OfficerRefresher = new("officer.refresher", "Complete refresher training",
        0, DeadlineUnit.CalendarDays, TimeSpan.FromDays(60), Role.AgencyCoordinator,
            "Section287 policy: a reminder at the course's refresher months (jail: 24 or more, MOA section IV.C); it never lapses authority, which only training ICE requires by a date does");

    /// <summary>Due when a time-limited (task force) authorization ends.</summary>
    public static readonly DeadlineRule OfficerAuthorizationRenewal = new("officer.authorization_renewal", "Renew a task force authorization before it expires",
        0, DeadlineUnit.CalendarDays, TimeSpan.FromDays(60), Role.FieldSupervisor,
            "MOA (task force, Smith County 2025), section IX: \"for an initial period of two years from the date of the authorization\"");

    public static readonly DeadlineRule OfficerRevocationNoticeByIce = new("officer.revocation_notice_ice",
        "Notify the agency of a revoked or lapsed authorization",
        48, DeadlineUnit.Hours, TimeSpan.FromHours(12), Role.FieldSupervisor,
            "MOA (task force, Smith County 2025), section IX: \"Such revocation will require notification to the other party to this MOA within 48 hours\"; applied to every model as Section287 policy (the jail and warrant service texts leave notification to the parties without a time)");

    public static readonly DeadlineRule OfficerRevocationNoticeByAgency = new("officer.revocation_notice_agency",
        "Notify ICE of a revoked or lapsed authorization, and the officer",
        48, DeadlineUnit.Hours, TimeSpan.FromHours(12), Role.AgencyCoordinator,
            "MOA (task force, Smith County 2025), section IX: \"Such revocation will require notification to the other party to this MOA within 48 hours\"; applied to every model as Section287 policy (the jail and warrant service texts leave notification to the parties without a time)");

    public static readonly DeadlineRule OfficerCredentialsReturn = new("officer.credentials_return", "Return the officer's ICE credentials",
        10, DeadlineUnit.BusinessDays, TimeSpan.FromDays(3), Role.AgencyCoordinator,
            "MOA (jail, Knox County 2020; warrant service, Franklin County 2025), section IV.D: credentials \"shall be returned to ICE ... when a participating LEA employee ceases his/her participation\"; the 10 business days are Section287 policy");

    public static readonly DeadlineRule EncounterSupervisorContact = DeadlineRule.Keeps(RuleBook.SupervisorContact,
        "Contact an ICE supervisor about the use of authority",
        2, DeadlineUnit.Hours, TimeSpan.FromMinutes(30), Role.DesignatedOfficer);

    public static readonly DeadlineRule EncounterWarrantServiceNotice = DeadlineRule.Keeps(RuleBook.WarrantServiceNotice,
        "Notify the ICE officer that the warrant was served",
        1, DeadlineUnit.Hours, TimeSpan.FromMinutes(20), Role.DesignatedOfficer);

    /// <summary>Due at the end of the day of the arrest.</summary>
    public static readonly DeadlineRule EncounterSameDayToIce = DeadlineRule.Keeps(RuleBook.SameDayTransfer,
        "Take the person arrested (with a warrant or without one) to ICE the same day",
        0, DeadlineUnit.CalendarDays, TimeSpan.FromHours(3), Role.DesignatedOfficer);

    public static readonly DeadlineRule DetainerReview = DeadlineRule.Keeps(RuleBook.ReviewDeadline, "Review a detainer request",
        8, DeadlineUnit.Hours, TimeSpan.FromHours(2), Role.FieldSupervisor);

    public static readonly DeadlineRule DocumentReview = new("document.review", "Sign or return a Notice to Appear or a Form I-213 the officer prepared",
        24, DeadlineUnit.Hours, TimeSpan.FromHours(6), Role.FieldSupervisor,
            "Section287 service level: the MOAs delegate the preparation \"for the signature of an ICE officer\" and set no time");

    public static readonly DeadlineRule DetainerTransmit = DeadlineRule.Keeps(RuleBook.TransmitWithin24h, "Send the issued detainer to ICE",
        24, DeadlineUnit.Hours, TimeSpan.FromHours(4), Role.DesignatedOfficer);

    /// <summary>Due 48 hours after the scheduled release; the warning comes at 36 hours.</summary>
    public static readonly DeadlineRule CustodyHoldLimit = DeadlineRule.Keeps(RuleBook.HoldLimit,
        "Release the person, or transfer them to ICE, before the 48-hour hold ends",
        0, DeadlineUnit.Hours, TimeSpan.FromHours(12), Role.FieldSupervisor);

    /// <summary>Due 48 hours after custody passed to ICE, unless the agency has a reimbursable detention agreement; the warning comes at 36 hours.</summary>
    public static readonly DeadlineRule CustodyAfterTransfer = DeadlineRule.Keeps(RuleBook.AfterTransferLimit,
        "ICE takes the person from the jail, or the agency releases them, within 48 hours of the transfer",
        0, DeadlineUnit.Hours, TimeSpan.FromHours(12), Role.FieldSupervisor);

    public static readonly DeadlineRule CitizenshipReport = DeadlineRule.Keeps(RuleBook.ClaimReport, "Report a claim of U.S. citizenship to an ICE supervisor",
        1, DeadlineUnit.Hours, TimeSpan.FromMinutes(15), Role.DesignatedOfficer);

    public static readonly DeadlineRule CitizenshipResolution = DeadlineRule.Keeps(RuleBook.ClaimResolution, "Resolve a claim of U.S. citizenship",
        24, DeadlineUnit.Hours, TimeSpan.FromHours(6), Role.FieldSupervisor);

    /// <summary>Due 30 days after the quarter ends (or after ICE returned the quarter); opened when the quarter is opened.</summary>
    public static readonly DeadlineRule CostsSubmit = new("costs.submit", "Send the quarter's costs and reimbursement claim to ICE",
        30, DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.AgencyCoordinator,
            "Section287 service level: the reimbursement is quarterly (DHS press release of 2025-09-02) and no source sets a day for the claim; 30 days lets payroll close");

    public static readonly DeadlineRule CostsReview = new("costs.review", "Review a reimbursement claim",
        30, DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.ProgramOffice,
            "Section287 service level: review within 30 days, so that payment can follow within the Prompt Payment Act's 30 days (31 U.S.C. § 3903)");

    public static readonly DeadlineRule CostsPayment = new("costs.payment", "Pay an approved reimbursement claim",
        30, DeadlineUnit.CalendarDays, TimeSpan.FromDays(7), Role.ProgramOffice,
            "Section287 service level after the Prompt Payment Act's 30 days from a proper invoice (31 U.S.C. § 3903(a)(1)), which binds payments to businesses, not to agencies");

    public static readonly IReadOnlyList<DeadlineRule> All =
    [
        ApplicationIntake, ApplicationReview, ApplicationAgencyAnswer, ApplicationDecisionApproval,
        AgreementAgencySignature, AgreementIceSignature, AgreementFirstReview, AgreementYearlyMeeting, AgreementIceReview, AgreementEquipment,
            AgreementLastOfficer, StatisticsDue,
        OfficerBackground, OfficerRefresher, OfficerAuthorizationRenewal, OfficerRevocationNoticeByIce, OfficerRevocationNoticeByAgency,
            OfficerCredentialsReturn,
        EncounterSupervisorContact, EncounterWarrantServiceNotice, EncounterSameDayToIce, DetainerReview, DocumentReview, DetainerTransmit,
            CustodyHoldLimit, CustodyAfterTransfer, CitizenshipReport, CitizenshipResolution,
        .. Complaints.ComplaintRules.Deadlines,
        .. Inspections.InspectionRules.Deadlines,
        Oversight.MeetingRules.ActionDeadline,
        CostsSubmit, CostsReview, CostsPayment,
    ];

    public static DeadlineRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);
}
