namespace ScsFederation.Core.Configuration;

/// <summary>
/// The URL rules for everything the hub connects to (upstream OIDC endpoints, Keystone, metadata): one place, so the
/// federation-file checks and the run-time checks cannot drift apart.
/// </summary>
public static class TransportUrls
{
    /// <summary>https, or plain http to a loopback host (test setups on one machine, where nothing crosses a network).</summary>
    public static bool IsHttpsOrLoopback(Uri uri) =>
        uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    /// <summary>Scheme, host and port equal (RFC 6454 origin).</summary>
    public static bool IsSameOrigin(Uri a, Uri b) =>
        a.IsAbsoluteUri && b.IsAbsoluteUri
        && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>Whether the URL's host is one of <paramref name="hosts"/> (case-insensitive, IDN hosts in either spelling).</summary>
    public static bool IsHostIn(Uri uri, IEnumerable<string> hosts) =>
        hosts.Any(h => string.Equals(h, uri.Host, StringComparison.OrdinalIgnoreCase) || string.Equals(h, uri.IdnHost, StringComparison.OrdinalIgnoreCase));
}
