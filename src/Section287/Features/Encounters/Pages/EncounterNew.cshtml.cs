using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>
/// A designated officer records an encounter under one of their agreements: the lawful basis first (the model decides which),
/// then the place and time, the person (encrypted on save), and their perception of the person as the stop-data rules define it.
/// Times are entered and shown in UTC.
/// </summary>
public sealed class EncounterNewModel(EncounterWorkflow workflow) : StaffPage
{
    public static readonly string[] FormFields =
    [
        "agreementId", "occurredAt", "location", "lateReason", "basis.kind", "basis.bookingNumber", "basis.charges", "basis.arrestedAt", "basis.bookedAt", "basis.stopKind",
        "basis.offense", "basis.jurisdiction", "basis.warrantForm", "basis.warrantNumber", "basis.warrantSignedBy", "basis.warrantSignedOn", "person.name", "person.dateOfBirth",
        "perception", "perception.races", "perception.gender", "perception.age", "perception.limitedEnglish", "perception.disabilities", "perception.interpreterNeeded",
        "perception.interpreterLanguage", "perception.interpreterOffered", "scheduledReleaseAt", "deconflictionReference",
    ];

    public Section287.Features.Agreements.AgreementModel? Kind { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? AgreementId { get; set; }

    [BindProperty] public DateTime? OccurredAt { get; set; }

    [BindProperty] public string? Location { get; set; }

    [BindProperty] public string? LateReason { get; set; }

    [BindProperty] public string? BookingNumber { get; set; }

    [BindProperty] public string? Charges { get; set; }

    [BindProperty] public DateTime? ArrestedAt { get; set; }

    [BindProperty] public DateTime? BookedAt { get; set; }

    [BindProperty] public string? StopKind { get; set; }

    [BindProperty] public string? Offense { get; set; }

    [BindProperty] public string? Jurisdiction { get; set; }

    [BindProperty] public string? WarrantForm { get; set; }

    [BindProperty] public string? WarrantNumber { get; set; }

    [BindProperty] public string? WarrantSignedBy { get; set; }

    [BindProperty] public DateOnly? WarrantSignedOn { get; set; }

    [BindProperty] public string? PersonName { get; set; }

    [BindProperty] public DateOnly? DateOfBirth { get; set; }

    [BindProperty] public string? FbiNumber { get; set; }

    [BindProperty] public string? ANumber { get; set; }

    [BindProperty] public List<string> Races { get; set; } = [];

    [BindProperty] public string? Gender { get; set; }

    [BindProperty] public int? Age { get; set; }

    [BindProperty] public string? LimitedEnglish { get; set; }

    [BindProperty] public List<string> Disabilities { get; set; } = [];

    [BindProperty] public string? InterpreterNeeded { get; set; }

    [BindProperty] public string? InterpreterLanguage { get; set; }

    [BindProperty] public string? InterpreterOffered { get; set; }

    [BindProperty] public DateTime? ScheduledReleaseAt { get; set; }

    [BindProperty] public bool Planned { get; set; }

    [BindProperty] public string? DeconflictionReference { get; set; }

    [BindProperty] public DateTime? DeconflictedAt { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Redirect("/staff/encounters");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/staff/encounters");
        static DateTime? Utc(DateTime? t) => StaffFormat.FromInput(t);
        static bool? YesNo(string? v) => v switch { "yes" => true, "no" => false, _ => null };
        var basis = Kind switch
        {
            Section287.Features.Agreements.AgreementModel.Jail => new BasisInput("booking", BookingNumber, Charges, Utc(ArrestedAt), Utc(BookedAt), null, null, null, null, null, null, null),
            Section287.Features.Agreements.AgreementModel.TaskForce => new BasisInput("stop_or_arrest", null, null, null, null, StopKind, Offense, Jurisdiction, null, null, null, null),
            _ => new BasisInput("warrant", null, null, null, null, null, null, null, WarrantForm, WarrantNumber, WarrantSignedBy, WarrantSignedOn),
        };
        var input = new EncounterInput(AgreementId, Utc(OccurredAt), Location, basis, new PersonInput(PersonName, DateOfBirth, FbiNumber, ANumber),
            new PerceptionInput(Races, Gender, Age, YesNo(LimitedEnglish), Disabilities, YesNo(InterpreterNeeded), InterpreterLanguage, YesNo(InterpreterOffered)),
            Utc(ScheduledReleaseAt), Planned, DeconflictionReference, Utc(DeconflictedAt), LateReason);
        var result = await workflow.OpenAsync(Me, input, ct);
        if (result.IsSuccess) return Redirect($"/staff/encounters/{result.Value.Id}?done=opened");
        Show(result.Error!, FormFields);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var mine = await workflow.MyAgreementsAsync(Me, ct);
        // An officer under one agreement needs no choice; under several, the encounters page asks which.
        if (AgreementId is null && mine.Count == 1) AgreementId = mine[0].Id;
        var chosen = mine.FirstOrDefault(a => a.Id == AgreementId);
        if (chosen.Id == Guid.Empty) return false;
        Kind = chosen.Model;
        return true;
    }
}
