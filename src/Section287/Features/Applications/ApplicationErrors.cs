using Section287.Common;
using Section287.Features.Agreements;

namespace Section287.Features.Applications;

public static class ApplicationErrors
{
    private const string Ina287g = "INA § 287(g)(1), 8 U.S.C. § 1357(g)(1)";

    private const string Lifecycle = "the application's lifecycle (PRODUCT.md, Lifecycles: Application): draft → submitted → under review (↔ information requested) → approved, denied or withdrawn";

    private static Rule Step(string code, string sentence) => new(code, sentence, Rule.PolicyReason(Lifecycle), Basis: RuleBasis.Policy);

    public static readonly Rule NotDraft = Step("application.not_draft", "Only a draft application can be submitted.");

    public static readonly Rule NotSubmitted = Step("application.not_submitted", "Only a submitted application can be taken under review.");

    public static readonly Rule NotUnderReviewRule = Step("application.not_under_review",
        "Only an application under review can be checked, questioned or decided.");

    public static readonly Rule AlreadyDecided = Step("application.already_decided", "A decided application cannot be withdrawn.");

    public static readonly Rule TransitionNotAllowed = Step("application.transition_not_allowed", "The application's status cannot change that way.");

    public static Error CannotMove(ApplicationStatus from, ApplicationStatus to) => (to switch
        {
            ApplicationStatus.Submitted => NotDraft,
            ApplicationStatus.UnderReview => NotSubmitted,
            ApplicationStatus.InformationRequested => NotUnderReviewRule,
            ApplicationStatus.Withdrawn => AlreadyDecided,
            _ => TransitionNotAllowed,
        }).RefuseAs($"An application that is {Words(from)} cannot become {Words(to)}.");

    public static readonly Rule NotEditableRule = Step("application.not_editable",
        "The agency edits an application as a draft, or while ICE waits for its answers.");

    public static Error NotEditable(ApplicationStatus status) => NotEditableRule.RefuseAs(
        $"An application that is {Words(status)} cannot be changed: the agency edits it as a draft, or while ICE waits for its answers.");

    public static Error NotUnderReview(ApplicationStatus status) => NotUnderReviewRule.RefuseAs(
        $"Only an application under review can be checked or decided; this one is {Words(status)}.");

    public static readonly Rule NotWaitingForAnswerRule = Step("application.not_waiting_for_answer", "The agency answers only while ICE has open questions.");

    public static Error NotWaitingForAnswer(ApplicationStatus status) => NotWaitingForAnswerRule.RefuseAs(
        $"ICE has no open questions on this application; it is {Words(status)}.");

    public static readonly Rule IncompleteRule = new("application.incomplete", "The application is not complete; the answers below are missing.",
        Rule.PolicyReason("an application carries its readiness assessment, stakeholder engagement and proposal (PRODUCT.md, Lifecycles: Application) before ICE reads it"), Basis: RuleBasis.Policy);

    public static Error Incomplete(Dictionary<string, string[]> missing) => IncompleteRule.Refuse() with { Fields = missing };

    public static readonly Rule ModelAlreadyHeldRule = new("application.model_already_held", "One agency holds one agreement per model.",
        Rule.PolicyReason("an agency's agreement of a model is amended, not duplicated; ICE's lists carry one row per agency and model"),
            Basis: RuleBasis.Policy);

    public static Error ModelAlreadyHeld(AgreementModel model) => ModelAlreadyHeldRule.RefuseAs(
        $"The agency already holds an agreement for the {model.IceName()}; one agency holds one agreement per model.");

    // The person who prepared a decision cannot be the one who approves it (issue 3, Review).
    public static readonly Rule FourEyes = new("application.four_eyes",
        "The person who prepared a decision cannot approve it: another reviewer must.",
        Rule.PolicyReason("four eyes on every decision to delegate federal authority (issue 3, Review)"), Basis: RuleBasis.Policy);

    public static readonly Rule NoPreparedDecision = Step("application.no_prepared_decision", "No decision has been prepared for approval.");

    public static readonly Rule ChecklistIncompleteRule = new("application.checklist_incomplete",
        "Every item of the review checklist is answered before a decision.",
        Rule.PolicyReason("the review reads the readiness assessment item by item"), Basis: RuleBasis.Policy);

    public static Error ChecklistIncomplete(IEnumerable<string> items) => ChecklistIncompleteRule.RefuseAs(
        $"Answer every item of the review checklist before deciding: {string.Join(", ", items)}.");

    public static readonly Rule ChecklistNotSatisfiedRule = new("application.checklist_not_satisfied",
        "An application is approved only when every checklist item is satisfied.",
        Rule.PolicyReason("no authority is delegated to an agency not ready to use it within the agreement (OIG-10-63 found agreements signed without it)"), Basis: RuleBasis.Policy);

    public static Error ChecklistNotSatisfied(IEnumerable<string> items) => ChecklistNotSatisfiedRule.RefuseAs(
        $"An application can be approved only when every checklist item is satisfied; not satisfied: {string.Join(", ", items)}.");

    public static readonly Rule CommentPeriodOpenRule = new("application.comment_period_open",
        "A decision is prepared only after the public comment period closes, with every comment considered.",
        Rule.PolicyReason("stakeholder engagement is part of an application (PRODUCT.md, Lifecycles: Application); the public is heard before ICE decides"), Basis: RuleBasis.Policy);

    public static Error CommentPeriodOpen(DateOnly closes) => CommentPeriodOpenRule.RefuseAs(
        $"The public comment period runs until {closes:yyyy-MM-dd}; a decision is prepared after it closes, with every comment considered.");

    public static Error UnknownCheck(string item) => Error.Invalid("application.unknown_check", $"The checklist has no item \"{item}\".",
        new Dictionary<string, string[]> { ["item"] = ["Choose an item of this application's checklist."] });

    public static readonly Error NotFound = Error.NotFound("application.not_found", "No such application among those you can see.");

    public static readonly Rule AgencyOnly = new("application.agency_only",
        "Only the agency's coordinator can apply, change, answer or withdraw an application.",
        $"{Ina287g}: agreements \"with a State, or any political subdivision of a State\"; PRODUCT.md, Who uses it: the agency program coordinator applies", RuleKind.Role);

    public static readonly Rule IceOnly = new("application.ice_only", "Only ICE's program office reviews and decides applications.",
        $"{Ina287g}: \"the Attorney General may enter into a written agreement\" (delegated to ICE); PRODUCT.md, Who uses it: the program office reviews applications", RuleKind.Role);

    public static readonly Error RationaleRequired = Required("rationale", "application.rationale_required", "Write the rationale for the decision.");

    public static readonly Error QuestionsRequired = Required("questions", "application.questions_required", "Write the questions for the agency.");

    public static readonly Error AnswerRequired = Required("answer", "application.answer_required", "Write the answer to ICE's questions.");

    public static readonly Error ReasonRequired = Required("reason", "application.reason_required", "Give the reason for withdrawing.");

    public static Error TooLong(string field) => Error.Invalid("application.too_long", "The text is too long.",
        new Dictionary<string, string[]> { [field] = [$"Use at most {Application.MaxTextLength:N0} characters."] });

    private static Error Required(string field, string code, string message) =>
        Error.Invalid(code, message, new Dictionary<string, string[]> { [field] = [message] });

    public static string Words(ApplicationStatus status) => status.Code().Replace('_', ' ');
}
