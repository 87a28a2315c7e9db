using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Upstreams;

/// <summary>
/// Which endpoints from an upstream's discovery document the hub uses. The document is the upstream's word, not the
/// operator's: taken as given, a lying (or compromised) upstream could point <c>token_endpoint</c> at plain http (the
/// client secret in clear) or any host (a blind request from inside the hub's network). So every endpoint the hub
/// itself calls must be https (plain http only to loopback) on the authority's host or a host the operator listed in
/// <c>hub.allowedFetchHosts</c>; the authorization endpoint, which only the browser visits, must be https (or loopback).
/// </summary>
public static class UpstreamEndpointPolicy
{
    public const string RefusalCode = "endpoint_not_allowed";

    /// <summary>The endpoint as a URL the hub may use, or an <see cref="UpstreamLoginException"/> naming the discovery field.</summary>
    public static string Require(UpstreamIdentityProvider upstream, HubSettings hub, string field, string value, bool calledByHub)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            throw Refused(upstream, field, value, "is not an absolute http(s) URL");
        if (!TransportUrls.IsHttpsOrLoopback(url))
            throw Refused(upstream, field, value, "does not use https (plain http is accepted only to a loopback host)");
        if (url.UserInfo.Length > 0)
            throw Refused(upstream, field, value, "carries user information");
        if (calledByHub && Uri.TryCreate(upstream.Authority, UriKind.Absolute, out var authority)
            && !string.Equals(url.IdnHost, authority.IdnHost, StringComparison.OrdinalIgnoreCase)
            && !TransportUrls.IsHostIn(url, hub.AllowedFetchHosts))
            throw Refused(upstream, field, value, $"is on host '{url.Host}', neither the authority's host nor listed in hub.allowedFetchHosts");
        return url.AbsoluteUri;
    }

    private static UpstreamLoginException Refused(UpstreamIdentityProvider upstream, string field, string value, string why) =>
        new(RefusalCode, $"discovery document of upstream {upstream.Id}: {field} '{value}' {why}");
}
