using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Officers;

public static class OfficerErrors
{
    public static readonly Error NotFound = Error.NotFound("officer.not_found", "No such officer among those you can see.");

    public static readonly Error NominationNotFound = Error.NotFound("nomination.not_found", "No such nomination among those you can see.");

    public static readonly Error AuthorizationNotFound = Error.NotFound("authorization.not_found", "No such authorization among those you can see.");

    private const string Nominate = $"{RuleBook.JailMoa}, section IV.B: \"The LEA will use due diligence to screen and nominate candidates for ICE training and approval\"; {RuleBook.TaskForceMoa}, section VII: \"The chief officer of the LEA will nominate candidates\"";

    private const string Authorize = $"{RuleBook.WarrantServiceMoa}, section IV.D: \"the ICE Field Office Director (FOD) will provide the participating LEA personnel a signed authorization letter\"; {RuleBook.TaskForceMoa}, section IX: \"with a signed authorization\"";

    public static readonly Rule CoordinatorOnly = new("officer.coordinator_only", "Only the agency's program coordinator keeps its roster.", Nominate,
        RuleKind.Role);

    // PRODUCT.md, Who uses it: ICE vets nominees; the field office director signs authorizations.
    public static readonly Rule IceOnly = new("officer.ice_only", "Only ICE vets nominees and authorizes officers.",
        $"{RuleBook.JailMoa}, section IV.B: \"ICE will conduct a background investigation and make an eligibility determination on each candidate\"; {Authorize}", RuleKind.Role);

    public static readonly Rule FieldOfficeOnly = new("authorization.field_office_only",
        "Only ICE — the field office for its area, or the program office — signs an officer's authorization.", Authorize, RuleKind.Role);

    public static readonly Rule OwnSideOnly = new("authorization.own_side_only",
        "ICE or the agency may revoke or suspend an officer's authorization; no one else may.",
        $"{RuleBook.TaskForceMoa}, section IX: \"may be revoked at any time and for any reason by ICE or the LEA\"; {RuleBook.JailMoa}, section IV.D: \"a letter of revocation signed by the FOD\"", RuleKind.Role);

    public static readonly Error ReasonRequired = Error.Invalid("officer.reason_required", "Give the reason, in writing.",
        new Dictionary<string, string[]> { ["reason"] = ["Give the reason, in writing."] });

    public static readonly Rule AlreadySeparated = new("officer.separated", "The officer has already left the program.",
        Rule.PolicyReason("an officer leaves once; a return is a new nomination, vetted again"), Basis: RuleBasis.Policy);

    public static readonly Rule BadgeTaken = new("officer.badge_taken", "Another officer of the agency has this badge number.",
        Rule.PolicyReason("every use of authority is attributable to one officer"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyNominated = new("officer.already_nominated", "The officer already has an open nomination under this agreement.",
        Rule.PolicyReason("one nomination at a time, so that ICE vets each candidate once"), Basis: RuleBasis.Policy);

    public static readonly Rule NominationEndedRule = new("nomination.ended", "The nomination has ended; nothing more is decided on it.",
        Rule.PolicyReason("the officer's lifecycle (PRODUCT.md, Lifecycles: Officer); a new nomination starts again"), Basis: RuleBasis.Policy);

    public static Error NominationEnded(string? reason) => NominationEndedRule.RefuseAs($"The nomination has ended ({reason ?? "ended"}).");

    public static readonly Rule BackgroundCannotMoveRule = new("background.transition_not_allowed",
        "A background investigation moves from pending to favorable or unfavorable, and a favorable one may later turn unfavorable.",
        Rule.PolicyReason("the officer's lifecycle (PRODUCT.md, Lifecycles: Officer)"), Basis: RuleBasis.Policy);

    public static Error BackgroundCannotMove(BackgroundStatus from, BackgroundStatus to) => BackgroundCannotMoveRule.RefuseAs(
        $"A background investigation that is {from.Code().Replace('_', ' ')} cannot become {to.Code().Replace('_', ' ')}.");

    // MOA, nomination: the agency nominates under an agreement in force.
    public static readonly Rule AgreementNotActive = new("officer.agreement_not_active",
        "Officers are nominated and authorized only under an active agreement.",
        $"{RuleBook.JailMoa}, section VIII: \"This MOA becomes effective upon signature of both parties\"; the nomination and authorization are \"under this MOA\"");

    public static readonly Rule NotFavorable = new("authorization.background_not_favorable",
        "ICE's background investigation of this nominee is not favorable.",
        $"{RuleBook.JailMoa}, section IV.B: \"make an eligibility determination on each candidate prior to personnel being authorized\"; {RuleBook.TaskForceMoa}, section VII: \"All candidates must be approved by ICE\"");

    public static readonly Rule NotCertified = new("authorization.not_certified",
        "The officer holds no current certificate for this agreement's model: they must complete training first.",
        $"{RuleBook.JailMoa}, section IV.C: \"Before participating LEA personnel receive authorization ... they must successfully complete\" training; {RuleBook.WarrantServiceMoa}, section IV.D: \"Only those certified LEA personnel who receive authorization letters\"");

    public static readonly Rule AlreadyAuthorized = new("authorization.already_in_force",
        "The officer already holds an authorization in force under this agreement.",
            Rule.PolicyReason("one letter in force per officer and agreement; a renewal follows the end of the last"), Basis: RuleBasis.Policy);

    public static readonly Rule CredentialTaken = new("authorization.credential_taken", "Another authorization carries this credential number.",
        Rule.PolicyReason("ICE's credentials are numbered once (ICE Form 70-006)"), Basis: RuleBasis.Policy);

    public static readonly Rule NotInForce = new("authorization.not_in_force", "The authorization is revoked or has expired.",
        Rule.PolicyReason("only a letter in force is suspended, revoked or renewed"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadySuspended = new("authorization.already_suspended", "The authorization is already suspended.",
        Rule.PolicyReason("one suspension at a time"), Basis: RuleBasis.Policy);

    public static readonly Rule NotSuspended = new("authorization.not_suspended", "The authorization is not suspended.",
        Rule.PolicyReason("only a suspension is lifted"), Basis: RuleBasis.Policy);

    public static readonly Rule RowsInvalid = new("roster.rows_invalid", "A roster file is imported whole or not at all: every row must pass.",
        Rule.PolicyReason("nothing is half-imported (the house standard: bad input never half-writes data)"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyLinked = new("officer.account_linked_already",
        "The officer's record is linked to an account already: unlink it first to invite the officer under another address.",
        Rule.PolicyReason("one officer record, one account: the encounters an officer records are theirs alone"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule AccountTaken = new("officer.account_taken", "That account is already linked to another officer.",
        Rule.PolicyReason("each use of authority is attributable to one officer"), Basis: RuleBasis.Policy);

    public static readonly Rule CredentialsAlreadyReturned = new("authorization.credentials_already_returned",
        "The credentials were already recorded as returned.",
        Rule.PolicyReason("credentials come back once"), Basis: RuleBasis.Policy);

    public static readonly Rule NoNoticeDue = new("officer.no_notice_due", "No notice of a revocation is waiting on your side for this officer.",
        Rule.PolicyReason("a notice answers a revocation the other side made"), Basis: RuleBasis.Policy);
}
