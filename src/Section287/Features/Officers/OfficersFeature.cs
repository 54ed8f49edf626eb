using Microsoft.Extensions.DependencyInjection;

using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Officers;

/// <summary>The Officers feature's registration: its services, and its API under /api/v1.</summary>
public static class OfficersFeature
{
    public static IServiceCollection AddOfficers(this IServiceCollection services)
    {
        services.AddScoped<AuthorityFactsLoader>();
        services.AddScoped<AuthorityWatch>();
        services.AddScoped<IHandles<AgreementStatusChanged>>(sp => sp.GetRequiredService<AuthorityWatch>());
        services.AddScoped<IHandles<OfficerStandingChanged>>(sp => sp.GetRequiredService<AuthorityWatch>());
        services.AddScoped<OfficerWorkflow>();
        services.AddScoped<ComplianceQueries>();
        services.AddScoped<Accounts.IDemoSeedPart, OfficersDemoSeed>();
        services.AddScoped<IWatch, AuthorityWatchTick>();
        return services;
    }

    public static RouteGroupBuilder MapOfficers(this RouteGroupBuilder api)
    {
        OfficersApi.Map(api);
        return api;
    }
}
