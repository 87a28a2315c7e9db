using System.Globalization;

namespace ScsFederation.Gxdch.Did;

/// <summary>
/// did:web DID ↔ the URL of its DID document (W3C CCG did:web method): <c>did:web:host</c> →
/// <c>https://host/.well-known/did.json</c>; <c>did:web:host:a:b</c> → <c>https://host/a/b/did.json</c>;
/// a port is percent-encoded in the host segment (<c>host%3A8443</c>). A fragment or query of a DID URL
/// is dropped. Anything that would leave the named host (empty segments, <c>..</c>, slashes, user info)
/// is refused rather than normalised.
/// </summary>
public static class DidWebAddress
{
    public const string Prefix = "did:web:";

    /// <summary>The DID of a DID URL (<c>did:web:x#key-1</c> → <c>did:web:x</c>).</summary>
    public static string DidOf(string didUrl)
    {
        var end = didUrl.IndexOfAny(['#', '?']);
        return end < 0 ? didUrl : didUrl[..end];
    }

    /// <summary>The document URL, or null with <paramref name="problem"/> saying why the DID is not usable.</summary>
    public static Uri? DocumentUrl(string did, bool httpForLoopback, out string? problem)
    {
        problem = null;
        did = DidOf(did);
        if (!did.StartsWith(Prefix, StringComparison.Ordinal)) { problem = $"{did} is not a did:web DID"; return null; }
        var segments = did[Prefix.Length..].Split(':');
        var decoded = new List<string>(segments.Length);
        foreach (var segment in segments)
        {
            string value;
            try { value = Uri.UnescapeDataString(segment); }
            catch (UriFormatException) { problem = $"{did}: segment '{segment}' is not percent-encoded correctly"; return null; }
            if (value.Length == 0 || value is "." or ".." || value.IndexOfAny(['/', '\\', '?', '#', '@']) >= 0 || value.Any(char.IsControl))
            {
                problem = $"{did}: segment '{segment}' cannot be part of a did:web address"; return null;
            }
            decoded.Add(value);
        }
        var authority = decoded[0];
        var host = authority;
        var colon = authority.LastIndexOf(':');
        if (colon > 0 && !authority.EndsWith(']'))
        {
            host = authority[..colon];
            if (!ushort.TryParse(authority[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port == 0)
            {
                problem = $"{did}: '{authority}' has no valid port"; return null;
            }
        }
        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown) { problem = $"{did}: '{host}' is not a host name"; return null; }
        var scheme = httpForLoopback && Transport.OutboundPolicy.IsLoopback(host) ? "http" : "https";
        var path = decoded.Count == 1 ? "/.well-known/did.json" : "/" + string.Join('/', decoded.Skip(1).Select(Uri.EscapeDataString)) + "/did.json";
        if (!Uri.TryCreate($"{scheme}://{authority}{path}", UriKind.Absolute, out var url)) { problem = $"{did} does not make a URL"; return null; }
        return url;
    }
}
