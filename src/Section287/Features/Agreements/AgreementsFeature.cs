using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Agreements;

/// <summary>The Agreements feature's registration: its services, and its API under /api/v1.</summary>
public static class AgreementsFeature
{
    public static IServiceCollection AddAgreements(this IServiceCollection services)
    {
        services.AddScoped<ChangeAgreementStatus>();
        services.AddScoped<AgreementTermsWorkflow>();
        services.AddScoped<StatisticsRequests>();
        services.AddScoped<AgreementWorkflow>();
        services.AddScoped<Accounts.IDemoSeedPart, AgreementsDemoSeed>();
        services.AddHostedService<AgreementTimers>();
        return services;
    }

    public static RouteGroupBuilder MapAgreements(this RouteGroupBuilder api)
    {
        AgreementsApi.Map(api);
        AgreementsApi.MapWorkflow(api);
        return api;
    }
}
