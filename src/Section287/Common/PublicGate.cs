namespace Section287.Common;

/// <summary>
/// Keeps a flood of public reads from slowing staff work (issue 17): requests from someone not signed in take turns through
/// <c>Limits:PublicConcurrency</c> slots (default half the processors, at least one) and wait in a queue of at most
/// <c>Limits:PublicQueue</c> (default 1,000) — the queue costs memory, not processor time — while signed-in staff pass
/// straight through. A public request past the queue is answered 503 with <c>Retry-After: 1</c>. Static files and /health are
/// served before this gate; the sign-in pages and the token endpoint are not gated (staff sign in there). Decision: a share of the processors, not a rate per address, because a news-driven spike comes from
/// many addresses at once; the per-address limits of <see cref="RateLimits"/> still apply to public writes.
/// </summary>
public sealed class PublicGate(RequestDelegate next, IConfiguration configuration)
{
    public const string BusyCode = "request.public_busy";

    private readonly SemaphoreSlim _slots = new(Math.Max(1, configuration.GetValue("Limits:PublicConcurrency", Environment.ProcessorCount / 2)));
    private readonly int _queue = configuration.GetValue("Limits:PublicQueue", 1_000);
    private int _waiting;

    public async Task InvokeAsync(HttpContext context)
    {
        // Staff signing in are not the public: the sign-in pages and the token endpoint pass too (their own rate limits apply).
        if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/health")
            || context.Request.Path.StartsWithSegments("/account") || context.Request.Path.StartsWithSegments("/api/v1/auth"))
        {
            await next(context);
            return;
        }
        if (!_slots.Wait(0))
        {
            if (Interlocked.Increment(ref _waiting) > _queue)
            {
                Interlocked.Decrement(ref _waiting);
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsJsonAsync(new
                {
                    type = $"https://section287.example/problems/{BusyCode}", title = "Many people are reading the public pages right now. Try again in a moment.",
                    status = 503, code = BusyCode,
                }, options: null, contentType: "application/problem+json");
                return;
            }
            try
            {
                await _slots.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
        try
        {
            await next(context);
        }
        finally
        {
            _slots.Release();
        }
    }
}
