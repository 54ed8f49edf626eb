using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Section287.Common;

/// <summary>
/// How big a request body may be, decided before anything reads it (issue 14, item 8). Someone not signed in may send
/// <c>Limits:AnonymousBodyBytes</c> (64 KB: a public comment is at most a few thousand characters); a signed-in user
/// <c>Limits:BodyBytes</c> (1 MB); an endpoint that takes files says its own size with <c>[RequestSizeLimit]</c>
/// (<see cref="IRequestSizeLimitMetadata"/>), for signed-in users only. A declared length over the limit is answered 413 at once;
/// a chunked body is cut off by the server at the limit, which also answers 413.
/// </summary>
public sealed class BodyLimits(RequestDelegate next, IConfiguration configuration)
{
    public const string TooLargeCode = "request.too_large";
    public const string TooLargeTitle = "The request is larger than this address accepts.";

    private readonly long _anonymous = configuration.GetValue("Limits:AnonymousBodyBytes", 64L * 1024);
    private readonly long _signedIn = configuration.GetValue("Limits:BodyBytes", 1024L * 1024);

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }
        var limit = LimitFor(context);
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await context.Response.WriteAsJsonAsync(new
            {
                type = $"https://section287.example/problems/{TooLargeCode}", title = TooLargeTitle, status = 413, code = TooLargeCode, limitBytes = limit,
            }, options: null, contentType: "application/problem+json");
            return;
        }
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false }) feature.MaxRequestBodySize = limit;
        await next(context);
    }

    private long LimitFor(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true) return _anonymous;
        var declared = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize;
        return declared is long size ? Math.Max(size, _signedIn) : _signedIn;
    }
}
