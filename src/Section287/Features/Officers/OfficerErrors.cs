using Section287.Common;

namespace Section287.Features.Officers;

public static class OfficerErrors
{
    public static readonly Error NotFound = Error.NotFound("officer.not_found", "No such officer among those you can see.");

    public static readonly Error NominationNotFound = Error.NotFound("nomination.not_found", "No such nomination among those you can see.");

    public static readonly Error AuthorizationNotFound = Error.NotFound("authorization.not_found", "No such authorization among those you can see.");

    public static readonly Error CoordinatorOnly = Error.Forbidden("officer.coordinator_only", "Only the agency's program coordinator keeps its roster.");

    // PRODUCT.md, Who uses it: ICE vets nominees; the field office director signs authorizations.
    public static readonly Error IceOnly = Error.Forbidden("officer.ice_only", "Only ICE vets nominees and authorizes officers.");

    public static readonly Error FieldOfficeOnly = Error.Forbidden("authorization.field_office_only",
        "Only ICE — the field office for its area, or the program office — signs an officer's authorization.");

    public static readonly Error OwnSideOnly = Error.Forbidden("authorization.own_side_only",
        "ICE or the agency may revoke or suspend an officer's authorization; no one else may.");

    public static readonly Error ReasonRequired = Error.Invalid("officer.reason_required", "Give the reason, in writing.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reason, in writing."] });

    public static readonly Error AlreadySeparated = Error.Rule("officer.separated", "The officer has already left the program.");

    public static readonly Error BadgeTaken = Error.Rule("officer.badge_taken", "Another officer of the agency has this badge number.");

    public static readonly Error AlreadyNominated = Error.Rule("officer.already_nominated", "The officer already has an open nomination under this agreement.");

    public static Error NominationEnded(string? reason) => Error.Rule("nomination.ended", $"The nomination has ended ({reason ?? "ended"}).");

    public static Error BackgroundCannotMove(BackgroundStatus from, BackgroundStatus to) => Error.Rule("background.transition_not_allowed",
        $"A background investigation that is {from.Code().Replace('_', ' ')} cannot become {to.Code().Replace('_', ' ')}.");

    // MOA, nomination: the agency nominates under an agreement in force.
    public static readonly Error AgreementNotActive = Error.Rule("officer.agreement_not_active",
        "Officers are nominated and authorized only under an active agreement.");

    public static readonly Error NotFavorable = Error.Rule("authorization.background_not_favorable",
        "ICE's background investigation of this nominee is not favorable.");

    public static readonly Error NotCertified = Error.Rule("authorization.not_certified",
        "The officer holds no current certificate for this agreement's model: they must complete training first.");

    public static readonly Error AlreadyAuthorized = Error.Rule("authorization.already_in_force",
        "The officer already holds an authorization in force under this agreement.");

    public static readonly Error CredentialTaken = Error.Rule("authorization.credential_taken", "Another authorization carries this credential number.");

    public static readonly Error NotInForce = Error.Rule("authorization.not_in_force", "The authorization is revoked or has expired.");

    public static readonly Error AlreadySuspended = Error.Rule("authorization.already_suspended", "The authorization is already suspended.");

    public static readonly Error NotSuspended = Error.Rule("authorization.not_suspended", "The authorization is not suspended.");

    public static readonly Error AllegationNotOpen = Error.Rule("allegation.not_open", "The allegation is already resolved.");

    public static readonly Error AllegationNotFound = Error.NotFound("allegation.not_found", "No such allegation among those you can see.");
}
