using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.IceLists;

/// <summary>The IceLists feature's registration: its services, and its API under /api/v1.</summary>
public static class IceListsFeature
{
    public static IServiceCollection AddIceLists(this IServiceCollection services)
    {
        services.AddScoped<ImportIceList>();
        services.AddScoped<UndoIceListImport>();
        services.AddSingleton<ImportJobs>();
        services.AddHostedService<ImportQueue>();
        return services;
    }

    public static RouteGroupBuilder MapIceLists(this RouteGroupBuilder api)
    {
        IceListsApi.Map(api);
        return api;
    }
}
