using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Applications;

/// <summary>The Applications feature's registration: its services, and its API under /api/v1.</summary>
public static class ApplicationsFeature
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddScoped<ApplicationWorkflow>();
        services.AddScoped<ApplicationQueries>();
        services.AddScoped<ApplicationAttachments>();
        services.AddScoped<PublicApplications>();
        services.AddScoped<CommentQueries>();
        return services;
    }

    public static RouteGroupBuilder MapApplications(this RouteGroupBuilder api)
    {
        ApplicationsApi.Map(api);
        return api;
    }
}
