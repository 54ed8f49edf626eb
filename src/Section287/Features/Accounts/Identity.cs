using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Section287.Common;
using Section287.Data;

namespace Section287.Features.Accounts;

/// <summary>ASP.NET Core Identity: cookies with antiforgery for pages, bearer tokens for the API, TOTP as second factor.</summary>
public static class Identity
{
    public const string AgencyClaim = "section287:agency";
    public const string AorClaim = "section287:aor";
    public const string Smart = "cookie-or-bearer";

    public const string StaffPolicy = "staff";
    public const string ProgramOfficePolicy = "program-office";
    public const string OversightPolicy = "oversight";

    public static void AddTo(IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            // The API takes bearer tokens only, so a page's cookie can never carry a cross-site API call.
            // The API description and health details are read by machines (a token) and by people signed in on the site (their cookie).
            .AddPolicyScheme(Smart, "Cookie for pages, bearer token for the API", o => o.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api")
                || ((context.Request.Path.StartsWithSegments("/openapi") || context.Request.Path.StartsWithSegments("/health"))
                    && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/sign-in";
                o.LogoutPath = "/account/sign-out";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "section287";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 401);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, ctx.RedirectUri, 403);
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddPasswordValidator<CommonPasswords>()
            .AddSignInManager<AppSignInManager>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            // Replaces Identity's authenticator provider under the same name: a code is accepted once (issue 14, item 7).
            .AddTokenProvider<OnceOnlyAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<ScopedClaimsFactory>();

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(ProgramOfficePolicy, p => p.RequireRole(Roles.ProgramOffice).AddRequirements(new SecondFactorRequirement()))
            .AddPolicy(OversightPolicy, p => p.RequireRole(Roles.Oversight, Roles.ProgramOffice).AddRequirements(new SecondFactorRequirement()));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SecondFactorHandler>();
        services.AddSingleton(new TwoFactorPolicy(!environment.IsDevelopment()));
    }

    private static Task ApiAware(HttpContext context, string redirect, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirect);
        return Task.CompletedTask;
    }

    public static void MapApi(RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken).WithTags("Accounts").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn);
        api.MapPost("/auth/refresh", Refresh).WithTags("Accounts").AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimits.SignIn);
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            id = user.FindFirstValue(ClaimTypes.NameIdentifier),
            email = user.FindFirstValue(ClaimTypes.Email),
            role = user.FindFirstValue(ClaimTypes.Role),
            agencyId = user.FindFirstValue(AgencyClaim),
            aor = user.FindFirstValue(AorClaim),
        })).WithTags("Accounts").RequireAuthorization(StaffPolicy);
    }

    /// <summary>The signed-in user's role; the authorization policies have already required one.</summary>
    public static Role RoleOf(ClaimsPrincipal user) =>
        Roles.FromCode(user.FindFirstValue("section287:role")) ?? throw new InvalidOperationException("A signed-in user without a role.");

    public sealed record TokenRequest(string? Email, string? Password, string? TwoFactorCode);

    public sealed record RefreshRequest(string? RefreshToken);

    /// <summary>
    /// A new access token (and refresh token) for the refresh token the sign-in gave, without the password or a new code: an
    /// authenticator code is accepted once, so a client keeps its session this way. Refused (401 <c>auth.refresh_invalid</c>) once the
    /// refresh token has expired (14 days) or the account's security stamp changed: a new password, ended sessions, a disabled account
    /// or a replaced second factor end refresh tokens as they end access tokens; a locked account renews nothing while locked.
    /// </summary>
    private static async Task<IResult> Refresh(RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<AppUser> signIn, TimeProvider clock)
    {
        var ticket = string.IsNullOrWhiteSpace(request.RefreshToken) ? null
            : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || !await signIn.CanSignInAsync(user)
            || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.Problem(title: "The session has ended: sign in again.", statusCode: StatusCodes.Status401Unauthorized,
                type: "https://section287.example/problems/auth.refresh_invalid",
                extensions: new Dictionary<string, object?> { ["code"] = "auth.refresh_invalid" });
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        // The second factor given at sign-in still stands for this session.
        if (ticket.Principal.HasClaim("amr", "mfa") && principal.Identity is ClaimsIdentity identity) identity.AddClaim(new Claim("amr", "mfa"));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Exchanges e-mail, password and (where required) a TOTP code for a bearer token.</summary>
    private static async Task<IResult> IssueToken(TokenRequest request, SignInManager<AppUser> signIn, TwoFactorPolicy policy, SignInAttempts attempts,
        AppDbContext db, UnknownAccounts unknown)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrWhiteSpace(request.Password))
        {
            return AccountErrors.CredentialsMissing.ToProblem();
        }
        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        if (user is null) return (unknown.Fail(request.Email, request.Password) ? AccountErrors.LockedOut.Refuse() : AccountErrors.SignInFailed).ToProblem();
        // An account that must still enroll its second factor says so only to whoever knows its password.
        if (policy.Requires(user) && !user.TwoFactorEnabled)
        {
            var check = await attempts.OneAtATimeAsync(db, user, () => signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true));
            return (check.Succeeded ? AccountErrors.EnrollmentRequired.Refuse() : check.IsLockedOut ? AccountErrors.LockedOut.Refuse() : AccountErrors.SignInFailed)
                .ToProblem();
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await attempts.OneAtATimeAsync(db, user, () => signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true));
        if (result.RequiresTwoFactor)
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode)) return AccountErrors.TwoFactorRequired.ToProblem();
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", ""), false, false);
        }
        if (result.IsLockedOut) return AccountErrors.LockedOut.ToProblem();
        if (!result.Succeeded) return AccountErrors.SignInFailed.ToProblem();
        return TypedResults.Empty; // the bearer handler has written the token
    }
}

/// <summary>Whether a second factor is demanded: for ICE and oversight roles, everywhere but Development.</summary>
public sealed class TwoFactorPolicy(bool enforced)
{
    public bool Requires(AppUser user) => enforced && user.Role.RequiresTwoFactor();

    public bool Requires(Role role) => enforced && role.RequiresTwoFactor();
}

public sealed class SecondFactorRequirement : Microsoft.AspNetCore.Authorization.IAuthorizationRequirement;

/// <summary>A user whose role needs a second factor is only authorized once signed in with one.</summary>
public sealed class SecondFactorHandler(TwoFactorPolicy policy) : Microsoft.AspNetCore.Authorization.AuthorizationHandler<SecondFactorRequirement>
{
    protected override Task HandleRequirementAsync(Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        var role = Roles.FromCode(context.User.FindFirstValue("section287:role"));
        if (context.User.Identity?.IsAuthenticated == true
            && (role is null || !policy.Requires(role.Value) || context.User.HasClaim("amr", "mfa")))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>Puts role and scope into the principal, for cookies and bearer tokens alike.</summary>
public sealed class ScopedClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role.ToString()));
        identity.AddClaim(new Claim("section287:role", user.Role.Code()));
        identity.AddClaim(new Claim("section287:name", user.DisplayName));
        if (user.AgencyId is { } agency) identity.AddClaim(new Claim(Identity.AgencyClaim, agency.ToString()));
        if (user.AorCode is { } aor) identity.AddClaim(new Claim(Identity.AorClaim, aor));
        return identity;
    }
}
