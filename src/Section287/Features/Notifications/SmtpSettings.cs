namespace Section287.Features.Notifications;

/// <summary>
/// The mail server for notification e-mail (section "Smtp" of the configuration). Without a host, no
/// e-mail is sent and notifications live in the app only.
/// </summary>
public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "section287@localhost";

    /// <summary>The site's address, for the links in e-mail ("https://section287.example").</summary>
    public string? SiteUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}
