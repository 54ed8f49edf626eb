using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Agencies;

/// <summary>The Agencies feature's registration: its services, and its API under /api/v1.</summary>
public static class AgenciesFeature
{
    public static IServiceCollection AddAgencies(this IServiceCollection services)
    {
        services.AddScoped<AgencyWorkspace>();
        services.AddScoped<Accounts.IDemoSeedPart, AgenciesDemoSeed>();
        return services;
    }

    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder api)
    {
        AgenciesApi.Map(api);
        return api;
    }
}
