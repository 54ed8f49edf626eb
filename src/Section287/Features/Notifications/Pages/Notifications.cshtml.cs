using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Work;

namespace Section287.Features.Notifications.Pages;

public sealed class NotificationsModel(WorkQueries queries) : StaffPage
{
    public Page<NotificationView>? Items { get; private set; }

    public bool UnreadOnly { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool unread, [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        UnreadOnly = unread;
        var result = await queries.NotificationsAsync(Me, unread, page, null, ct);
        if (result.IsSuccess) Items = result.Value;
        else Show(result.Error!);
        return Page();
    }

    /// <summary>Marks one read and goes where it points.</summary>
    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        var result = await queries.MarkReadAsync(Me, id, ct);
        if (!result.IsSuccess) return NotFound();
        return LocalRedirect(result.Value.Link);
    }
}
