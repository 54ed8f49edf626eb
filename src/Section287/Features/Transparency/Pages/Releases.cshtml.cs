using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Transparency.Pages;

/// <summary>Public releases: the program office asks to publish a kind of figure; ICE's public affairs and privacy offices approve or decline.</summary>
public sealed class ReleasesModel(ReleaseWorkflow workflow) : StaffPage
{
    private static readonly string[] FormFields = ["kind", "reason"];

    public IReadOnlyList<ReleaseView> Releases { get; private set; } = [];

    public string? Done { get; private set; }

    public bool MayRead { get; private set; }

    [BindProperty] public Guid? TargetId { get; set; }

    [BindProperty] public string? Kind { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        Done = done;
        await LoadAsync(ct);
        if (!MayRead) Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await After("requested", (await workflow.RequestAsync(Me, new ReleaseInput(Kind, Reason), ct)).Error, ct);

    public async Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        await After("approved", (await workflow.ApproveAsync(TargetId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) =>
        await After("declined", (await workflow.DeclineAsync(TargetId ?? Guid.Empty, Me, new DeclineInput(Reason), ct)).Error, ct);

    private async Task<IActionResult> After(string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/releases?done={done}");
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error, FormFields);
        var status = Response.StatusCode;
        await LoadAsync(ct);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = await workflow.ListAsync(Me, ct);
        MayRead = list.IsSuccess;
        if (list.IsSuccess) Releases = list.Value;
    }

    public static string Status(ReleaseView r) => r.Status switch
    {
        "approved" => Texts.S("Approved {0}", StaffFormat.Time(r.ApprovedAt)),
        "declined" => Texts.S("Declined {0} by {1}: {2}", StaffFormat.Time(r.DeclinedAt), r.DeclinedBy, r.DeclineReason),
        _ => (r.PublicAffairsAt, r.PrivacyAt) switch
        {
            (null, null) => Texts.S("Waiting for the Office of Public Affairs and the Privacy Office"),
            (null, _) => Texts.S("Waiting for the Office of Public Affairs"),
            _ => Texts.S("Waiting for the Privacy Office"),
        },
    };
}
