using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

/// <summary>Sets, once per request, what the user may see (the tenancy scope) and who changes are attributed to.</summary>
public sealed class ScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, AccessScope scope, ChangeContext change, AppDbContext db, ReferenceData reference)
    {
        change.CorrelationId = context.TraceIdentifier;
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && Roles.FromCode(user.FindFirstValue("section287:role")) is { } role)
        {
            var agencyId = Guid.TryParse(user.FindFirstValue(Identity.AgencyClaim), out var agency) ? agency : (Guid?)null;
            var aor = user.FindFirstValue(Identity.AorClaim);
            scope.Become(AccessScope.For(role, agencyId, aor));
            // Times on pages are shown, and typed, in the reader's zone: the agency's, the field office's, or headquarters'.
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                var zone = agencyId is { } a ? await db.Agencies.Where(x => x.Id == a).Select(x => x.TimeZone).FirstOrDefaultAsync(context.RequestAborted)
                    : aor is not null ? reference.FieldOfficeTimeZone(aor)
                    : null;
                ViewerTime.Use(UsTimeZones.Find(zone));
            }
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
