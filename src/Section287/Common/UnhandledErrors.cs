using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Section287.Common;

/// <summary>
/// Last line: a stale edit is a 409, a write outside the user's scope a 404 (a foreign record looks
/// missing), bad request framing a 400, anything else a 500 with a correlation id and no stack trace.
/// </summary>
public sealed class UnhandledErrors(IProblemDetailsService problems, ILogger<UnhandledErrors> log) : IExceptionHandler
{
    public static (int Status, string Code, string Title) Classify(Exception exception) => IsBusy(exception)
        ? (503, "database.busy", "The database is busy; nothing was saved. Try again in a few seconds.")
        : exception switch
    {
        DbUpdateConcurrencyException => (409, CommonErrors.StaleEdit.Code, CommonErrors.StaleEdit.Message),
        TenancyViolationException => (404, "record.not_found", "No such record."),
        UnstorableTextException => (400, "request.nul_character", "The text contains a NUL character, which cannot be stored; remove it and send it again."),
        BadHttpRequestException { StatusCode: 413 } => (413, BodyLimits.TooLargeCode, BodyLimits.TooLargeTitle),
        BadHttpRequestException bad => (bad.StatusCode, "request.invalid", "The request could not be read."),
        _ => (500, "server.error", "Something went wrong on our side. The error was logged; quote the correlation id when you report it."),
    };

    /// <summary>Seconds a client should wait after a 503 for a busy database.</summary>
    public const int BusyRetryAfterSeconds = 5;

    /// <summary>
    /// The database could not take the write in time (issue 14, item 6): SQLite busy or locked past the command timeout, a PostgreSQL
    /// lock or statement timeout, a deadlock, an exhausted pool, or the app's own wait at the audit chain's tail. A 503 with Retry-After:
    /// the transaction was rolled back whole, so trying again is safe.
    /// </summary>
    public static bool IsBusy(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DatabaseBusyException or TimeoutException) return true;
            if (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 5 or 6 }) return true;
            if (e is Npgsql.PostgresException { SqlState: "55P03" or "57014" or "40P01" or "53300" }) return true;
        }
        return false;
    }

    /// <summary>A person's browser asking for a page (not the API, not a machine): it gets the site's HTML error page.</summary>
    public static bool WantsPage(HttpRequest request) =>
        !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/openapi") && !request.Path.StartsWithSegments("/health")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code, title) = Classify(exception);
        if (status == 503) context.Response.Headers.RetryAfter = BusyRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (status >= 500) log.LogError(exception, "Unhandled error {CorrelationId} on {Path}", context.TraceIdentifier, context.Request.Path);
        else log.LogWarning("{Code} on {Path}: {Message} ({CorrelationId})", code, context.Request.Path, exception.Message, context.TraceIdentifier);
        // Not handled here: the exception handler then re-executes the request as /error, the page in the site's layout.
        if (WantsPage(context.Request)) return false;

        context.Response.StatusCode = status;
        var details = new ProblemDetails { Status = status, Title = title, Type = $"https://section287.example/problems/{code}" };
        details.Extensions["code"] = code;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = null });
    }
}

/// <summary>A write waited longer than the database's command timeout for its turn at the audit chain's tail.</summary>
public sealed class DatabaseBusyException(string message) : Exception(message);
