using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Features.Accounts.Pages;

/// <summary>What <c>_OneTimeLink.cshtml</c> shows: a link issued by this request, this once (the page is not redirected, so nothing keeps it).</summary>
public sealed record OneTimeLinkShown(string Id, string Heading, bool Emailed, DateTime ExpiresAt, string Url, string EmailedText = "It was e-mailed to the account's address. ",
    int HeadingLevel = 2, IHtmlContent? Then = null);

/// <summary>The choices the pages that give a role offer the program office.</summary>
public static class RoleChoices
{
    /// <summary>Agencies with an agreement (the program's), and the one already chosen, by state and name.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> AgenciesAsync(AppDbContext db, Guid? chosen, CancellationToken ct) =>
        (await db.Agencies.AsNoTracking().Where(a => db.Agreements.Any(g => g.AgencyId == a.Id) || a.Id == chosen)
            .OrderBy(a => a.State).ThenBy(a => a.Name).Select(a => new { a.Id, a.Name, a.State }).ToListAsync(ct))
        .Select(a => (a.Id, $"{a.State}: {a.Name}")).ToList();
}
