using Microsoft.Extensions.DependencyInjection;

namespace Section287.Features.Accounts;

/// <summary>The Accounts feature's registration (Identity itself is set up by <see cref="Identity.AddTo"/>).</summary>
public static class AccountsFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddScoped<CreateUser>();
        services.AddScoped<AccountAdmin>();
        services.AddScoped<SecondFactorLinks>();
        services.AddScoped<AccountLinkMail>();
        services.AddScoped<PasswordLinks>();
        services.AddScoped<AccountSelf>();
        services.AddSingleton<SignInAttempts>();
        services.AddSingleton<UnknownAccounts>();
        services.AddScoped<IDemoSeedPart, AccountsDemoSeed>();
        return services;
    }

    public static RouteGroupBuilder MapAccounts(this RouteGroupBuilder api)
    {
        Identity.MapApi(api);
        AccountsApi.Map(api);
        return api;
    }
}
