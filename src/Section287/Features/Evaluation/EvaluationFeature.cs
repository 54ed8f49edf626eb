namespace Section287.Features.Evaluation;

/// <summary>The evaluation feature: the county crime panel and the staggered difference-in-differences over it.</summary>
public static class EvaluationFeature
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services)
    {
        services.AddScoped<CrimePanels>();
        services.AddScoped<Treatment>();
        services.AddScoped<CrimeEvaluation>();
        services.AddSingleton<EvaluationCache>();
        return services;
    }
}
