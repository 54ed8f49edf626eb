using Microsoft.AspNetCore.Mvc;
using Section287.Features.Shared;

namespace Section287.Features.Evidence.Pages;

/// <summary>One dataset: what was imported, OPP's three tests with what each can and cannot show, the decision log, downloads.</summary>
[RequestSizeLimit(EvidenceFeature.MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = EvidenceFeature.MaxUpload)]
public sealed class DatasetModel(StopDatasets datasets) : StaffPage
{
    public StopDatasetView? Dataset { get; private set; }

    public OppResult? Analysis { get; private set; }

    public bool MayReplace => Dataset is { } d && StopDatasets.CanImport(Me, d.AgencyId);

    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError("file", "Choose the stop file (CSV) that replaces this dataset's stops.");
            Response.StatusCode = 400;
            await LoadAsync(id, ct);
            return Page();
        }
        await using var stream = Upload.OpenReadStream();
        var replaced = await datasets.ReplaceAsync(Me, id, new DatasetInput(null, null, null, null, null, null, null, null, null), stream, Upload.FileName, ct);
        if (replaced.IsSuccess) return Redirect($"/staff/evidence/{id}");
        Show(replaced.Error!);
        var status = Response.StatusCode;
        await LoadAsync(id, ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        var view = await datasets.GetAsync(Me, id, ct);
        if (!view.IsSuccess)
        {
            Show(view.Error!);
            return;
        }
        Dataset = view.Value;
        var analysis = await datasets.AnalyseAsync(Me, id, false, ct);
        if (analysis.IsSuccess) Analysis = analysis.Value;
    }

    public static string Rate(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string Percent(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture) : "—";

    public static string P(double v) => !double.IsFinite(v) ? "—" : v < 0.0001 ? "< 0.0001" : v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
}
