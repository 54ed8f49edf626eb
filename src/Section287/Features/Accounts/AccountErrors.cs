using Section287.Common;

namespace Section287.Features.Accounts;

public static class AccountErrors
{
    public static readonly Error CredentialsMissing = Error.Invalid("auth.credentials_missing", "Enter your e-mail address and password.",
        new Dictionary<string, string[]> { ["email"] = ["Required."], ["password"] = ["Required."] });

    public static readonly Error SignInFailed = Error.Invalid("auth.sign_in_failed", "The e-mail address, password or code is not right.");

    public static readonly Error TwoFactorRequired = Error.Invalid("auth.two_factor_required", "Enter the six-digit code from your authenticator app.");

    public static readonly Rule EnrollmentRequired = new("auth.two_factor_enrollment_required",
        "Your role needs two-factor sign-in. Sign in on the web once to set up your authenticator app.",
        "DHS 4300A Sensitive Systems Policy (multifactor authentication for privileged access), named by each MOA's Interconnection Security Agreement; Section287 asks it of every ICE and coordinator role", RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule LockedOut = new("auth.locked_out", "Too many failed attempts: this account is locked for 15 minutes.",
        Rule.PolicyReason("NIST SP 800-63B, section 5.2.2: limit failed attempts"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Error PasswordTooShort = Error.Invalid("auth.password_too_short", "A password needs at least 12 characters.");

    public static Error RoleScope(string message) => Error.Invalid("user.scope_invalid", message);
}
