using Microsoft.EntityFrameworkCore;
using Section287.Features.Agencies;

namespace Section287.Data;

/// <summary>Outside Development the app refuses to serve with demo accounts, demo agencies or default secrets.</summary>
public static class StartupChecks
{
    /// <summary>The value appsettings.Development.json carries; anywhere else it is a leaked default.</summary>
    public const string DevelopmentPersonDataKey = "ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItdXNlISE=";

    /// <summary>Development defaults of earlier versions (the first was 34 bytes, so it never worked); leaked all the same.</summary>
    private static readonly string[] FormerDevelopmentKeys = ["ZGV2ZWxvcG1lbnQtb25seS1rZXktbmV2ZXItdXNlLWl0IQ=="];

    /// <summary>
    /// In every environment a key that is set must be a key: a malformed one would leave the key ring unable to protect
    /// anything, so that every form fails its antiforgery check. Outside Development the defaults and demo data are refused too.
    /// </summary>
    public static async Task RequireSafeDeploymentAsync(AppDbContext db, IHostEnvironment environment, IConfiguration configuration)
    {
        var problems = new List<string>();
        var key = configuration["Security:PersonDataKey"];
        if (string.IsNullOrWhiteSpace(key)) problems.Add("Security:PersonDataKey is not set.");
        else if (!IsKey(key)) problems.Add("Security:PersonDataKey must be 32 random bytes in base64 (openssl rand -base64 32).");
        else if (!environment.IsDevelopment() && (key == DevelopmentPersonDataKey || FormerDevelopmentKeys.Contains(key)))
            problems.Add("Security:PersonDataKey is the development default.");
        if (environment.IsDevelopment())
        {
            if (problems.Count > 0) throw new InvalidOperationException($"Refusing to start in {environment.EnvironmentName}: " + string.Join(" ", problems));
            return;
        }
        if (await db.Users.AnyAsync(u => u.IsDemo)) problems.Add("Demo user accounts exist; remove them.");
        if (await db.Set<Agency>().AnyAsync(a => a.IsDemo)) problems.Add("The demo agency exists; remove it.");
        if (problems.Count > 0)
            throw new InvalidOperationException($"Refusing to start in {environment.EnvironmentName}: " + string.Join(" ", problems));
    }

    private static bool IsKey(string base64)
    {
        var buffer = new byte[64];
        return Convert.TryFromBase64String(base64, buffer, out var written) && written == 32;
    }
}
