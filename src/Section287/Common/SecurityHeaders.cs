namespace Section287.Common;

/// <summary>
/// The headers every answer carries: a content security policy with no inline script or style and no framing, no MIME sniffing,
/// no referrer beyond the site, and outside Development HSTS (sent on every answer, since TLS usually ends at a proxy in front).
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(HttpContext context, IHostEnvironment environment)
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers["X-Frame-Options"] = "DENY";
        // A download that sets its own, stricter policy (attachments are sandboxed) keeps it.
        if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (!environment.IsDevelopment()) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
    }

    /// <summary>Cookies are Secure outside Development, unless <c>Security:SecureCookies</c> says otherwise (the test server speaks plain HTTP).</summary>
    public static bool SecureCookies(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue("Security:SecureCookies", !environment.IsDevelopment());
}
