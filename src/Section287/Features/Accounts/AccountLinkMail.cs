using System.Net.Mail;
using Section287.Features.Notifications;

namespace Section287.Features.Accounts;

/// <summary>
/// E-mails a one-time account link to the account's address. Sent at once, not through the outbox: the outbox keeps its text in the
/// database, and a link must not be kept anywhere. Without a mail server (or when it fails) nothing is sent and the issuer hands the
/// link over, as the page and the API say.
/// </summary>
public sealed class AccountLinkMail(SmtpSettings smtp, ILogger<AccountLinkMail> log)
{
    /// <summary>Sends <paramref name="body"/>, whose <c>{link}</c> becomes the link's whole address; true when the server took it.</summary>
    public async Task<bool> SendAsync(AppUser user, string subject, string body, string path, CancellationToken ct)
    {
        if (!smtp.IsConfigured || string.IsNullOrWhiteSpace(user.Email)) return false;
        try
        {
            using var client = smtp.Client();
            using var message = smtp.Message(user.Email, subject, body.Replace("{link}", smtp.Absolute(path), StringComparison.Ordinal));
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException)
        {
            log.LogWarning(e, "A one-time link for account {Id} was not e-mailed; the issuer hands it over", user.Id);
            return false;
        }
    }
}
