using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Notifications;

/// <summary>
/// Sends the e-mail of notifications waiting in the outbox, oldest first, each at most
/// <see cref="Notification.MaxEmailAttempts"/> times. Only the notification's text and link are sent:
/// never person data, which stays behind sign-in. Each result is saved as soon as it is known, so a crash or a second
/// instance costs at most one repeated e-mail (delivery is at least once), and a row another instance recorded first is
/// left as that instance recorded it.
/// </summary>
public sealed class EmailOutbox(AppDbContext db, SmtpSettings smtp, TimeProvider clock, ILogger<EmailOutbox> log)
{
    public async Task<int> SendPendingAsync(CancellationToken ct)
    {
        if (!smtp.IsConfigured) return 0;
        var pending = await db.Notifications.Where(n => n.EmailStatus == EmailStatus.Pending)
            .OrderBy(n => n.CreatedAt).Take(100).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var userIds = pending.Select(n => n.UserId).Distinct().ToList();
        var addresses = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, ct);

        using var client = smtp.Client();
        var sent = 0;
        foreach (var notification in pending)
        {
            try
            {
                if (addresses.GetValueOrDefault(notification.UserId) is not { Length: > 0 } to) { notification.EmailFailed(); continue; }
                using var message = smtp.Message(to, $"Section287: {notification.Text}", $"{notification.Text}\n\nOpen: {smtp.Absolute(notification.Link)}\n");
                await client.SendMailAsync(message, ct);
                notification.EmailSent(clock.GetUtcNow().UtcDateTime);
                sent++;
                await SaveAsync(ct);
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException)
            {
                log.LogWarning(e, "E-mail for notification {Id} was not sent; it is tried again later", notification.Id);
                notification.EmailFailed();
            }
        }
        await SaveAsync(ct);
        return sent;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException e) when (attempt < 100)
            {
                // Another instance recorded these rows first; its record stands, ours is dropped.
                foreach (var entry in e.Entries) entry.State = EntityState.Detached;
            }
        }
    }
}
