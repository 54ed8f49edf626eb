namespace Section287.Common;

/// <summary>
/// Public reads revalidated by a version (issue 17): the version is the ETag, with "public, no-cache" (revalidate every time: what
/// changed must not stay in a cache), and a request that already holds it gets 304.
/// </summary>
public static class Revalidation
{
    public static IResult? NotModified(HttpContext http, string etag)
    {
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, no-cache";
        return http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*"))
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : null;
    }
}
