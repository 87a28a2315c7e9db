using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Http;

/// <summary>
/// What every answer of the hub carries, and how fast a client may knock: security headers (no framing —
/// clickjacking the consent and device pages; no MIME sniffing; HSTS once the issuer is https) and fixed-window
/// rate limits per client IP on the login and token endpoints (ASP.NET Core's rate limiter: 429 with Retry-After),
/// which slow down guessing demo passwords, user codes and client secrets.
/// </summary>
public static class HubHttpHardening
{
    /// <summary>The stable refusal code of a rate-limited request.</summary>
    public const string RateLimitedCode = "rate_limited";

    public const string LoginPolicy = "login";
    public const string TokenPolicy = "token";

    public static IServiceCollection AddHubRateLimits(this IServiceCollection services, RateLimitSettings limits) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // One global limiter classifying by path: the token endpoints are OpenIddict's, answered before (or without) any mapped endpoint.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Classify(http.Request) switch
            {
                LoginPolicy => Window(LoginPolicy, http, limits.Login),
                TokenPolicy => Window(TokenPolicy, http, limits.Token),
                _ => RateLimitPartition.GetNoLimiter(""),
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var policy = Classify(context.HttpContext.Request);
                var window = policy == TokenPolicy ? limits.Token.WindowSeconds : limits.Login.WindowSeconds;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : window;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var result = policy == TokenPolicy
                    ? Results.Json(new { error = RateLimitedCode, error_description = "too many requests; retry later" }, statusCode: StatusCodes.Status429TooManyRequests)
                    : Login.HtmlPage.Error("Too many attempts", RateLimitedCode, $"Too many attempts from your address. Please wait {retryAfter} seconds and try again.", StatusCodes.Status429TooManyRequests);
                await result.ExecuteAsync(context.HttpContext);
            };
        });

    /// <summary>Which limit a request counts against, or null.</summary>
    public static string? Classify(HttpRequest request)
    {
        var path = request.Path;
        if (path.StartsWithSegments("/connect/token") || path.StartsWithSegments("/connect/device") ||
            path.StartsWithSegments("/connect/introspect") || path.StartsWithSegments("/connect/revoke"))
        {
            return TokenPolicy;
        }
        if (path.StartsWithSegments("/login") || path.StartsWithSegments("/signin-oidc") || path.StartsWithSegments("/saml/login") ||
            path.StartsWithSegments("/saml/acs") || (HttpMethods.IsPost(request.Method) && path.StartsWithSegments("/connect/verify")))
        {
            return LoginPolicy;
        }
        return null;
    }

    private static RateLimitPartition<string> Window(string policy, HttpContext http, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(policy + ":" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    /// <summary>Security headers on every answer (set when it starts, so pages, errors and OpenIddict's answers all carry them) and the rate limiter.</summary>
    public static WebApplication UseHubHardening(this WebApplication app, HubCookies cookies)
    {
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                ApplySecurityHeaders(http.Response, cookies.Https);
                return Task.CompletedTask;
            });
            return next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    public static void ApplySecurityHeaders(HttpResponse response, bool https)
    {
        var headers = response.Headers;
        headers.XFrameOptions = "DENY";
        // frame-ancestors only: the pages are server-rendered with inline styles, and a fuller policy belongs with a UI change.
        headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        if (https)
        {
            headers.StrictTransportSecurity = "max-age=31536000";
        }
    }
}
