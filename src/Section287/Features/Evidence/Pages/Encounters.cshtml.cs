using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Shared;

namespace Section287.Features.Evidence.Pages;

/// <summary>The immigration-specific tests on the product's own encounters, for a level the reader picks (a plain GET form).</summary>
public sealed class EncountersModel(ImmigrationTests tests, AppDbContext db) : StaffPage
{
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Agency { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public ImmigrationTestsResult? Result { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Agencies = (await db.AgenciesInScope.Where(a => a.Agreements.Any()).OrderBy(a => a.State).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.State }).Take(500).ToListAsync(ct)).Select(a => (a.Id, $"{a.Name} ({a.State})")).ToList();
        if (Level == "agency" && Agency is { } agency) Subject = agency.ToString();
        var result = await tests.RunAsync(Me, Level, string.IsNullOrWhiteSpace(Subject) ? null : Subject, null, From, To, ct);
        if (result.IsSuccess) Result = result.Value;
        else Show(result.Error!, "level", "subject", "to");
        return Page();
    }

    public string CsvLink => $"/api/v1/evidence/immigration.csv?level={Uri.EscapeDataString(Level ?? "nation")}&subject={Uri.EscapeDataString(Subject ?? "")}"
        + (From is { } f ? $"&from={f:yyyy-MM-dd}" : "") + (To is { } t ? $"&to={t:yyyy-MM-dd}" : "");
}
