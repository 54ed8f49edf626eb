using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Training;

/// <summary>The Training feature's registration: its services, and its API under /api/v1.</summary>
public static class TrainingFeature
{
    public static IServiceCollection AddTraining(this IServiceCollection services)
    {
        services.AddScoped<TrainingWorkflow>();
        services.AddScoped<TrainingRequirementsWorkflow>();
        services.AddScoped<Accounts.IDemoSeedPart, TrainingDemoSeed>();
        return services;
    }

    public static RouteGroupBuilder MapTraining(this RouteGroupBuilder api)
    {
        TrainingApi.Map(api);
        return api;
    }
}
