using System.Security.Claims;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

/// <summary>Sets, once per request, what the user may see (the tenancy scope) and who changes are attributed to.</summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AccessScope scope, ChangeContext change)
    {
        change.CorrelationId = context.TraceIdentifier;
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && Roles.FromCode(user.FindFirstValue("section287:role")) is { } role)
        {
            var agencyId = Guid.TryParse(user.FindFirstValue(Identity.AgencyClaim), out var agency) ? agency : (Guid?)null;
            scope.Become(AccessScope.For(role, agencyId, user.FindFirstValue(Identity.AorClaim)));
            change.As(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown", user.FindFirstValue(ClaimTypes.Email) ?? user.Identity.Name ?? "unknown");
        }
        else
        {
            scope.Become(AccessScope.Anonymous());
            change.As("public", "public");
        }
        await next(context);
    }
}
