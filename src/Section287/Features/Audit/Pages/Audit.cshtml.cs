using Section287.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Audit.Pages;

[Authorize(Policy = Identity.OversightPolicy)]
public sealed class AuditModel(VerifyAudit verify, AppDbContext db) : PageModel
{
    public AuditVerification Verification { get; private set; } = null!;

    public Page<AuditEntry> Entries { get; private set; } = null!;

    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Verification = await verify.HandleAsync(ct);
        var paging = Paging.Validate(Registry.IndexModel.ParsePage(page), 50);
        var (p, size) = paging.IsSuccess ? paging.Value : (1, 50);
        var entries = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).ToPageAsync(p, size, ct);
        Entries = entries with { Items = entries.Items.Select(e => e.ForReaders()).ToList() };
    }
}
