using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Public;

/// <summary>
/// An application as the public sees it (agency, models, objectives, meetings, published comments), and while
/// its comment period is open a comment form that needs no account: English or Spanish, name optional.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(RateLimits.AnonymousWrite)]
public sealed class ApplicationModel(PublicApplications pub) : PageModel
{
    public PublicApplication? Application { get; private set; }

    public bool Sent { get; private set; }

    [BindProperty] public string? Language { get; set; }

    [BindProperty] public string? Name { get; set; }

    [BindProperty] public string? Body { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool sent, int? commentPage, CancellationToken ct)
    {
        Sent = sent;
        Language = Texts.Lang;
        return await LoadAsync(id, ct, commentPage);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await pub.CommentAsync(id, new CommentInput(Language, Name, Body), ct);
        if (result.IsSuccess) return Redirect($"/applications/{id}?sent=true#comment-sent");
        var error = result.Error!;
        if (error.Kind == ErrorKind.NotFound) return await LoadAsync(id, ct);
        // Public messages are written "English / Spanish" in the domain; the page shows the reader's language.
        if (error.Fields.Count == 0) ModelState.AddModelError("", Texts.Pick(error.Message));
        foreach (var (field, messages) in error.Fields)
        {
            foreach (var message in messages) ModelState.AddModelError(field, Texts.Pick(message));
        }
        Response.StatusCode = Problems.StatusOf(error.Kind);
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<IActionResult> LoadAsync(Guid id, CancellationToken ct, int? commentPage = null)
    {
        var result = await pub.GetAsync(id, ct, commentPage);
        if (!result.IsSuccess)
        {
            // Not found, or a page of comments that cannot exist: the page says so, with the matching status.
            Response.StatusCode = Problems.StatusOf(result.Error!.Kind);
            return Page();
        }
        Application = result.Value;
        return Page();
    }
}
