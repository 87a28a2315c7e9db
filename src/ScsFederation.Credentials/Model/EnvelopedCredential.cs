using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Model;

/// <summary>
/// An <c>EnvelopedVerifiableCredential</c> (VC 2.0 §4.13): a secured credential carried in a
/// <c>data:</c> URL. Seen as <c>data:application/vc+jwt,&lt;JWT&gt;</c> (ICAM 25.11, GXDCH) and
/// <c>data:application/vc+ld+json+jwt,&lt;JWT&gt;</c> (24.07, XFSC); the ICAM prose writes <c>;</c> for <c>,</c>.
/// </summary>
public sealed record EnvelopedCredential(string MediaType, string Jwt)
{
    public static readonly IReadOnlyList<string> MediaTypes = ["application/vc+jwt", "application/vc+ld+json+jwt", "application/vc+ld+jwt", "application/vp+jwt"];

    /// <summary>Reads an envelope from its <c>id</c>; null when the entry is not an envelope we understand.</summary>
    public static EnvelopedCredential? FromEntry(JsonObject entry)
    {
        var id = VerifiableCredential.Text(entry["id"]);
        return id is null ? null : FromDataUrl(id);
    }

    public static EnvelopedCredential? FromDataUrl(string url)
    {
        if (!url.StartsWith("data:", StringComparison.Ordinal)) return null;
        var rest = url["data:".Length..];
        var separator = rest.IndexOfAny([',', ';']);
        if (separator < 0) return null;
        var mediaType = rest[..separator];
        if (!MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase)) return null;
        var jwt = rest[(separator + 1)..];
        return jwt.Length == 0 ? null : new EnvelopedCredential(mediaType.ToLowerInvariant(), jwt);
    }

    /// <summary>The JSON entry for a presentation's verifiableCredential array.</summary>
    public JsonObject ToEntry() => new()
    {
        ["@context"] = VerifiableCredential.V2Context,
        ["id"] = $"data:{MediaType},{Jwt}",
        ["type"] = "EnvelopedVerifiableCredential",
    };
}
