using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Http;

/// <summary>
/// Names and attributes of the hub's cookies. With an https issuer every cookie is <c>__Host-</c>: Secure, no
/// Domain, Path=/, so a sibling subdomain cannot plant or overwrite one (cookie tossing would defeat the
/// cookies that bind a login to the browser that started it). Decided by the issuer, not by each request, so
/// a hub behind a TLS-terminating proxy names its cookies the same way when it sets and when it reads them.
/// </summary>
public sealed class HubCookies(bool https)
{
    public HubCookies(HubSettings hub) : this(new Uri(hub.Issuer).Scheme == Uri.UriSchemeHttps) { }

    public bool Https { get; } = https;

    public string Name(string name) => Https ? "__Host-" + name : name;

    /// <summary>
    /// Options for a short-lived flow cookie: on http scoped to <paramref name="path"/>, on https at "/" (required by
    /// <c>__Host-</c>). <paramref name="crossSitePost"/>: the cookie must come back on a form POST from another site
    /// (an IdP's auto-submitted SAML response), which only SameSite=None allows — and None needs Secure, so on a
    /// plain-http loopback hub it falls back to Lax, which loopback peers (same site) still satisfy.
    /// </summary>
    public CookieOptions Flow(string path, TimeSpan maxAge, bool crossSitePost = false) => new()
    {
        HttpOnly = true,
        Secure = Https,
        Path = Https ? "/" : path,
        MaxAge = maxAge,
        SameSite = crossSitePost && Https ? SameSiteMode.None : SameSiteMode.Lax,
        IsEssential = true,
    };

    /// <summary>Options that delete a cookie set with <see cref="Flow"/> (same path and Secure, or the browser keeps it).</summary>
    public CookieOptions Delete(string path) => new() { Secure = Https, Path = Https ? "/" : path, HttpOnly = true };
}
