using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Agreements.Pages;

/// <summary>
/// One version of an agreement as accessible HTML: each section under its heading, what an amendment changed
/// (before and after), and the signatures. The same version as a tagged PDF. ICE edits a draft's sections here.
/// </summary>
public sealed class AgreementVersionModel(AgreementWorkflow workflow) : StaffPage
{
    public VersionView? Version { get; private set; }

    public AgreementView? Agreement { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public string? Section { get; set; }

    [BindProperty] public string? Text { get; set; }

    public bool CanEdit => MyRole == Role.ProgramOffice && Version?.Status == "draft";

    public async Task<IActionResult> OnGetAsync(Guid id, int number, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, number, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, int number, CancellationToken ct)
    {
        var pdf = await workflow.PdfAsync(id, number, ct);
        if (!pdf.IsSuccess) return NotFound();
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(pdf.Value.Pdf, "application/pdf", pdf.Value.FileName);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number, CancellationToken ct)
    {
        var result = await workflow.EditDraftAsync(id, Section ?? "", Me, new EditSectionInput(Text), ct);
        if (result.IsSuccess) return Redirect($"/staff/agreements/{id}/versions/{number}?done={Uri.EscapeDataString(Section ?? "")}#section-{Section}");
        if (result.Error!.Code == AgreementErrors.NotFound.Code) return NotFound();
        Show(Renamed(result.Error, ("text", $"text-{Section}")), $"text-{Section}");
        return await LoadAsync(id, number, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, int number, CancellationToken ct)
    {
        var agreement = await workflow.GetAsync(id, ct);
        if (!agreement.IsSuccess) return false;
        var version = await workflow.GetVersionAsync(id, number, ct);
        if (!version.IsSuccess) return false;
        Agreement = agreement.Value;
        Version = version.Value;
        return true;
    }
}
