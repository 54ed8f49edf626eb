using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Shared;

namespace Section287.Features.Evidence.Pages;

/// <summary>
/// The tests on the product's own encounters, for a level, an officer and a period the reader picks (a plain GET form): the
/// immigration-specific tests, and OPP's three stop tests on task force stops.
/// </summary>
public sealed class EncountersModel(ImmigrationTests tests, EncounterStops stops, AppDbContext db) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Officer { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public ImmigrationTestsResult? Result { get; private set; }

    public OppResult? Stops { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    /// <summary>The chosen agency's officers, for a per-officer view (OPP's count rules decide what it can show).</summary>
    public IReadOnlyList<(Guid Id, string Name)> Officers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agencies = (await db.AgenciesInScope.Where(a => a.Agreements.Any()).OrderBy(a => a.State).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.State }).Take(500).ToListAsync(ct)).Select(a => (a.Id, $"{a.Name} ({a.State})")).ToList();
        if (Level == "agency" && Agency is { } agency)
        {
            Subject = agency.ToString();
            Officers = (await db.Officers.AsNoTracking().Where(o => o.AgencyId == agency).OrderBy(o => o.FullName).Select(o => new { o.Id, o.FullName })
                .Take(1000).ToListAsync(ct)).Select(o => (o.Id, o.FullName)).ToList();
        }
        if (Officers.All(o => o.Id != Officer)) Officer = null;
        var subject = string.IsNullOrWhiteSpace(Subject) ? null : Subject;
        var result = await tests.RunAsync(Me, Level, subject, Officer, From, To, ct);
        if (result.IsSuccess) Result = result.Value;
        else
        {
            Show(result.Error!, "level", "subject", "to");
            return Page();
        }
        var analysed = await stops.AnalyseAsync(Me, Level, subject, Officer, From, To, false, ct);
        if (analysed.IsSuccess) Stops = analysed.Value;
        return Page();
    }

    /// <summary>The same selection as query parameters of the API.</summary>
    public string Query => $"level={Uri.EscapeDataString(Level ?? "nation")}&subject={Uri.EscapeDataString(Subject ?? "")}"
        + (Officer is { } o ? $"&officerId={o}" : "")
        + (Result is { } r ? $"&from={r.From:yyyy-MM-dd}&to={r.To:yyyy-MM-dd}" : "");
}
