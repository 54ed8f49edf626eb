namespace Section287.Features.Notifications;

/// <summary>The Notifications feature's registration: the notifier every feature calls, the e-mail outbox and its SMTP settings.</summary>
public static class NotificationsFeature
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<EmailOutbox>();
        services.AddSingleton(configuration.GetSection("Smtp").Get<SmtpSettings>() ?? new SmtpSettings());
        return services;
    }
}
