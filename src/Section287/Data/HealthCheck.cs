using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Section287.Common;

namespace Section287.Data;

/// <summary>
/// Healthy only when every part a user needs works: the database answers, the key ring protects and opens data
/// (sign-in, every form's antiforgery token and person data depend on it), and the bundled ICE list loaded when it was
/// asked to. An unhealthy answer is 503 and names each failing part with what went wrong.
/// </summary>
public static class HealthCheck
{
    public static async Task<IResult> Handle(AppDbContext db, IDataProtectionProvider protection, StartupState startup, IHostEnvironment environment,
        HttpContext context, CancellationToken ct)
    {
        var parts = new Dictionary<string, StartupPart>();
        int? agreements = null;
        try
        {
            agreements = await db.Agreements.CountAsync(ct);
            parts["database"] = StartupPart.Ok(db.Database.ProviderName ?? "");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            parts["database"] = StartupPart.Failed(e.GetBaseException().Message);
        }
        try
        {
            var protector = protection.CreateProtector("Section287.Health");
            const string Probe = "section287-health";
            parts["keyRing"] = protector.Unprotect(protector.Protect(Probe)) == Probe
                ? StartupPart.Ok("protects and opens data")
                : StartupPart.Failed("data protected could not be read back");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            parts["keyRing"] = StartupPart.Failed(e.GetBaseException().Message);
        }
        parts["bundledList"] = startup.BundledList;
        parts["bundledStops"] = startup.BundledStops;
        parts["crimePanel"] = startup.CrimePanel;

        var healthy = parts.Values.All(p => p.Healthy);
        // In Production the details (what failed and why, the provider, counts) are for signed-in staff; a probe needs only the status.
        if (environment.IsProduction() && context.User.Identity?.IsAuthenticated != true)
            return Results.Json(new { status = healthy ? "healthy" : "unhealthy" }, statusCode: healthy ? 200 : 503);
        var body = new
        {
            status = healthy ? "healthy" : "unhealthy",
            failing = parts.Where(p => !p.Value.Healthy).Select(p => p.Key).ToList(),
            parts = parts.ToDictionary(p => p.Key, p => new { status = p.Value.Healthy ? "healthy" : "unhealthy", detail = p.Value.Detail }),
            database = db.Database.ProviderName,
            agreements,
            preparedInSeconds = startup.PreparedIn is { } t ? Math.Round(t.TotalSeconds, 2) : (double?)null,
        };
        return Results.Json(body, statusCode: healthy ? 200 : 503);
    }
}
