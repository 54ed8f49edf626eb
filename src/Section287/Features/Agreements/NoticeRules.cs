using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Agreements;

/// <summary>
/// How each model's agreement is suspended and terminated (section VIII of the jail and warrant service texts, XVIII of the task
/// force text); the rule book quotes each term.
/// </summary>
public sealed record NoticeRules(
    AgreementModel Model,
    int SuspensionNoticeDays,
    int IceTerminationNoticeDays,
    int AgencyNoticeDays,
    bool IceTerminatesFromSuspensionOnly,
    bool SuspensionNeedsContent,
    bool TerminationNeedsContent,
    bool DeliveryRecorded,
    string Source)
{
    /// <summary>How ICE's notice of a warrant service agreement's suspension or termination may be delivered (section VIII).</summary>
    public static readonly IReadOnlyList<string> Deliveries = ["personal", "certified_mail", "registered_mail"];

    public static NoticeRules Of(AgreementModel model) => model switch
    {
        AgreementModel.WarrantService => new(model, 90, 90, 90, false, false, false, true,
            $"{RuleBook.WarrantServiceMoa}, section VIII: \"upon 90-day written notice to the other party ... shall be delivered personally or by certified or registered mail ... shall take effect 90-days after receipt of such notice, unless exigent circumstances involving public safety dictate otherwise\""),
        _ => new(model, 0, 90, 0, true, true, true, false,
            $"{(model == AgreementModel.Jail ? $"{RuleBook.JailMoa}, section VIII" : $"{RuleBook.TaskForceMoa}, section XVIII")}: \"the ICE Director may, upon recommendation of the Executive Associate Director for Enforcement and Removal Operations, elect to immediately suspend\"; \"If ICE decides to move from suspension to termination, ICE will provide the LEA a 90-day notice\"; \"Termination by the LEA shall be provided, in writing, to the local Field Office\""),
    };
}

/// <summary>The rules of suspending and terminating an agreement, in <c>docs/RULES.md</c> with the encounter rules.</summary>
public static class AgreementRules
{
    private const string JailOrTaskForce = $"{RuleBook.JailMoa}, section VIII, and {RuleBook.TaskForceMoa}, section XVIII";

    public static readonly Rule NoticeTooShort = new("agreement.notice_too_short",
        "A notice gives the time its model requires: 90 days for ICE's termination under every model, and for any suspension or termination of a warrant service agreement, from either side, counted from the notice's receipt.",
        $"{JailOrTaskForce}: \"ICE will provide the LEA a 90-day notice in advance of the partnership being terminated\"; {RuleBook.WarrantServiceMoa}, section VIII: \"shall take effect 90-days after receipt of such notice\"");

    public static readonly Rule SuspensionContent = new("agreement.suspension_content_required",
        "ICE's notice of suspension of a jail or task force agreement states the reasons, the length of the suspension, and how the agency can give ICE information and its corrective measures; it names the ICE Director who decided and the Executive Associate Director who recommended it.",
        $"{JailOrTaskForce}: \"the notice will include, at a minimum, (1) an overview of the reason(s) ... (2) the length of the temporary suspension, and (3) how the LEA can provide ICE with information\"; \"the ICE Director may, upon recommendation of the Executive Associate Director\"");

    public static readonly Rule TerminationContent = new("agreement.termination_content_required",
        "ICE's notice of termination of a jail or task force agreement carries the reasons, all available data on the total number of aliens identified under the agreement, and examples; and ICE's decision is published on its website 90 days before the termination.",
        $"{JailOrTaskForce}: \"The notice will include, at a minimum: (1) An overview of the reason(s) ... (2) All available data on the total number of aliens identified ... (3) Examples of egregious criminal aliens identified\"; \"published on ICE's website 90 days in advance\"");

    public static readonly Rule TerminationFromSuspension = new("agreement.termination_from_suspension",
        "ICE terminates a jail or task force agreement only by moving from a suspension to termination: the agreement is suspended first, and the agency has its opportunity to respond.",
        $"{JailOrTaskForce}: \"If ICE decides to move from suspension to termination\"; \"ICE shall provide the LEA with a reasonable opportunity to respond\"");

    public static readonly Rule NoticeDelivery = new("agreement.notice_delivery_required",
        "ICE's notice of suspension or termination of a warrant service agreement is delivered personally or by certified or registered mail, and its day of receipt is recorded: the 90 days run from it. Effect sooner needs the exigent public-safety circumstances, stated.",
        $"{RuleBook.WarrantServiceMoa}, section VIII: \"shall be delivered personally or by certified or registered mail\"; \"unless exigent circumstances involving public safety dictate otherwise\"");

    public static IReadOnlyList<Rule> All { get; } = [NoticeTooShort, SuspensionContent, TerminationContent, TerminationFromSuspension,
        NoticeDelivery, ReviewTimers.NotInModel];
}
