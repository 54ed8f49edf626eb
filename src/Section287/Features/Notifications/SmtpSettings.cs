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

    /// <summary>A client for the configured server; the caller disposes it.</summary>
    public System.Net.Mail.SmtpClient Client()
    {
        var client = new System.Net.Mail.SmtpClient(Host!, Port) { EnableSsl = UseTls, DeliveryMethod = System.Net.Mail.SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(UserName)) client.Credentials = new System.Net.NetworkCredential(UserName, Password);
        return client;
    }

    /// <summary>A plain-text message from <see cref="From"/>, UTF-8 in base64 so that any language's text arrives whole.</summary>
    public System.Net.Mail.MailMessage Message(string to, string subject, string body) => new(From, to, subject, body)
    {
        SubjectEncoding = System.Text.Encoding.UTF8,
        BodyEncoding = System.Text.Encoding.UTF8,
        BodyTransferEncoding = System.Net.Mime.TransferEncoding.Base64,
    };

    /// <summary>A link in an e-mail: the site's address before a path, when it is configured.</summary>
    public string Absolute(string path) => SiteUrl is { Length: > 0 } site ? site.TrimEnd('/') + path : path;
}
