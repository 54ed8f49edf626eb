using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Agreements;

public static class AgreementErrors
{
    private const string Lifecycle = "the agreement's lifecycle (PRODUCT.md, Lifecycles: Agreement): drafted → pending signature → active ↔ suspended → terminated or expired";

    public static readonly Rule NotActive = new("agreement.not_active", "Only an active agreement can be suspended or expire.",
        $"{RuleBook.JailMoa}, section VIII, {RuleBook.TaskForceMoa}, section XVIII, {RuleBook.WarrantServiceMoa}, section VIII: the MOA \"may be suspended\" while it is in effect");

    public static readonly Rule NotSuspended = new("agreement.not_suspended", "Only a suspended agreement can be reinstated.",
        Rule.PolicyReason(Lifecycle), Basis: RuleBasis.Policy);

    public static readonly Rule TransitionNotAllowed = new("agreement.transition_not_allowed", "The agreement's status cannot change that way.",
        Rule.PolicyReason(Lifecycle), Basis: RuleBasis.Policy);

    public static Error CannotMove(AgreementStatus from, AgreementStatus to) => (to switch
        {
            AgreementStatus.Suspended or AgreementStatus.Expired => NotActive,
            AgreementStatus.Active => NotSuspended,
            _ => TransitionNotAllowed,
        }).RefuseAs($"An agreement that is {from.Code().Replace('_', ' ')} cannot become {to.Code().Replace('_', ' ')}.");

    public static readonly Error NotFound = Error.NotFound("agreement.not_found", "No such agreement among those you can see.");

    // MOA: suspension and termination by ICE are decisions of ICE's program office.
    public static readonly Rule IceOnly = new("agreement.ice_only",
        "Only ICE's program office can suspend, reinstate or terminate an agreement; an agency can only give notice to end its own.",
        $"{RuleBook.JailMoa}, section VIII: \"the ICE Director may, upon recommendation of the Executive Associate Director for Enforcement and Removal Operations, elect to immediately suspend\"; {RuleBook.TaskForceMoa}, section XVIII; {RuleBook.WarrantServiceMoa}, section VIII: \"either party\" may terminate on notice", RuleKind.Role);

