namespace Section287.Features.Complaints;

/// <summary>The Complaints feature's registration: its services, its watch, and its API under /api/v1.</summary>
public static class ComplaintsFeature
{
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.AddScoped<ComplaintWorkflow>();
        services.AddScoped<PublicComplaints>();
        services.AddScoped<ComplaintLetters>();
        services.AddScoped<OversightMeasures>();
        services.AddScoped<Accounts.IDemoSeedPart, ComplaintsDemoSeed>();
        services.AddSingleton<ComplaintIntake>();
        services.AddScoped<Deadlines.IWatch, ComplaintIntakeTick>();
        return services;
    }

    public static RouteGroupBuilder MapComplaints(this RouteGroupBuilder api)
    {
        ComplaintsApi.Map(api);
        return api;
    }
}
