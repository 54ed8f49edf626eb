using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>Encounters in the user's scope, newest first: a designated officer's own, an agency's, an ICE area's. The officer records a new one from here.</summary>
public sealed class EncountersModel(EncounterWorkflow workflow) : StaffPage
{
    public KeysetPage<EncounterSummary>? Results { get; private set; }

    public IReadOnlyList<(Guid Id, Section287.Features.Agreements.AgreementModel Model, string Status)> MyAgreements { get; private set; } = [];

    public string? Status { get; private set; }

    public bool IsOfficer => MyRole == Role.DesignatedOfficer;

    /// <summary>The cursor this page started after; null on the first page.</summary>
    public string? After { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? status, string? after, CancellationToken ct)
    {
        Status = status;
        After = string.IsNullOrEmpty(after) ? null : after;
        var result = await workflow.ListAsync(Me, null, string.IsNullOrEmpty(status) ? null : status, After, 50, ct);
        if (result.IsSuccess) Results = result.Value;
        else Show(result.Error!);
        if (IsOfficer) MyAgreements = await workflow.MyAgreementsAsync(Me, ct);
        return Page();
    }
}
