using Section287.Common;

namespace Section287.Features.Accounts;

public static class AccountErrors
{
    public static readonly Error CredentialsMissing = Error.Invalid("auth.credentials_missing", "Enter your e-mail address and password.",
        new Dictionary<string, string[]> { ["email"] = ["Required."], ["password"] = ["Required."] });

    public static readonly Error SignInFailed = Error.Invalid("auth.sign_in_failed", "The e-mail address, password or code is not right.");

    public static readonly Error TwoFactorRequired = Error.Invalid("auth.two_factor_required", "Enter the six-digit code from your authenticator app.");

    public static readonly Rule EnrollmentRequired = new("auth.two_factor_enrollment_required",
        "Your role needs two-factor sign-in. Open the one-time set-up link you were sent (ask the program office, or your agency's coordinator, for one) and sign in on the web to link your authenticator app.",
        "DHS 4300A Sensitive Systems Policy (multifactor authentication for privileged access), named by each MOA's Interconnection Security Agreement; Section287 asks it of every role, officers and coordinators included, because they read person data (issue 14)", RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule SetUpLinkRequired = new("auth.two_factor_link_required",
        "A second factor is linked only through a one-time set-up link, not with the password alone: ask the program office, or your agency's coordinator, for one.",
        Rule.PolicyReason("whoever learns a password must not be able to link their own authenticator to the account (NIST SP 800-63B, "
            + "section 6.1: binding an authenticator needs more than the one factor already held)"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule LinkForDisabled = new("account.link_disabled",
        "The account is disabled: enable it before sending it a set-up link.",
        Rule.PolicyReason("a link must never reopen an account someone closed with a recorded reason"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule LockedOut = new("auth.locked_out", "Too many failed attempts: this account is locked for 15 minutes.",
        Rule.PolicyReason("NIST SP 800-63B, section 5.2.2: limit failed attempts"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Error PasswordTooShort = Error.Invalid("auth.password_too_short", "A password needs at least 12 characters.");

    public static Error RoleScope(string message) => Error.Invalid("user.scope_invalid", message);

    public static readonly Error AccountNotFound = Error.NotFound("account.not_found", "No account with this id is in your scope.");

    public static readonly Rule ManageRole = new("account.manage_role",
        "Only the program office manages accounts, and an agency's coordinator the accounts of the agency's coordinators and officers.",
        Rule.PolicyReason("DHS 4300A (account management) leaves who administers accounts to the system; ICE's program office owns the "
            + "program, and each agency answers for its own people (MOA, section on LEA personnel)"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule NotYourself = new("account.not_yourself",
        "You cannot disable, end the sessions of, or send a set-up link to your own account: another administrator does it.",
        Rule.PolicyReason("a second person on every revocation, and never an office left with nobody able to act"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule AlreadyDisabled = new("account.already_disabled", "The account is already disabled.",
        Rule.PolicyReason("the reason it was disabled stays on the record until someone enables it"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule NotDisabled = new("account.not_disabled", "The account is not disabled.",
        Rule.PolicyReason("enabling is an answer to a recorded disabling"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Error ReasonRequired = Error.Invalid("account.reason_required", "Say why the account is disabled; the reason is audited.",
        new Dictionary<string, string[]> { ["reason"] = ["Say why (up to 500 characters)."] });

    public static readonly Rule RoleBeyondYours = new("account.role_beyond_yours",
        "An agency's coordinator invites and re-roles only the agency's own coordinators and designated officers; ICE, oversight and release roles, and the accounts of other agencies, are the program office's.",
        Rule.PolicyReason("each agency answers for its own people (MOA, section on LEA personnel) and ICE for its own and for oversight; an agency "
            + "that could give an ICE role would widen its own scope"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule PasswordLinkInvalid = new("account.password_link_invalid",
        "This link does not work: it was used, replaced by a newer one, expired after three days, or its account was disabled. Ask whoever sent it for a new one.",
        Rule.PolicyReason("a one-time link left in a mailbox is a risk: it works once, for three days, and only the latest one works"),
        RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Rule LinkedToOfficer = new("account.linked_to_officer",
        "This account is linked to an officer record: unlink it on the officer's page before giving the account another role.",
        Rule.PolicyReason("an officer's encounters are recorded under the account linked to the officer record; a role changed under it would "
            + "leave the record pointing at an account that no longer acts as the officer"), RuleKind.Refusal, RuleBasis.Policy);

    public static readonly Error EmailTaken = Error.Conflict("account.email_taken", "An account with this e-mail address exists already.");

    public static readonly Error PasswordMismatch = Error.Invalid("auth.password_mismatch", "Your current password is not right.",
        new Dictionary<string, string[]> { ["currentPassword"] = ["Enter your current password."] });
}
