using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Shared;

namespace Section287.Features.Oversight.Pages;

/// <summary>An agreement's steering committee and review meetings: record one with its action items, approve its public summary, close items.</summary>
public sealed class MeetingsModel(MeetingWorkflow workflow, AppDbContext db) : StaffPage
{
    private static readonly string[] FormFields = ["kind", "heldOn", "agenda", "iceAttendees", "agencyAttendees", "communityAttendees", "minutes",
        "publicSummary", "actions[0]", "note"];

    public IReadOnlyList<MeetingView> Meetings { get; private set; } = [];

    public string? Label { get; private set; }

    public AgreementModel Model { get; private set; }

    public Guid AgreementId { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public string? Kind { get; set; }

    [BindProperty] public DateOnly? HeldOn { get; set; }

    [BindProperty] public string? Agenda { get; set; }

    [BindProperty] public string? IceAttendees { get; set; }

    [BindProperty] public string? AgencyAttendees { get; set; }

    [BindProperty] public string? CommunityAttendees { get; set; }

    [BindProperty] public string? Minutes { get; set; }

    [BindProperty] public string? PublicSummary { get; set; }

    [BindProperty] public string? Recommendation { get; set; }

    [BindProperty] public string? Side { get; set; }

    [BindProperty] public string? Owner { get; set; }

    [BindProperty] public DateOnly? DueOn { get; set; }

    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        IReadOnlyList<ActionItemInput> actions = string.IsNullOrWhiteSpace(Recommendation) ? [] : [new(Recommendation, Side, Owner, DueOn)];
        return await After(id, "recorded", (await workflow.RecordAsync(id, Me, new MeetingInput(Kind, HeldOn, Agenda, IceAttendees, AgencyAttendees,
            CommunityAttendees, Minutes, PublicSummary, actions), ct)).Error, ct);
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await After(id, "approved", (await workflow.ApproveSummaryAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostDoneAsync(Guid id, CancellationToken ct) =>
        await After(id, "done", (await workflow.DoneAsync(TargetId ?? Guid.Empty, Me, new DoneInput(Note), ct)).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/agreements/{id}/meetings?done={done}");
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error, FormFields);
        var status = Response.StatusCode;
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await db.Agreements.AsNoTracking().Where(a => a.Id == id && db.AgenciesInScope.Any(s => s.Id == a.AgencyId))
            .Select(a => new { a.Model, a.Agency.Name }).FirstOrDefaultAsync(ct);
        if (found is null) return false;
        AgreementId = id;
        Model = found.Model;
        Label = $"{found.Name}, {found.Model.IceName()}";
        var meetings = await workflow.ListAsync(id, ct);
        if (meetings.IsSuccess) Meetings = meetings.Value;
        return true;
    }
}
