using Section287.Common;

namespace Section287.Features.Accounts;

public static class AccountErrors
{
    public static readonly Error CredentialsMissing = Error.Invalid("auth.credentials_missing", "Enter your e-mail address and password.",
        new Dictionary<string, string[]> { ["email"] = ["Required."], ["password"] = ["Required."] });

    public static readonly Error SignInFailed = Error.Invalid("auth.sign_in_failed", "The e-mail address, password or code is not right.");

    public static readonly Error TwoFactorRequired = Error.Invalid("auth.two_factor_required", "Enter the six-digit code from your authenticator app.");

    public static readonly Error EnrollmentRequired = Error.Forbidden("auth.two_factor_enrollment_required",
        "Your role needs two-factor sign-in. Sign in on the web once to set up your authenticator app.");

    public static readonly Error LockedOut = Error.Forbidden("auth.locked_out", "Too many failed attempts: this account is locked for 15 minutes.");

    public static readonly Error PasswordTooShort = Error.Invalid("auth.password_too_short", "A password needs at least 12 characters.");

    public static Error RoleScope(string message) => Error.Invalid("user.scope_invalid", message);
}
