using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Features.Officers.Pages;

/// <summary>
/// The coordinator nominates officers under one agreement: one at a time with a form, or a whole roster from a CSV
/// file, which is imported entirely or not at all, with a report of every row that cannot be.
/// </summary>
public sealed class NominateModel(OfficerWorkflow workflow, AppDbContext db) : StaffPage
{
    private static readonly string[] FormFields =
    [
        "fullName", "badgeNumber", "rank", "hiredOn", "experienceYears", "citizenshipAttested", "detentionTrained", "hasDisciplinaryRecord",
        "forceAllegation", "discriminationAllegation", "disciplinaryDetails", "file",
    ];

    public Guid AgreementId { get; private set; }

    public Guid AgencyId { get; private set; }

    public string AgencyName { get; private set; } = "";

    public Section287.Features.Agreements.AgreementModel Kind { get; private set; }

    /// <summary>The rows of a refused import, each with its errors.</summary>
    public IReadOnlyDictionary<string, string[]> ImportErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The same input record the API takes; the form's field names are its members' (bound without a prefix).</summary>
    [BindProperty] public OfficerInput? Input { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        // A checkbox left unticked sends nothing: it means no. The disciplinary record is a radio, left unanswered when neither is chosen.
        var form = Input ?? new OfficerInput(null, null, null, null, null, null, null, null, null, null, null, null);
        Input = form with
        {
            OfficerId = null, CitizenshipAttested = form.CitizenshipAttested ?? false, DetentionTrained = form.DetentionTrained ?? false,
            ForceAllegation = form.ForceAllegation ?? false, DiscriminationAllegation = form.DiscriminationAllegation ?? false,
        };
        var result = await workflow.NominateAsync(id, Me, Input, ct);
        if (result.IsSuccess) return Redirect($"/staff/officers/{result.Value.Id}?done=nominated");
        if (result.Error!.Code == AgreementErrors.NotFound.Code) return NotFound();
        Show(result.Error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, CancellationToken ct)
    {
        var csv = await OfficersApi.ReadRosterAsync(Request, ct);
        var result = csv.IsSuccess ? await workflow.ImportRosterAsync(id, Me, csv.Value, ct) : csv.Error!;
        if (result.IsSuccess)
        {
            if (!await LoadAsync(id, ct)) return NotFound();
            return Redirect($"/staff/agencies/{AgencyId}/officers?agreementId={id}");
        }
        if (result.Error!.Code == AgreementErrors.NotFound.Code) return NotFound();
        if (result.Error.Code == "roster.rows_invalid")
        {
            ImportErrors = result.Error.Fields;
            ModelState.AddModelError("file", result.Error.Message);
            Response.StatusCode = Problems.StatusOf(result.Error.Kind);
        }
        else Show(result.Error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var agreement = await db.Agreements.AsNoTracking().Where(a => a.Id == id && db.AgenciesInScope.Any(s => s.Id == a.AgencyId))
            .Select(a => new { a.Id, a.AgencyId, a.Model, AgencyName = a.Agency.Name }).FirstOrDefaultAsync(ct);
        if (agreement is null) return false;
        (AgreementId, AgencyId, Kind, AgencyName) = (agreement.Id, agreement.AgencyId, agreement.Model, agreement.AgencyName);
        return true;
    }
}
