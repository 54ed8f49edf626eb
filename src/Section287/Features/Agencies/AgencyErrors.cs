using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Agencies;

public static class AgencyErrors
{
    /// <summary>Another agency's record is reported as missing, never as forbidden: its existence is not disclosed.</summary>
    public static readonly Error NotFound = Error.NotFound("agency.not_found", "No such agency among those you can see.");

    public static readonly Error ContactNotFound = Error.NotFound("agency.contact_not_found", "This agency has no such point of contact.");

    public static readonly Rule ContactsReadOnly = new("agency.contacts_read_only",
        "Only the agency's coordinator or the ICE program office can change its points of contact.",
        $"{RuleBook.JailMoa}, section VII: \"ICE and the LEA points of contact (POCs) for purposes of this MOA are: For the LEA: ... For DHS: ...\", each party naming its own; PRODUCT.md, Who uses it", RuleKind.Role);

    public static Error ContactInvalid(IReadOnlyDictionary<string, string[]> fields) =>
        Error.Invalid("agency.contact_invalid", "The point of contact is not complete.", fields);

    public static readonly Rule DetentionAgreementIceOnly = new("agency.detention_agreement_ice_only",
        "Only ICE (the program office, or a field supervisor of the agency's area) records an agency's reimbursable detention agreement.",
        $"{RuleBook.JailMoa} and {RuleBook.WarrantServiceMoa}, Appendix A: \"an agreement pursuant to which the LEA will continue to detain, for a reimbursable fee\" is ICE's to make", RuleKind.Role);

    public static readonly Rule TimeZoneProgramOfficeOnly = new("agency.time_zone_program_office_only",
        "Only the ICE program office can change an agency's time zone.",
        Rule.PolicyReason("an agency's zone decides its day-based deadlines, so the office that watches them all sets it"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule CentreProgramOfficeOnly = new("agency.centre_program_office_only",
        "Only the ICE program office can change an agency's centre.",
        Rule.PolicyReason("the centre decides sunset and dusk in every agency's veil-of-darkness test, so the office that compares agencies sets it"),
        RuleKind.Role, RuleBasis.Policy);

    public static Error TimeZoneUnknown(string? id) => Error.Invalid("agency.time_zone_unknown",
        $"'{id}' is not a time zone this system knows; give an IANA name such as America/Chicago.",
        new Dictionary<string, string[]> { ["timeZone"] = ["Choose the agency's time zone."] });
}
