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

    public static readonly Error PasswordMismatch = Error.Invalid("auth.password_mismatch", "Your current password is not right.",
        new Dictionary<string, string[]> { ["currentPassword"] = ["Enter your current password."] });
}
