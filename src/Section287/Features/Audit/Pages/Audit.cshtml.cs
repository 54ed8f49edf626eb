using Section287.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Audit.Pages;

/// <summary>
/// The audit trail for oversight: the chain's verdict, then the entries, newest first, filtered by who, what, which record and
/// when; each entry links to its record where it has a page; the filtered entries download as CSV or XLSX. The filters are
/// in the address (a GET form), so a filtered view can be shared and paged.
/// </summary>
[Authorize(Policy = Identity.OversightPolicy)]
public sealed class AuditModel(VerifyAudit verify, AppDbContext db) : PageModel
{
    /// <summary>A download holds at most this many entries (newest first): beyond it, narrow the filters.</summary>
    public const int ExportCap = 50_000;

    public AuditVerification Verification { get; private set; } = null!;

    public Page<AuditEntry> Entries { get; private set; } = null!;

    /// <summary>The people who can appear as actors: every account, by name.</summary>
    public IReadOnlyList<(string Id, string Name)> Actors { get; private set; } = [];

    /// <summary>The kinds of record the trail holds, for the record filter.</summary>
    public static readonly IReadOnlyList<(string Type, string Name)> RecordTypes =
    [
        ("Agency", "Agency"), ("Agreement", "Agreement"), ("Application", "Application"), ("Officer", "Officer"), ("Encounter", "Encounter"),
        ("Detainer", "Detainer"), ("Complaint", "Complaint"), ("Inspection", "Inspection"), ("QuarterCost", "Quarterly costs"),
        ("AppUser", "Account"), ("ReleaseRequest", "Release request"), ("Training", "Training"),
    ];

    private Dictionary<string, string> _names = [];

    /// <summary>Who acted, by name and role; the trail's own record of them (their e-mail at the time) is kept beside it.</summary>
    public string NameOf(string actorId, string recorded) =>
        _names.TryGetValue(actorId, out var name) ? name : recorded;

    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }

    [BindProperty(SupportsGet = true)] public string? Record { get; set; }

    [BindProperty(SupportsGet = true)] public string? RecordId { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        Verification = await verify.HandleAsync(ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email, u.Role }).ToListAsync(ct);
        Actors = users.Select(u => (u.Id.ToString(), $"{(string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id.ToString() : u.DisplayName)} ({Common.Texts.S(u.Role.Title())})"))
            .OrderBy(u => u.Item2, StringComparer.OrdinalIgnoreCase).ToList();
        _names = Actors.ToDictionary(a => a.Id, a => a.Name);
        var paging = Paging.Validate(Registry.IndexModel.ParsePage(page), 50);
        var (p, size) = paging.IsSuccess ? paging.Value : (1, 50);
        var entries = await Filtered().OrderByDescending(e => e.Sequence).ToPageAsync(p, size, ct);
        Entries = entries with { Items = entries.Items.Select(e => e.ForReaders()).ToList() };
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        File(System.Text.Encoding.UTF8.GetBytes((await TableAsync(ct)).ToCsv()), "text/csv; charset=utf-8", "audit-trail.csv");

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) =>
        File((await TableAsync(ct)).ToXlsx("Audit trail"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "audit-trail.xlsx");

    private async Task<TableFile> TableAsync(CancellationToken ct)
    {
        var rows = await Filtered().OrderByDescending(e => e.Sequence).Take(ExportCap).AsNoTracking().ToListAsync(ct);
        return new TableFile(["sequence", "at_utc", "actor_id", "actor", "action", "change", "record_type", "record_id", "reason", "summary", "hash"],
            rows.Select(e => e.ForReaders()).Select(e => (IReadOnlyList<object?>)[e.Sequence, e.At.ToString("yyyy-MM-ddTHH:mm:ssZ"), e.ActorId, e.ActorName,
                e.Action, e.Change.ToString(), e.EntityType, e.EntityId, e.Reason, e.Summary, e.Hash]));
    }

    /// <summary>The entries the filters select. Each filter is on an indexed column (ActorId, Action, EntityType and EntityId, At).</summary>
    private IQueryable<AuditEntry> Filtered()
    {
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor)) q = q.Where(e => e.ActorId == Actor);
        if (!string.IsNullOrWhiteSpace(Action))
        {
            var prefix = Action.Trim();
            q = q.Where(e => e.Action.StartsWith(prefix));
        }
        if (!string.IsNullOrWhiteSpace(Record)) q = q.Where(e => e.EntityType == Record);
        if (!string.IsNullOrWhiteSpace(RecordId))
        {
            var id = RecordId.Trim();
            q = q.Where(e => e.EntityId == id);
        }
        if (From is { } from)
        {
            var start = ZonedTime.ToUtc(from.ToDateTime(TimeOnly.MinValue), ViewerTime.Zone);
            q = q.Where(e => e.At >= start);
        }
        if (To is { } to)
        {
            var end = ZonedTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), ViewerTime.Zone);
            q = q.Where(e => e.At < end);
        }
        return q;
    }

    /// <summary>This page's address with the same filters, on another page or handler.</summary>
    public string Address(int? page = null, string? handler = null)
    {
        var parts = new List<string>();
        if (handler is not null) parts.Add($"handler={handler}");
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("Actor", Actor);
        Add("Action", Action);
        Add("Record", Record);
        Add("RecordId", RecordId);
        Add("From", From?.ToString("yyyy-MM-dd"));
        Add("To", To?.ToString("yyyy-MM-dd"));
        if (page is { } p) parts.Add($"page={p}");
        return "/staff/audit" + (parts.Count == 0 ? "" : "?" + string.Join("&", parts));
    }

    /// <summary>The page of a record named in the trail, where there is one.</summary>
    public static string? LinkOf(string entityType, string entityId) => Guid.TryParse(entityId, out var id) ? entityType switch
    {
        "Agency" => $"/staff/agencies/{id}",
        "Agreement" => $"/staff/agreements/{id}",
        "Application" => $"/staff/applications/{id}",
        "Officer" => $"/staff/officers/{id}",
        "Encounter" => $"/staff/encounters/{id}",
        "Complaint" => $"/staff/complaints/{id}",
        "Inspection" => $"/staff/inspections/{id}",
        "QuarterCost" => $"/staff/costs/{id}",
        "AppUser" => $"/staff/accounts/{id}",
        _ => null,
    } : null;
}
