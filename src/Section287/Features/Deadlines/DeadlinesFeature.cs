using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Deadlines;

/// <summary>The Deadlines feature's registration: its services, and its API under /api/v1.</summary>
public static class DeadlinesFeature
{
    public static IServiceCollection AddDeadlines(this IServiceCollection services)
    {
        services.AddScoped<DeadlineBook>();
        services.AddScoped<DeadlineSweep>();
        services.AddHostedService<DeadlineTimers>();
        return services;
    }
}