    public static readonly Error ReasonRequired = Error.Invalid("agreement.reason_required", "Give the reasons, in writing.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reasons, in writing."] });

    public static Error NoticeTooShort(DateOnly earliest) =>
        AgreementRules.NoticeTooShort.Refuse($"This one can take effect on {earliest:yyyy-MM-dd} at the earliest.") with { Fields = new Dictionary<string, string[]> { ["effectiveOn"] = [$"On or after {earliest:yyyy-MM-dd}."] } };

    public static readonly Rule SuspensionNoticed = new("agreement.suspension_already_noticed",
        "A suspension of this agreement was already noticed; it takes effect on its date.",
        Rule.PolicyReason("one notice of suspension at a time, so that its 90 days are counted once"), Basis: RuleBasis.Policy);

    public static Error SuspensionAlreadyNoticed(DateOnly effective) => SuspensionNoticed.RefuseAs($"A suspension of this agreement was already noticed; it takes effect on {effective:yyyy-MM-dd}.");

    public static readonly Error SideInvalid = Error.Invalid("agreement.side_invalid", "Say who gives notice: ice or agency.",
        new Dictionary<string, string[]> { ["by"] = ["Say who gives notice: ice or agency."] });

    public static Error ExtensionNotLater(DateOnly? current) => Error.Invalid("agreement.extension_invalid",
        current is { } c ? $"An extension ends after the suspension's current end, {c:yyyy-MM-dd}." : "An extension gives a new end after today.",
        new Dictionary<string, string[]> { ["until"] = ["Give the new end of the suspension, later than the current one."] });

    public static readonly Rule EffectiveInThePast = new("agreement.effective_in_past", "A termination cannot take effect before the notice is given.",
        $"{RuleBook.JailMoa}, section VIII: \"a 90-day notice in advance of the partnership being terminated\": notice comes before its effect");

    public static readonly Rule NoticeAlreadyGiven = new("agreement.notice_already_given", "Notice of termination was already given for this agreement.",
        Rule.PolicyReason("one notice of termination per agreement; a later notice would move the date the public was told"), Basis: RuleBasis.Policy);

    public static readonly Error SuspensionEndsBeforeItStarts = Error.Invalid("agreement.suspension_dates", "A suspension cannot end before it starts.",
        new Dictionary<string, string[]> { ["until"] = ["Give a date after today, or none."] });

    public static readonly Rule NotDraftRule = new("agreement.not_draft",
        "Only a draft agreement's text can be edited; a signed agreement changes by amendment.",
        $"{RuleBook.JailMoa}, section VI: \"Modifications to this MOA, including the Appendices, must be proposed in writing and approved\"; {RuleBook.TaskForceMoa}, section XVII; {RuleBook.WarrantServiceMoa}, section VI: \"approved and signed by both parties\"");

    public static Error NotDraft(AgreementStatus status) => NotDraftRule.RefuseAs(
        $"Only a draft agreement's text can be edited; this one is {status.Code().Replace('_', ' ')}. Change a signed agreement by amendment.");

    public static readonly Rule NotInForceRule = new("agreement.not_in_force", "Only an active or suspended agreement can be amended or reviewed.",
        Rule.PolicyReason(Lifecycle), Basis: RuleBasis.Policy);

    public static Error NotInForce(AgreementStatus status) => NotInForceRule.RefuseAs(
        $"Only an active or suspended agreement can be amended or reviewed; this one is {status.Code().Replace('_', ' ')}.");

    public static readonly Rule NotPendingSignature = new("agreement.not_pending_signature", "No version of this agreement is waiting for signatures.",
        Rule.PolicyReason(Lifecycle), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadySignedRule = new("agreement.already_signed", "Each party signs a version once.",
        $"{RuleBook.JailMoa}, section VIII: \"This MOA becomes effective upon signature of both parties\"");

    public static Error AlreadySigned(bool forIce) => AlreadySignedRule.RefuseAs(forIce ? "ICE has already signed this version." : "The agency has already signed this version.");

    public static readonly Error SignatoryRequired = Error.Invalid("agreement.signatory_required", "Give the signatory's name and title.",
        new Dictionary<string, string[]> { ["signatoryName"] = ["Give the name of the person who signs."], ["signatoryTitle"] = ["Give their title."] });

    public static readonly Rule AmendmentPending = new("agreement.amendment_pending",
        "An amendment of this agreement is already waiting for signatures; sign or withdraw it first.",
        Rule.PolicyReason("one amendment at a time, so that each version says exactly what changed"), Basis: RuleBasis.Policy);

    public static readonly Error AmendmentSummaryRequired = Error.Invalid("agreement.amendment_summary_required", "Say what the amendment is for.",
        new Dictionary<string, string[]> { ["summary"] = ["Say what the amendment is for (up to 500 characters)."] });

    public static readonly Error AmendmentEmpty = Error.Invalid("agreement.amendment_empty", "The amendment changes no section.",
        new Dictionary<string, string[]> { ["sections"] = ["Change the text of at least one section."] });

    public static Error UnknownSection(string key) => Error.Invalid("agreement.unknown_section", $"An agreement has no section \"{key}\".",
        new Dictionary<string, string[]> { ["section"] = ["Choose a section of the agreement."] });

    public static readonly Error SectionTextInvalid = Error.Invalid("agreement.section_text_invalid", "A section needs text, up to 8,000 characters.",
        new Dictionary<string, string[]> { ["text"] = ["Write the section's text (up to 8,000 characters)."] });

    public static readonly Error MilestoneInFuture = Error.Invalid("agreement.milestone_in_future",
        "A review or installation is recorded once it has happened.",
        new Dictionary<string, string[]> { ["heldOn"] = ["Give a date no later than today."] });

    public static readonly Error MilestoneSummaryRequired = Error.Invalid("agreement.milestone_summary_required", "Summarise what happened.",
        new Dictionary<string, string[]> { ["summary"] = ["Summarise what happened (up to 4,000 characters)."] });

    public static readonly Rule SignForOwnSideOnly = new("agreement.sign_own_side",
        "The agency's coordinator records the agency's signature; ICE's program office signs for ICE.",
        $"{RuleBook.JailMoa}, {RuleBook.TaskForceMoa} and {RuleBook.WarrantServiceMoa}, signature page: \"For the LEA\" and \"For ICE\"", RuleKind.Role);

    public static readonly Rule CategoriesNotInModelRule = new("agreement.categories_not_in_model",
        "Only task force agreements carry categories set by ICE supervisors.",
        $"{RuleBook.TaskForceMoa}, section V: \"for aliens in categories established by ICE supervisors\"; the jail and warrant service texts set no categories");

    public static Error CategoriesNotInModel(AgreementModel model) => CategoriesNotInModelRule.RefuseAs(
        $"Only task force agreements carry categories set by ICE supervisors (MOA, task force 2025, section V); the {model.IceName()} has none.");

    public static readonly Error UnknownPolicy = Error.NotFound("agreement.policy_not_found", "No such policy.");

    public static readonly Rule PolicyNotForModelRule = new("agreement.policy_not_for_model",
        "A policy is switched only on an agreement of a model it applies to.",
        Rule.PolicyReason("each policy names the models it narrows"), Basis: RuleBasis.Policy);

    public static Error PolicyNotForModel(ProductPolicy policy, AgreementModel model) => PolicyNotForModelRule.RefuseAs(
        $"The policy \"{policy.Title}\" does not apply to the {model.IceName()}.");

    public static readonly Error PolicyReasonRequired = Error.Invalid("agreement.policy_reason_required",
        "Give the reason for switching the policy off; it is published.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reason for switching the policy off; it is published on the agency's public page."] });

    public static readonly Rule TermsIceOnly = new("agreement.terms_ice_only",
        "Only an ICE supervisor for the agency's area, or the program office, sets the categories of a task force agreement; only the program office switches a policy.",
        $"{RuleBook.TaskForceMoa}, section V: \"categories established by ICE supervisors\"; a policy is the program office's (PRODUCT.md, Who uses it)", RuleKind.Role);
}
