using Section287.Data;

namespace Section287.Features.Notifications;

public enum EmailStatus
{
    /// <summary>No SMTP server is configured, or the user has no address: shown in the app only.</summary>
    None,
    Pending,
    Sent,

    /// <summary>Given up after <see cref="Notification.MaxEmailAttempts"/> tries; still shown in the app.</summary>
    Failed,
}

/// <summary>
/// A message to one user about a record of one agency. Always shown in the app; also e-mailed when an
/// SMTP server is configured. E-mail leaves through an outbox after the change is saved, so a mail server
/// that is down never loses or blocks the change itself.
/// </summary>
public sealed class Notification : IAgencyOwned, IVersioned, ITimestamped
{
    public const int MaxEmailAttempts = 5;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public Guid AgencyId { get; init; }

    /// <summary>A stable code for what happened ("deadline.warning", "application.submitted", ...).</summary>
    public string Kind { get; init; } = "";

    public string Text { get; init; } = "";

    /// <summary>The page to open, relative to the site.</summary>
    public string Link { get; init; } = "";

    public DateTime? ReadAt { get; private set; }

    public EmailStatus EmailStatus { get; private set; }

    public int EmailAttempts { get; private set; }

    public DateTime? EmailedAt { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public static Notification To(Guid userId, Guid agencyId, string kind, string text, string link, bool email) => new()
    {
        UserId = userId,
        AgencyId = agencyId,
        Kind = kind,
        Text = text,
        Link = link,
        EmailStatus = email ? EmailStatus.Pending : EmailStatus.None,
    };

    public bool MarkRead(DateTime utcNow)
    {
        if (ReadAt is not null) return false;
        ReadAt = utcNow;
        return true;
    }

    public void EmailSent(DateTime utcNow)
    {
        EmailStatus = EmailStatus.Sent;
        EmailedAt = utcNow;
        EmailAttempts++;
    }

    public void EmailFailed()
    {
        EmailAttempts++;
        if (EmailAttempts >= MaxEmailAttempts) EmailStatus = EmailStatus.Failed;
    }
}
