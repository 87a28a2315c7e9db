using System.Net;

namespace ScsFederation.Gxdch.Transport;

/// <summary>
/// Which URLs the Gaia-X clients may fetch. Nothing is fetched at run time unless the operator allowed
/// its host: the configured service base URLs are allowed by being configured, every other host (a
/// did:web DID named by an answer's <c>kid</c>, an <c>x5u</c>) must be listed. https only; plain http
/// only to a loopback address and only when <see cref="AllowHttpLoopback"/> is set (tests, labs).
/// </summary>
public sealed class OutboundPolicy
{
    /// <summary>Hosts (optionally <c>host:port</c>) beyond the configured services that may be fetched.</summary>
    public IReadOnlyCollection<string> AllowedHosts { get; init; } = [];
    public bool AllowHttpLoopback { get; init; }
    /// <summary>Largest answer read from any service (DID documents, credentials).</summary>
    public int MaxResponseBytes { get; init; } = 1024 * 1024;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Null when <paramref name="url"/> may be fetched, otherwise why not.</summary>
    public string? Problem(Uri url, bool configuredByOperator)
    {
        if (!url.IsAbsoluteUri) return $"{url} is not an absolute URL";
        if (!string.IsNullOrEmpty(url.UserInfo)) return $"{Redacted(url)} carries credentials in the URL";
        var loopback = IsLoopback(url.Host);
        if (url.Scheme == Uri.UriSchemeHttp)
        {
            if (!loopback) return $"{Redacted(url)} is plain http; only https is fetched (http only to loopback)";
            if (!AllowHttpLoopback) return $"{Redacted(url)} is plain http and http to loopback is not enabled";
        }
        else if (url.Scheme != Uri.UriSchemeHttps) return $"{Redacted(url)}: scheme {url.Scheme} is not fetched";
        if (configuredByOperator) return null;
        var hostPort = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
        return AllowedHosts.Any(h => string.Equals(h, url.IdnHost, StringComparison.OrdinalIgnoreCase) || string.Equals(h, hostPort, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"host {hostPort} is not in the allowed hosts; add it to allowedFetchHosts to fetch {Redacted(url)}";
    }

    internal static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>A URL fit for logs: no user info, no query.</summary>
    internal static string Redacted(Uri url) => url.IsAbsoluteUri ? $"{url.Scheme}://{url.Authority}{url.AbsolutePath}" : url.OriginalString;
}
