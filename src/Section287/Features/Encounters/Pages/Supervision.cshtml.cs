using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>
/// The ICE supervisor's queue for their area: one list of everything that waits, counted per kind, soonest due first, each
/// row linked to the place where it is cleared. The kind and the order are in the address, so a refresh (the page's own link,
/// or the script's quiet update every minute) keeps the reader's place.
/// </summary>
public sealed class SupervisionModel(Supervision supervision, ChangeContext change) : StaffPage
{
    /// <summary>One thing waiting for a supervisor, whatever its kind.</summary>
    public sealed record Item(string Kind, DateTime? DueAt, string State, string Subject, string SubjectLink, string Agency, string What, string Link,
        string ActionLabel);

    /// <summary>The kinds of the queue, in the order their counts are shown, with their names.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Kinds =
    [
        ("incidents", "Critical incidents"), ("holds", "Held past the scheduled release"), ("claims", "Citizenship claims"),
        ("detainers", "Detainers to review"), ("documents", "Documents to sign"), ("deadlines", "Other deadlines at risk"),
    ];

    // The deadlines that have a row of their own kind are not repeated among the others.
    private static readonly string[] CoveredRules =
    [
        DeadlineRules.DetainerReview.Code, DeadlineRules.DocumentReview.Code, DeadlineRules.CitizenshipReport.Code,
        DeadlineRules.CitizenshipResolution.Code, DeadlineRules.CustodyHoldLimit.Code,
    ];

    public SupervisionQueue? Queue { get; private set; }

    /// <summary>Every item of the queue, before the kind filter.</summary>
    public IReadOnlyList<Item> All { get; private set; } = [];

    /// <summary>The items shown: of the chosen kind, in the chosen order.</summary>
    public IReadOnlyList<Item> Shown { get; private set; } = [];

    public bool Closed { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    /// <summary>"due" (default: soonest first), "agency" or "kind".</summary>
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    [BindProperty] public Guid? IncidentId { get; set; }

    [BindProperty] public string? Resolution { get; set; }

    public async Task<IActionResult> OnGetAsync(bool closed, CancellationToken ct)
    {
        Closed = closed;
        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var result = await supervision.CloseIncidentAsync(IncidentId ?? Guid.Empty, Me, Resolution, change, ct);
        if (result.IsSuccess) return Redirect("/staff/supervision?closed=true");
        Show(result.Error!, "resolution");
        return await LoadAsync(ct);
    }

    /// <summary>This page's address with the kind and order changed, the rest kept.</summary>
    public string Address(string? kind, string? sort) =>
        "/staff/supervision?" + string.Join("&", new[] { kind is null ? null : $"kind={kind}", sort is null or "due" ? null : $"sort={sort}" }
            .Where(p => p is not null)) + "#queue";

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var result = await supervision.QueueAsync(Me, ct);
        if (!result.IsSuccess) return Forbid();
        Queue = result.Value;
        if (Kinds.All(k => k.Code != Kind)) Kind = null;
        if (Sort is not ("agency" or "kind")) Sort = "due";
        All = ItemsOf(Queue);
        var shown = All.Where(i => Kind is null || i.Kind == Kind);
        Shown = (Sort switch
        {
            "agency" => shown.OrderBy(i => i.Agency, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.DueAt ?? DateTime.MaxValue),
            "kind" => shown.OrderBy(i => Kinds.ToList().FindIndex(k => k.Code == i.Kind)).ThenBy(i => i.DueAt ?? DateTime.MaxValue),
            _ => shown.OrderBy(i => i.DueAt ?? DateTime.MaxValue).ThenBy(i => i.Subject, StringComparer.Ordinal),
        }).ToList();
        return Page();
    }

    private static List<Item> ItemsOf(SupervisionQueue q)
    {
        static string Encounter(Guid id) => $"/staff/encounters/{id}";
        static string StateAt(DateTime? due, DateTime now) => due is not { } d ? "open" : now > d ? "overdue" : now >= d.AddHours(-1) ? "warning" : "open";
        var items = new List<Item>();
        items.AddRange(q.Incidents.Select(i => new Item("incidents", i.OccurredAt, "overdue", i.Number, Encounter(i.EncounterId), i.AgencyName,
            i.Description, $"#incident-{i.IncidentId}", "Close the incident")));
        items.AddRange(q.Holds.Select(h => new Item("holds", h.HoldEndsAt, h.State switch { "past_48_hours" => "overdue", "past_36_hours" => "warning", _ => "open" },
            h.Number, Encounter(h.EncounterId), h.AgencyName, $"Held {h.HoursHeld} hours since the scheduled release ({StaffFormat.Status(h.State)})",
            Encounter(h.EncounterId) + "#custody-alert", "Have the person released or transferred")));
        items.AddRange(q.Claims.Select(c => new Item("claims", c.DueAt, StateAt(c.DueAt, q.At), c.Number, Encounter(c.EncounterId), c.AgencyName,
            $"Claimed {StaffFormat.Time(c.ClaimedAt)}{(c.ReportedAt is { } r ? $", reported to {c.ReportedTo} {StaffFormat.Time(r)}" : ", not yet reported")}",
            Encounter(c.EncounterId) + "#investigation-form", "Investigate and resolve the claim")));
        items.AddRange(q.Detainers.Select(d => new Item("detainers", d.DueAt, d.State, d.Number, Encounter(d.EncounterId), d.AgencyName,
            $"Requested by {d.OfficerName}, waiting since {StaffFormat.Time(d.QueuedAt)}{(d.Returns > 0 ? $"; answered after {d.Returns} return{(d.Returns == 1 ? "" : "s")}" : "")}",
            Encounter(d.EncounterId) + "#detainer-requested", "Review the detainer")));
        items.AddRange(q.Documents.Select(d => new Item("documents", d.DueAt, StateAt(d.DueAt, q.At), d.Number, Encounter(d.EncounterId), d.AgencyName,
            $"{(d.Form == "NTA" ? "Notice to Appear" : "Form I-213")} {d.Reference}, prepared by {d.PreparedByName} {StaffFormat.Time(d.PreparedAt)}",
            Encounter(d.EncounterId) + $"#sign-{d.DocumentId}", "Sign it or return it")));
        items.AddRange(q.DeadlinesAtRisk.Where(d => !CoveredRules.Contains(d.Rule)).Select(d => new Item("deadlines", d.DueAt, d.State, d.SubjectLabel, d.Link,
            "", $"{d.Title} (whose move: {StaffFormat.Role(d.WaitsOn)})", d.Link, "Open the record")));
        return items;
    }
}
