using Section287.Common;

namespace Section287.Features.Evidence;

/// <summary>Who imports stop data and who reads the disparity tests. The agreements do not address analysis; these are policies.</summary>
public static class EvidenceRules
{
    public static readonly Rule WhoImports = new("evidence.who_imports",
        "Stop data is imported by ICE's program office, or by an agency's coordinator for the agency's own stops; reference data (another department's published stops) by the program office only. Oversight reads every dataset but, read-only everywhere, imports none.",
        Rule.PolicyReason("stop data is evidence about how authority is used; an agency may supply its own, but only the office accountable for the program adds reference data, and officers — whose stops are analysed — import none"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule WhoReads = new("evidence.who_reads",
        "Disparity tests are read by ICE's program office, field supervisors for their area, oversight, and an agency's coordinator for the agency; designated officers do not read them.",
        Rule.PolicyReason("the tests examine officers' own stops; an officer reading them could adjust how stops are recorded rather than how they are made, and per-officer figures name no one outside those accountable"),
        RuleKind.Role, RuleBasis.Policy);
}
