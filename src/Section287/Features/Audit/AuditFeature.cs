using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Audit;

/// <summary>The Audit feature's registration: its services, and its API under /api/v1.</summary>
public static class AuditFeature
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddScoped<VerifyAudit>();
        services.AddScoped<AuditAnchors>();
        services.AddScoped<Deadlines.IWatch, AuditAnchorWatch>();
        services.AddScoped<PersonData>();
        return services;
    }

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder api)
    {
        AuditApi.Map(api);
        return api;
    }
}
