using Section287.Common;

namespace Section287.Features.Agreements;

public static class AgreementErrors
{
    public static Error CannotMove(AgreementStatus from, AgreementStatus to) => Error.Rule(
        to switch
        {
            AgreementStatus.Suspended or AgreementStatus.Expired => "agreement.not_active",
            AgreementStatus.Active => "agreement.not_suspended",
            _ => "agreement.transition_not_allowed",
        },
        $"An agreement that is {from.Code().Replace('_', ' ')} cannot become {to.Code().Replace('_', ' ')}.");

    public static readonly Error NotFound = Error.NotFound("agreement.not_found", "No such agreement among those you can see.");

    // MOA: suspension and termination by ICE are decisions of ICE's program office.
    public static readonly Error IceOnly = Error.Forbidden("agreement.ice_only",
        "Only ICE's program office can suspend, reinstate or terminate an agreement; an agency can only give notice to end its own.");

    public static readonly Error ReasonRequired = Error.Invalid("agreement.reason_required", "Give the reasons, in writing.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reasons, in writing."] });

    // PRODUCT.md, Lifecycles: ICE terminates with 90 days' notice and its reasons.
    public static Error NoticeTooShort(DateOnly earliest) => Error.Rule("agreement.notice_too_short",
        $"ICE must give at least 90 days' notice: the termination can take effect on {earliest:yyyy-MM-dd} at the earliest.");

    public static readonly Error EffectiveInThePast = Error.Rule("agreement.effective_in_past", "A termination cannot take effect before the notice is given.");

    public static readonly Error NoticeAlreadyGiven = Error.Rule("agreement.notice_already_given", "Notice of termination was already given for this agreement.");

    public static readonly Error SuspensionEndsBeforeItStarts = Error.Invalid("agreement.suspension_dates", "A suspension cannot end before it starts.",
        new Dictionary<string, string[]> { ["until"] = ["Give a date after today, or none."] });
}
