using Section287.Common;

namespace Section287.Features.Accounts;

/// <summary>
/// Who may read what beyond their own agency's records (PRODUCT.md, Who uses it; Guardrails: person data "shown only to
/// those who need it"). Each is a role rule: 403 with its code.
/// </summary>
public static class AccessRules
{
    private const string WhoUsesIt = "PRODUCT.md, Who uses it";

    public static readonly Rule PersonDataNotPermitted = new("person_data.not_permitted",
        "Person data is shown only to those who need it: the agency and the ICE staff who work the case, or ICE's vetting staff for a disciplinary history; oversight reads records without the person.",
        Rule.PolicyReason("PRODUCT.md, Guardrails: person data is \"shown only to those who need it, every read of it logged\"; the Privacy Act's need-to-know (5 U.S.C. § 552a(b)(1))"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule RosterNotPermitted = new("roster.not_permitted", "An officer sees their own record, not the agency's roster.",
        Rule.PolicyReason(WhoUsesIt), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule ComplianceIceOnly = new("compliance.ice_only", "The national view is ICE's and oversight's; an agency sees its own roster.",
        Rule.PolicyReason($"{WhoUsesIt}: \"Every agency sees only its own records\""), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule MeasuresNotPermitted = new("measures.not_permitted", "Measures are for the agency, ICE and oversight.",
        Rule.PolicyReason(WhoUsesIt), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule SupervisionIceOnly = new("supervision.ice_only", "The supervision queue is ICE's (and oversight's, to read).",
        $"{Encounters.RuleBook.JailMoa}, Appendix A: \"Participating LEA personnel are only authorized to conduct immigration enforcement functions while under the direction and supervision of ICE\"", RuleKind.Role);

    public static readonly Rule IncidentNotPermitted = new("incident.not_permitted",
        "ICE or the agency's coordinator reads and closes incidents, saying what was done; an officer is told of incidents on their encounters by notification.",
        Rule.PolicyReason(WhoUsesIt), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule WorkProgramOfficeOnly = new("work.program_office_only", "Only ICE's program office and oversight see every overdue item.",
        Rule.PolicyReason($"{WhoUsesIt}: \"Every agency sees only its own records. ICE users see their area (field office) or all (headquarters)\""),
            RuleKind.Role, RuleBasis.Policy);
}
