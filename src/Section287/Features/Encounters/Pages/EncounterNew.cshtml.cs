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
public sealed class EncounterNewModel(EncounterWorkflow workflow, EncounterDrafts drafts) : StaffPage
{
    public static readonly string[] FormFields =
    [
        "agreementId", "occurredAt", "location", "lateReason", "basis.kind", "basis.bookingNumber", "basis.charges", "basis.arrestedAt",
            "basis.bookedAt", "basis.stopKind",
        "basis.offense", "basis.jurisdiction", "basis.warrantForm", "basis.warrantNumber", "basis.warrantSignedBy", "basis.warrantSignedOn",
            "person.name", "person.dateOfBirth",
        "perception", "perception.races", "perception.gender", "perception.age", "perception.limitedEnglish", "perception.disabilities",
            "perception.interpreterNeeded",
        "perception.interpreterLanguage", "perception.interpreterOffered", "scheduledReleaseAt", "deconflictionReference",
        "stop", "stop.type", "stop.searchConducted", "stop.searchBasis", "stop.contrabandFound", "stop.outcome", "stop.district",
    ];

    public AgreementModel? Kind { get; private set; }

    [BindProperty(SupportsGet = true)] public Guid? AgreementId { get; set; }

    /// <summary>The API's own input record; the form's field names are its members' paths (<c>Basis.BookingNumber</c>), bound without a prefix.</summary>
    [BindProperty] public EncounterInput? Input { get; set; }

    /// <summary>When the form on the page came from the officer's draft, when that was saved.</summary>
    public DateTime? DraftSavedAt { get; private set; }

    /// <summary>"saved" or "discarded", after the no-script draft buttons.</summary>
    [BindProperty(SupportsGet = true)] public string? Draft { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/staff/encounters");
        if (await drafts.RestoreAsync(Me, AgreementId!.Value, ct) is { } restored)
        {
            Input = restored.Input;
            DraftSavedAt = restored.SavedAt;
        }
        return Page();
    }

    /// <summary>Keeps the form as typed, encrypted, for this officer: the script calls it a few seconds after each change; without script, the button.</summary>
    public async Task<IActionResult> OnPostDraftAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/staff/encounters");
        await drafts.SaveAsync(Me, AgreementId!.Value, Input ?? Empty, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal)) return new NoContentResult();
        return Redirect($"/staff/encounters/new?agreementId={AgreementId}&draft=saved");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/staff/encounters");
        await drafts.DiscardAsync(Me, AgreementId!.Value, ct);
        return Redirect($"/staff/encounters/new?agreementId={AgreementId}&draft=discarded");
    }

    private static readonly EncounterInput Empty = new(null, null, null, null, null, null, null, null, null, null, null);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/staff/encounters");
        // The form sends times in the reader's zone and the basis without its kind (the agreement's model decides it);
        // the bound record is kept as typed, so a refused form shows back what was entered.
        static DateTime? Utc(DateTime? t) => StaffFormat.FromInput(t);
        var form = Input ?? Empty;
        var basis = form.Basis ?? new BasisInput(null, null, null, null, null, null, null, null, null, null, null, null);
        var input = form with
        {
            AgreementId = AgreementId,
            OccurredAt = Utc(form.OccurredAt),
            Basis = basis with
            {
                Kind = Kind switch { AgreementModel.Jail => "booking", AgreementModel.TaskForce => "stop_or_arrest", _ => "warrant" },
                ArrestedAt = Utc(basis.ArrestedAt), BookedAt = Utc(basis.BookedAt),
            },
            Perception = form.Perception ?? new PerceptionInput([], null, null, null, [], null, null),
            ScheduledReleaseAt = Utc(form.ScheduledReleaseAt), DeconflictedAt = Utc(form.DeconflictedAt),
            Planned = form.Planned ?? false,
        };
        var result = await workflow.OpenAsync(Me, input, ct);
        if (result.IsSuccess)
        {
            await drafts.DiscardAsync(Me, AgreementId!.Value, ct);
            return Redirect($"/staff/encounters/{result.Value.Id}?done=opened");
        }
        // A refused form is kept as a draft too: if the session ends before it is corrected, nothing typed is lost.
        await drafts.SaveAsync(Me, AgreementId!.Value, form, ct);
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
