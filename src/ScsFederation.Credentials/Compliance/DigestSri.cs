using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Json;

namespace ScsFederation.Credentials.Compliance;

/// <summary>
/// <c>gx:digestSRI</c> of a compliant credential. Real GXDCH labels write <c>"sha256-"</c> + lowercase
/// hex of SHA-256 over the RFC 8785 (JCS) serialization of the enveloped VC-JWT's decoded payload
/// (checked on the real samples: hashing the raw payload bytes only matches when the issuer happened to
/// sort its keys; hashing the compact JWT never does). Other implementations write the W3C SRI form
/// (base64 of the digest); both are accepted, over the same JCS bytes.
/// </summary>
public static class DigestSri
{
    /// <summary>The GXDCH form for a decoded payload.</summary>
    public static string Compute(JsonElement payload) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JcsSerializer.Serialize(payload))));

    /// <summary>The GXDCH form for a payload given as UTF-8 JSON.</summary>
    public static string Compute(ReadOnlySpan<byte> payloadJson)
    {
        var reader = new Utf8JsonReader(payloadJson);
        using var doc = JsonDocument.ParseValue(ref reader);
        return Compute(doc.RootElement);
    }

    /// <summary>True when <paramref name="sri"/> (hex or base64 form; sha256, sha384 or sha512) is the digest of the payload's JCS form.</summary>
    public static bool Matches(string sri, ReadOnlySpan<byte> payloadJson)
    {
        var dash = sri.IndexOf('-');
        if (dash < 0) return false;
        var algorithm = sri[..dash];
        var value = sri[(dash + 1)..];
        var reader = new Utf8JsonReader(payloadJson);
        using var doc = JsonDocument.ParseValue(ref reader);
        var canonical = Encoding.UTF8.GetBytes(JcsSerializer.Serialize(doc.RootElement));
        byte[] digest = algorithm switch
        {
            "sha256" => SHA256.HashData(canonical),
            "sha384" => SHA384.HashData(canonical),
            "sha512" => SHA512.HashData(canonical),
            _ => [],
        };
        if (digest.Length == 0) return false;
        byte[] given;
        if (value.Length == digest.Length * 2 && value.All(Uri.IsHexDigit)) given = Convert.FromHexString(value);
        else
        {
            try { given = Convert.FromBase64String(value); }
            catch (FormatException) { return false; }
        }
        return CryptographicOperations.FixedTimeEquals(given, digest);
    }
}
