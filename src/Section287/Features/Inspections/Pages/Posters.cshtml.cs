using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Inspections.Pages;

/// <summary>Where the agency's complaint-process posters hang, in which languages, as the coordinator attests; inspectors check on site.</summary>
public sealed class PostersModel(InspectionWorkflow workflow, AppDbContext db) : StaffPage
{
    public IReadOnlyList<PosterView> Posters { get; private set; } = [];

    public string? AgencyName { get; private set; }

    public Guid AgencyId { get; private set; }

    public bool Attested { get; private set; }

    [BindProperty] public string? Facility { get; set; }

    [BindProperty] public List<string> Languages { get; set; } = ["en", "es"];

    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool attested, CancellationToken ct)
    {
        Attested = attested;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.AttestAsync(id, Me, new PosterInput(Facility, Languages, Note), ct);
        if (result.IsSuccess) return Redirect($"/staff/agencies/{id}/posters?attested=true");
        if (result.Error!.Kind == Common.ErrorKind.NotFound) return NotFound();
        Show(result.Error, "facility");
        var status = Response.StatusCode;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        AgencyId = id;
        AgencyName = await db.AgenciesInScope.AsNoTracking().Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct);
        if (AgencyName is null) return false;
        var posters = await workflow.PostersAsync(id, ct);
        if (posters.IsSuccess) Posters = posters.Value;
        return true;
    }
}
