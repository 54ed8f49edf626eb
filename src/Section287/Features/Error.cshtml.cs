using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;

namespace Section287.Features;

/// <summary>
/// What a person's browser shows when a page fails or is not there: the site's layout, in the reader's language, what
/// happened in plain words and the correlation id to quote. The API answers the same failures as RFC 9457 problems.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    public string CorrelationId { get; private set; } = "";

    public IActionResult OnGet(int? status) => Show(status);

    public IActionResult OnPost(int? status) => Show(status);

    private IActionResult Show(int? status)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        // Opened directly, with nothing that failed, the page is not there.
        Status = failure is not null ? UnhandledErrors.Classify(failure).Status : reExecuted && status is >= 400 and < 600 ? status.Value : 404;
        CorrelationId = HttpContext.TraceIdentifier;
        Response.StatusCode = Status;
        return Page();
    }

    public string Kind => Status switch
    {
        404 => "404",
        403 => "403",
        409 => "409",
        >= 500 => "500",
        _ => "400",
    };
}
