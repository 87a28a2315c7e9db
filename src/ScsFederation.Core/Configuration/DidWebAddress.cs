using System.Net;

namespace ScsFederation.Core.Configuration;

/// <summary>
/// Where a did:web DID lives (did:web method specification §3.2): <c>did:web:host</c> → <c>https://host/.well-known/did.json</c>,
/// <c>did:web:host:a:b</c> → <c>https://host/a/b/did.json</c>, a port percent-encoded (<c>host%3A8080</c>). Loopback hosts
/// resolve over http so tests and labs need no TLS; every other host over https.
/// </summary>
public sealed record DidWebAddress(string Did, string Host, string Authority, IReadOnlyList<string> Path)
{
    /// <summary>The folder of the document: <c>/.well-known</c> or <c>/a/b</c>; x5u chains are served below it.</summary>
    public string Folder => Path.Count == 0 ? "/.well-known" : "/" + string.Join('/', Path);

    public string DocumentPath => Folder + "/did.json";

    /// <summary>Where the hub serves the PEM chain (leaf → intermediates → root) of the key <paramref name="keyId"/>.</summary>
    public string X5uUrl(string keyId) => $"{Origin}{Folder}/x5u/{keyId}.pem";

    public string Origin => (IsLoopback ? "http" : "https") + "://" + Authority;

    public string DocumentUrl => Origin + DocumentPath;

    public bool IsLoopback => Host == "localhost" || (IPAddress.TryParse(Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>The DID of a DID URL (<c>did:web:x#key-1</c> → <c>did:web:x</c>).</summary>
    public static string DidOf(string didUrl)
    {
        var end = didUrl.IndexOfAny(['#', '?']);
        return end < 0 ? didUrl : didUrl[..end];
    }

    /// <summary>Null when <paramref name="did"/> is not a well-formed did:web DID (no fragment, query or empty segment).</summary>
    public static DidWebAddress? Parse(string? did)
    {
        if (did is null || !did.StartsWith("did:web:", StringComparison.Ordinal)) return null;
        var parts = did["did:web:".Length..].Split(':');
        if (parts.Any(p => p.Length == 0 || p.IndexOfAny(['/', '?', '#', ' ']) >= 0 || p.Any(char.IsControl))) return null;
        string authority;
        try { authority = Uri.UnescapeDataString(parts[0]).ToLowerInvariant(); }
        catch (UriFormatException) { return null; }
        if (!Uri.TryCreate("https://" + authority + "/", UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Port == 0) return null;
        var path = parts[1..].Select(Uri.UnescapeDataString).ToArray();
        if (path.Any(p => p is "." or ".." || p.IndexOf('/') >= 0)) return null;
        return new DidWebAddress(did, uri.Host, authority, path);
    }
}
