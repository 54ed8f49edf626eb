using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Shared;

namespace Section287.Features.Costs.Pages;

/// <summary>
/// One agreement's quarter of costs: the coordinator enters each officer's hours and pay, training and equipment, and sends it when
/// the quarter has ended; ICE's program office returns or approves it, and a second person of the program office records the payment.
/// Every form works without script; a refused form comes back with what was typed.
/// </summary>
public sealed class QuarterModel(CostWorkflow workflow, AppDbContext db) : StaffPage
{
    private static readonly string[] FormFields = ["trainingCost", "equipmentCost", "leadsProvided", "leadsLocated", "officers", "reason", "amount", "note",
        "reference"];

    public QuarterCostView? Quarter { get; private set; }

    /// <summary>The agency's officers not on the quarter yet, to add one (an officer in training, say).</summary>
    public IReadOnlyList<(Guid Id, string Name)> OtherOfficers { get; private set; } = [];

    [BindProperty] public QuarterCostInput? Entry { get; set; }

    [BindProperty] public ReturnInput? Return { get; set; }

    [BindProperty] public ApproveInput? Approval { get; set; }

    [BindProperty] public PaymentInput? Payment { get; set; }

    public string? Done { get; private set; }

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        // The blank row for adding an officer is left out when no officer was chosen in it.
        var entry = Entry ?? new QuarterCostInput(null, null, null, null, null, null, null);
        entry = entry with { Officers = (entry.Officers ?? []).Where(o => o.OfficerId is not null).ToList() };
        return await After(id, "saved", (await workflow.SaveAsync(id, Me, entry, ct)).Error, ct);
    }

    public async Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) =>
        await After(id, "submitted", (await workflow.SubmitAsync(id, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) =>
        await After(id, "returned", (await workflow.ReturnAsync(id, Me, Return ?? new(null), ct)).Error, ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) =>
        await After(id, "approved", (await workflow.ApproveAsync(id, Me, Approval ?? new(null, null), ct)).Error, ct);

    public async Task<IActionResult> OnPostPayAsync(Guid id, CancellationToken ct) =>
        await After(id, "paid", (await workflow.PayAsync(id, Me, Payment ?? new(null, null), ct)).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/costs/{id}?done={done}");
        if (error.Code == CostWorkflow.NotFound.Code) return NotFound();
        Show(error, FormFields);
        var status = Response.StatusCode;
        var page = await LoadAsync(id, ct);
        Response.StatusCode = status;
        return page;
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.GetAsync(id, Me, ct);
        if (!result.IsSuccess)
        {
            if (result.Error!.Code == CostWorkflow.WhoReads.Code) return Forbid();
            return NotFound();
        }
        Quarter = result.Value;
        if (Quarter.Status is "draft" or "returned" && IsCoordinator)
        {
            var on = Quarter.Officers.Select(o => o.OfficerId).ToList();
            OtherOfficers = (await db.Officers.AsNoTracking().Where(o => o.AgencyId == Quarter.AgencyId && !on.Contains(o.Id) && o.SeparatedAt == null)
                .OrderBy(o => o.FullName).Take(500).Select(o => new { o.Id, o.FullName, o.BadgeNumber }).ToListAsync(ct))
                .Select(o => (o.Id, $"{o.FullName} (badge {o.BadgeNumber})")).ToList();
        }
        return Page();
    }

    public static string Money(decimal? d) => d is { } v ? v.ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("en-US")) : "—";

    public static string Plain(decimal? d) => d is { } v ? v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) : "";

    public static string StatusText(string status) => status switch
    {
        "draft" => "Being entered by the agency",
        "submitted" => "Sent to ICE: waiting for the program office's review",
        "returned" => "Returned by ICE: the agency corrects it and sends it again",
        "approved" => "Approved by ICE: waiting for payment",
        "paid" => "Paid by ICE",
        "reported" => "Recorded (no reimbursement is offered for this agreement or quarter)",
        _ => status,
    };

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "saved" => "The quarter's costs were saved. Send them to ICE once the quarter has ended.",
        "submitted" => "The quarter was sent. Its amounts are computed and kept as sent.",
        "returned" => "The claim was returned to the agency with your reason.",
        "approved" => "The claim was approved. A second person of the program office records the payment.",
        "paid" => "The payment was recorded.",
        _ => "",
    });
}
