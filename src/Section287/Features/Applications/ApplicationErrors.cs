using Section287.Common;
using Section287.Features.Agreements;

namespace Section287.Features.Applications;

public static class ApplicationErrors
{
    public static Error CannotMove(ApplicationStatus from, ApplicationStatus to) => Error.Rule(
        to switch
        {
            ApplicationStatus.Submitted => "application.not_draft",
            ApplicationStatus.UnderReview => "application.not_submitted",
            ApplicationStatus.InformationRequested => "application.not_under_review",
            ApplicationStatus.Withdrawn => "application.already_decided",
            _ => "application.transition_not_allowed",
        },
        $"An application that is {Words(from)} cannot become {Words(to)}.");

    public static Error NotEditable(ApplicationStatus status) => Error.Rule("application.not_editable",
        $"An application that is {Words(status)} cannot be changed: the agency edits it as a draft, or while ICE waits for its answers.");

    public static Error NotUnderReview(ApplicationStatus status) => Error.Rule("application.not_under_review",
        $"Only an application under review can be checked or decided; this one is {Words(status)}.");

    public static Error NotWaitingForAnswer(ApplicationStatus status) => Error.Rule("application.not_waiting_for_answer",
        $"ICE has no open questions on this application; it is {Words(status)}.");

    public static Error Incomplete(Dictionary<string, string[]> missing) => Error.Rule("application.incomplete",
        "The application is not complete; the answers below are missing.") with { Fields = missing };

    public static Error ModelAlreadyHeld(AgreementModel model) => Error.Rule("application.model_already_held",
        $"The agency already holds an agreement for the {model.IceName()}; one agency holds one agreement per model.");

    // The person who prepared a decision cannot be the one who approves it (issue 3, Review).
    public static readonly Error FourEyes = Error.Rule("application.four_eyes",
        "The person who prepared a decision cannot approve it: another reviewer must.");

    public static readonly Error NoPreparedDecision = Error.Rule("application.no_prepared_decision", "No decision has been prepared for approval.");

    public static Error ChecklistIncomplete(IEnumerable<string> items) => Error.Rule("application.checklist_incomplete",
        $"Answer every item of the review checklist before deciding: {string.Join(", ", items)}.");

    public static Error ChecklistNotSatisfied(IEnumerable<string> items) => Error.Rule("application.checklist_not_satisfied",
        $"An application can be approved only when every checklist item is satisfied; not satisfied: {string.Join(", ", items)}.");

    public static Error CommentPeriodOpen(DateOnly closes) => Error.Rule("application.comment_period_open",
        $"The public comment period runs until {closes:yyyy-MM-dd}; a decision is prepared after it closes, with every comment considered.");

    public static Error UnknownCheck(string item) => Error.Invalid("application.unknown_check", $"The checklist has no item \"{item}\".",
        new Dictionary<string, string[]> { ["item"] = ["Choose an item of this application's checklist."] });

    public static readonly Error NotFound = Error.NotFound("application.not_found", "No such application among those you can see.");

    public static readonly Error AgencyOnly = Error.Forbidden("application.agency_only", "Only the agency's coordinator can apply, change, answer or withdraw an application.");

    public static readonly Error IceOnly = Error.Forbidden("application.ice_only", "Only ICE's program office reviews and decides applications.");

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
