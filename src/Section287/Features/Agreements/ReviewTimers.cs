using Section287.Common;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;

namespace Section287.Features.Agreements;

/// <summary>One thing recorded about an active agreement that meets a timer (and may start the next).</summary>
public sealed record Milestone(string Code, AgreementChangeKind Kind, DeadlineRule? Meets, DeadlineRule? Next, DeadlineRule? Restarts = null);

/// <summary>
/// The reviews, meetings and installations each model's text waits for; the rule book gives each one's source, and which are our
/// policy.
/// </summary>
public static class ReviewTimers
{
    public static readonly Milestone OperationsStarted = new("operations_started", AgreementChangeKind.OperationsStarted, null, null,
        DeadlineRules.AgreementFirstReview);

    public static readonly Milestone FirstReview = new("first_review", AgreementChangeKind.FirstReviewHeld, DeadlineRules.AgreementFirstReview,
        DeadlineRules.AgreementYearlyMeeting);

    public static readonly Milestone YearlyMeeting = new("yearly_meeting", AgreementChangeKind.MeetingHeld, DeadlineRules.AgreementYearlyMeeting,
        DeadlineRules.AgreementYearlyMeeting);

    public static readonly Milestone IceReview = new("ice_review", AgreementChangeKind.IceReviewHeld, DeadlineRules.AgreementIceReview,
        DeadlineRules.AgreementIceReview);

    public static readonly Milestone EquipmentInstalled = new("equipment_installed", AgreementChangeKind.EquipmentInstalled,
        DeadlineRules.AgreementEquipment, null);

    public static readonly IReadOnlyList<Milestone> All = [OperationsStarted, FirstReview, YearlyMeeting, IceReview, EquipmentInstalled];

    /// <summary>The milestones a model's agreement records, in the order they usually come.</summary>
    public static IReadOnlyList<Milestone> Of(AgreementModel model) => model switch
    {
        AgreementModel.Jail => [OperationsStarted, FirstReview, YearlyMeeting, IceReview, EquipmentInstalled],
        AgreementModel.WarrantService => [OperationsStarted, FirstReview, YearlyMeeting],
        AgreementModel.TaskForce => [EquipmentInstalled],
    };

    /// <summary>The timers that start when the agreement becomes active.</summary>
    public static IReadOnlyList<DeadlineRule> OnActivation(AgreementModel model) => model switch
    {
        AgreementModel.Jail => [DeadlineRules.AgreementFirstReview, DeadlineRules.AgreementIceReview, DeadlineRules.AgreementEquipment],
        AgreementModel.WarrantService => [DeadlineRules.AgreementFirstReview],
        AgreementModel.TaskForce => [DeadlineRules.AgreementEquipment],
    };

    public static readonly Rule NotInModel = new("agreement.milestone_not_in_model",
        "A review, meeting or installation is recorded only where the agreement's model provides for it: the first review and yearly meetings under the jail and warrant service models, ICE's three-year review under the jail model, ICE's equipment under the jail and task force models.",
        $"{RuleBook.JailMoa} and {RuleBook.WarrantServiceMoa}, section V.B: \"make every effort to meet at least annually\"; \"An initial review meeting ... within approximately 12 months of the MOA's operational date\" ({RuleBook.TaskForceMoa} has no such section); {RuleBook.JailMoa}, section IV.E and {RuleBook.TaskForceMoa}, section X: \"ICE is responsible for the installation and maintenance of the Information Technology (IT) infrastructure\"");
}
