using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Agreements;

namespace Section287.Features.Agreements.Pages;

/// <summary>
/// An amendment: the text in force, section by section, to change. Only the sections whose text changed are sent;
/// the amendment is a new version that waits for both signatures while the version in force stays in force.
/// </summary>
public sealed class AgreementAmendModel(AgreementWorkflow workflow) : StaffPage
{
    public AgreementView? Agreement { get; private set; }

    public IReadOnlyList<AgreementSection> Current { get; private set; } = [];

    [BindProperty] public string? Summary { get; set; }

    [BindProperty] public Dictionary<string, string> Sections { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var changed = Sections.Where(kv => Current.FirstOrDefault(s => s.Key == kv.Key) is not { } s || Normal(s.Text) != Normal(kv.Value))
            .ToDictionary(kv => kv.Key, kv => kv.Value);
        var result = await workflow.AmendAsync(id, Me, new AmendInput(Summary, changed), ct);
        if (result.IsSuccess) return Redirect($"/staff/agreements/{id}?done=amended");
        if (result.Error!.Code == AgreementErrors.NotFound.Code) return NotFound();
        Show(result.Error, "summary", "sections");
        return Page();
    }

    private static string Normal(string? text) => (text ?? "").Replace("\r\n", "\n").Trim();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var agreement = await workflow.GetAsync(id, ct);
        if (!agreement.IsSuccess) return false;
        Agreement = agreement.Value;
        if (Agreement.CurrentVersion is { } number && await workflow.GetVersionAsync(id, number, ct) is { IsSuccess: true } version)
            Current = version.Value.Sections;
        else
            Current = AgreementTemplate.Sections.Select(s => new AgreementSection(s.Key, AgreementTemplate.TitleOf(s.Key) ?? s.Title, "")).ToList();
        return true;
    }
}
