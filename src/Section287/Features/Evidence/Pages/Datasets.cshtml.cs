using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Evidence.Pages;

/// <summary>Stop datasets in the reader's scope, and the form that imports one (a stop file, its place and its benchmark).</summary>
[RequestSizeLimit(EvidenceFeature.MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceFeature.MaxUpload)]
public sealed class DatasetsModel(StopDatasets datasets, AppDbContext db) : StaffPage
{
    public Page<StopDatasetSummary>? Results { get; private set; }

    /// <summary>Reference data for the program office, the agency's own for its coordinator (the domain's rule).</summary>
    public bool MayImport => StopDatasets.CanImport(Me, MyRole == Role.ProgramOffice ? null : Me.AgencyId);

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? AgencyId { get; set; }
    [BindProperty] public string? Format { get; set; } = "opp";
    [BindProperty] public string? City { get; set; }
    [BindProperty] public string? State { get; set; }
    [BindProperty] public string? CenterLat { get; set; }
    [BindProperty] public string? CenterLng { get; set; }
    [BindProperty] public string? TimeZone { get; set; }
    [BindProperty] public string? BenchmarkGeography { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        await LoadAsync(page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("file", "Choose the stop file (CSV) to import.");
            Response.StatusCode = 400;
            await LoadAsync(null, ct);
            return Page();
        }
        var query = new EvidenceFeature.DatasetQuery(Name, MyRole == Role.AgencyCoordinator ? Me.AgencyId : AgencyId, Format, City, State, CenterLat,
            CenterLng, TimeZone, BenchmarkGeography, Upload.FileName);
        await using var stream = Upload.OpenReadStream();
        var imported = await datasets.ImportAsync(Me, query.Input(), stream, Upload.FileName, ct);
        if (imported.IsSuccess) return Redirect($"/staff/evidence/{imported.Value.Id}");
        Show(imported.Error!);
        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        var result = await datasets.ListAsync(Me, null, page, 25, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        if (MyRole == Role.ProgramOffice)
            Agencies = (await db.AgenciesInScope.OrderBy(a => a.State).ThenBy(a => a.Name).Select(a => new { a.Id, a.Name, a.State })
                .ToListAsync(ct)).Select(a => (a.Id, $"{a.Name} ({a.State})")).ToList();
    }
}
