using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Pages;

/// <summary>The program office's moderation queue: every pending public comment, oldest first, to publish or reject with a reason.</summary>
public sealed class CommentsModel(PublicApplications pub) : StaffPage
{
    public Page<ModerationItem>? Pending { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public string? Decision { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public Guid? Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        Done = done;
        await LoadAsync(page, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid commentId, CancellationToken ct)
    {
        var result = await pub.ModerateAsync(commentId, Me, new ModerateInput(Decision, Reason), ct);
        if (result.IsSuccess) return Redirect($"/staff/comments?done={result.Value.Status}");
        Failed = commentId;
        Show(result.Error!, "reason", "decision");
        await LoadAsync(null, ct);
        return Page();
    }

    private async Task LoadAsync(int? page, CancellationToken ct)
    {
        var result = await pub.PendingAsync(Me, page, null, ct);
        if (result.IsSuccess) Pending = result.Value;
        else Show(result.Error!);
    }
}
