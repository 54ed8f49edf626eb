using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Work;

/// <summary>The Work feature's registration: its services, and its API under /api/v1.</summary>
public static class WorkFeature
{
    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        services.AddScoped<WorkQueries>();
        return services;
    }

    public static RouteGroupBuilder MapWork(this RouteGroupBuilder api)
    {
        WorkApi.Map(api);
        return api;
    }
}
