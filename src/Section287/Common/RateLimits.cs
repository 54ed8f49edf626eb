using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Section287.Common;

/// <summary>
/// How often the anonymous may write and anyone may try to sign in, per client address (issue 14, item 8): past the limit the
/// answer is 429 with Retry-After. <c>RateLimits:SignInPerMinute</c> (10: sign-in page, second-factor page, token) and
/// <c>RateLimits:AnonymousWritesPerMinute</c> (5: public comments, by page and API). The address is the client's as the
/// forwarded headers of a known proxy give it. Per account, the sign-in lock (five wrong passwords) is the limit: a limiter
/// keyed on the account would have to read the body before authentication, and the lock already counts every guess.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string AnonymousWrite = "anonymous-write";

    public static IServiceCollection AddSection287RateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signIn = configuration.GetValue("RateLimits:SignInPerMinute", 10);
        var writes = configuration.GetValue("RateLimits:AnonymousWritesPerMinute", 5);
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Reading a page is never limited here; only what is sent to it.
            o.AddPolicy(SignIn, context => IsRead(context) ? RateLimitPartition.GetNoLimiter("read") : PerAddress(context, signIn));
            o.AddPolicy(AnonymousWrite, context => IsRead(context) ? RateLimitPartition.GetNoLimiter("read") : PerAddress(context, writes));
            o.OnRejected = async (rejected, ct) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(retry.TotalSeconds);
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (UnhandledErrors.WantsPage(rejected.HttpContext.Request))
                {
                    // A person at a form: a plain page in both languages, no script, nothing to load.
                    rejected.HttpContext.Response.ContentType = "text/html; charset=utf-8";
                    await rejected.HttpContext.Response.WriteAsync($"""
                        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Too many requests</title></head><body><main>
                        <h1>Too many requests</h1><p>Too many forms were sent from your address. Wait {seconds} seconds, then go back and send it again.</p>
                        <p lang="es">Se enviaron demasiados formularios desde su dirección. Espere {seconds} segundos y vuelva a enviarlo.</p>
                        </main></body></html>
                        """, ct);
                    return;
                }
                await rejected.HttpContext.Response.WriteAsJsonAsync(new
                {
                    type = "https://section287.example/problems/request.too_many", title = "Too many requests from your address; try again shortly.",
                    status = 429, code = "request.too_many",
                }, ct);
            };
        });
    }

    private static bool IsRead(HttpContext context) => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}
