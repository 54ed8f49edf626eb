using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.Notifications;

/// <summary>
/// Addresses a notification to the people whose work it is: one named user, or everyone in a role who can
/// see the agency (program office: everyone; field supervisors: the agency's area; agency roles: the agency).
/// The notifications are added to the caller's unit of work and saved with its change.
/// </summary>
public sealed class Notifier(AppDbContext db, SmtpSettings smtp)
{
    public async Task<int> ToRoleAsync(Role role, Guid agencyId, string kind, string text, string link, CancellationToken ct)
    {
        var agency = await db.Agencies.Where(a => a.Id == agencyId).Select(a => new { a.Id, a.AorCode }).SingleAsync(ct);
        var users = db.Users.Where(u => u.Role == role && u.LockoutEnd == null);
        users = role switch
        {
            Role.ProgramOffice or Role.Oversight => users,
            Role.FieldSupervisor => users.Where(u => u.AorCode == agency.AorCode),
            Role.AgencyCoordinator or Role.DesignatedOfficer => users.Where(u => u.AgencyId == agencyId),
            // The release offices see no agency's work; what they approve is addressed to them on their own page.
            Role.PublicAffairs or Role.PrivacyOffice => users.Where(_ => false),
        };
        var recipients = await users.Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        foreach (var user in recipients) Add(user.Id, user.Email, agencyId, kind, text, link);
        return recipients.Count;
    }

    public async Task ToUserAsync(Guid userId, Guid agencyId, string kind, string text, string link, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        Add(userId, email, agencyId, kind, text, link);
    }

    private void Add(Guid userId, string? email, Guid agencyId, string kind, string text, string link) =>
        db.Notifications.Add(Notification.To(userId, agencyId, kind, text, link, smtp.IsConfigured && !string.IsNullOrWhiteSpace(email)));
}
