using Microsoft.Extensions.DependencyInjection;

using Section287.Features.Deadlines;

namespace Section287.Features.Encounters;

/// <summary>The Encounters feature's registration: its services, and its API under /api/v1.</summary>
public static class EncountersFeature
{
    public static IServiceCollection AddEncounters(this IServiceCollection services)
    {
        services.AddScoped<EncounterWorkflow>();
        services.AddScoped<EncounterDrafts>();
        services.AddScoped<CustodyWatch>();
        services.AddScoped<Supervision>();
        services.AddScoped<Measures>();
        services.AddScoped<MeasureSubjects>();
        services.AddScoped<DemoLoad>();
        services.AddScoped<IWatch, CustodyWatchTick>();
        return services;
    }

    public static RouteGroupBuilder MapEncounters(this RouteGroupBuilder api)
    {
        EncountersApi.Map(api);
        return api;
    }
}
