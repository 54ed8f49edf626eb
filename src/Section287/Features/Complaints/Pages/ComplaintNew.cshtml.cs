using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Complaints.Pages;

/// <summary>
/// Staff intake of a complaint that came by telephone, mail, in person or e-mail: the coordinator for the agency, ICE for ICE (which
/// decides who tells whom). The person's words and contact are encrypted as on the public form.
/// </summary>
public sealed class ComplaintNewModel(ComplaintWorkflow workflow, AppDbContext db) : StaffPage
{
    private static readonly string[] FormFields = ["agencyId", "channel", "receivedAt", "language", "narrative", "occurredOn", "categories", "anonymous",
        "name", "email", "phone", "address", "consent", "encounterNumber", "caseReference", "agreementId"];

    public IReadOnlyList<(Guid Id, string Name)> Agencies { get; private set; } = [];

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    [BindProperty] public Guid? AgencyId { get; set; }

    [BindProperty] public string? Channel { get; set; }

    [BindProperty] public DateTime? ReceivedAt { get; set; }

    [BindProperty] public string? Language { get; set; } = "en";

    [BindProperty] public string? Narrative { get; set; }

    [BindProperty] public string? OccurredOn { get; set; }

    [BindProperty] public List<string> Categories { get; set; } = [];

    [BindProperty] public bool Anonymous { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? Address { get; set; }

    [BindProperty] public bool Consent { get; set; }

    [BindProperty] public string? EncounterNumber { get; set; }

    [BindProperty] public string? CaseReference { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid? agency, CancellationToken ct)
    {
        AgencyId = agency;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await workflow.TakeAsync(Me, new ComplaintInput(AgencyId, Language, Narrative, OccurredOn, Categories, Anonymous, Name, Email, Phone,
            Address, Consent, Channel, StaffFormat.FromInput(ReceivedAt), null, EncounterNumber, CaseReference), ct);
        if (result.IsSuccess) return Redirect($"/staff/complaints/{result.Value.Id}?done=taken");
        Show(result.Error! with { Fields = result.Error!.Fields.ToDictionary(f => f.Key, f => f.Value.Select(Common.Texts.Pick).ToArray()) }, FormFields);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (IsCoordinator || MyRole is not (Role.ProgramOffice or Role.FieldSupervisor)) return;
        Agencies = (await db.AgenciesInScope.AsNoTracking().Where(a => db.Agreements.Any(g => g.AgencyId == a.Id)).OrderBy(a => a.State).ThenBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.State }).ToListAsync(ct)).Select(a => (a.Id, $"{a.State}: {a.Name}")).ToList();
    }
}
