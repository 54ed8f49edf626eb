using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Registry;

/// <summary>The Registry feature's registration: its services, and its API under /api/v1.</summary>
public static class RegistryFeature
{
    public static IServiceCollection AddRegistry(this IServiceCollection services)
    {
        services.AddScoped<RegistryQueries>();
        services.AddSingleton<RegistrySummaryCache>();
        return services;
    }

    public static RouteGroupBuilder MapRegistry(this RouteGroupBuilder api)
    {
        RegistryApi.Map(api);
        return api;
    }
}
