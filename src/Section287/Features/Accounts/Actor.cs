using System.Security.Claims;

namespace Section287.Features.Accounts;

/// <summary>The signed-in person a use case acts for: who (for four-eyes rules and signatures), in which role.</summary>
public sealed record Actor(Guid Id, Role Role, string Name, Guid? AgencyId)
{
    /// <summary>An endpoint takes an <see cref="Actor"/> parameter and gets the signed-in user as one.</summary>
    public static ValueTask<Actor?> BindAsync(HttpContext context) => ValueTask.FromResult<Actor?>(Of(context.User));

    public static Actor Of(ClaimsPrincipal user) => new(
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : throw new InvalidOperationException("A signed-in user without an id."),
        Identity.RoleOf(user),
        user.FindFirstValue("section287:name") ?? user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? "unknown",
        Guid.TryParse(user.FindFirstValue(Identity.AgencyClaim), out var agency) ? agency : null);
}
