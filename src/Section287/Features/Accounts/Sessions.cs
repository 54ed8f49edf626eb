using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Section287.Data;

namespace Section287.Features.Accounts;

/// <summary>
/// A signed-in request is honoured only while its account is as it was at sign-in: the security stamp in the cookie or token
/// still the account's (a password change, a sign-out or a revocation rotates it), the account not disabled and not locked.
/// Checked on every request, for pages and the API alike, so access ends on the next request, not when a token expires.
/// </summary>
public sealed class SessionCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AppDbContext db, IOptions<IdentityOptions> options, TimeProvider clock)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && !await IsCurrentAsync(user, db, options.Value, clock, context.RequestAborted))
        {
            // A page's cookie is removed as well; a bearer token simply stops opening anything.
            if (!context.Request.Path.StartsWithSegments("/api")) await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    }

    private static async Task<bool> IsCurrentAsync(ClaimsPrincipal user, AppDbContext db, IdentityOptions options, TimeProvider clock, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var stamp = user.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.DisabledAt, u.LockoutEnd }).FirstOrDefaultAsync(ct);
        return account is not null && stamp is not null && account.SecurityStamp == stamp && account.DisabledAt is null
            && !(account.LockoutEnd is { } end && end > clock.GetUtcNow());
    }
}

/// <summary>A disabled account cannot sign in; it gets the same answer as a wrong password, so nothing is learned from it.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor context, IUserClaimsPrincipalFactory<AppUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, context, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.DisabledAt is null && await base.CanSignInAsync(user);
}

/// <summary>
/// One password check at a time per account, so that concurrent guesses cannot slip past the lockout: each failure is counted
/// before the next guess is judged. (Within an instance; several instances race only across instances.)
/// </summary>
public sealed class SignInAttempts
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    /// <summary>Runs the attempt alone for this account, on the account as stored now (its failure count may have moved while it waited).</summary>
    public async Task<T> OneAtATimeAsync<T>(AppDbContext db, AppUser user, Func<Task<T>> attempt)
    {
        var gate = _locks.GetOrAdd(user.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            await db.Entry(user).ReloadAsync();
            return await attempt();
        }
        finally
        {
            gate.Release();
        }
    }
}

/// <summary>
/// An e-mail address with no account is answered as a real one would be (issue 14, item 9): the same password-hashing work,
/// "not right" four times and then "locked" for the lockout's length, so neither the answer nor its time tells who has an account.
/// </summary>
public sealed class UnknownAccounts(TimeProvider clock)
{
    private static readonly string DummyHash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), "no account has this password");

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Failures, DateTimeOffset? LockedUntil)> _tries =
        new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Spends the work of a password check and counts the failure; true once the address is "locked".</summary>
    public bool Fail(string email, string password)
    {
        new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), DummyHash, password);
        if (_tries.Count > 100_000) _tries.Clear();
        var now = clock.GetUtcNow();
        var (failures, until) = _tries.AddOrUpdate(email.Trim(), _ => (1, null), (_, t) => t.LockedUntil is { } end && end > now
            ? t : t.LockedUntil is not null ? (1, null) : t.Failures + 1 >= 5 ? (0, now.AddMinutes(15)) : (t.Failures + 1, null));
        return until is { } lockedUntil && lockedUntil > now;
    }
}
