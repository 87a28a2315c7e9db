using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Jose;

/// <summary>A JWS in compact serialization (RFC 7515 §7.1), parsed but not verified.</summary>
public sealed class CompactJws
{
    private CompactJws(string encodedHeader, string encodedPayload, JsonObject header, byte[] payload, byte[] signature)
    {
        EncodedHeader = encodedHeader; EncodedPayload = encodedPayload; Header = header; Payload = payload; Signature = signature;
    }

    public string EncodedHeader { get; }
    public string EncodedPayload { get; }
    public JsonObject Header { get; }
    public byte[] Payload { get; }
    public byte[] Signature { get; }

    public string? Algorithm => Header["alg"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary>ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): what the signature covers.</summary>
    public byte[] SigningInput => Encoding.ASCII.GetBytes(EncodedHeader + "." + EncodedPayload);

    /// <summary>Parses a compact JWS; <see cref="FormatException"/> with the reason when it is malformed.</summary>
    public static CompactJws Parse(string compact)
    {
        ArgumentNullException.ThrowIfNull(compact);
        var parts = compact.Trim().Split('.');
        if (parts.Length != 3) throw new FormatException($"a compact JWS has 3 parts, this has {parts.Length}");
        byte[] headerBytes, payload, signature;
        try
        {
            headerBytes = Base64Url.Decode(parts[0]);
            payload = Base64Url.Decode(parts[1]);
        }
        catch (FormatException e) { throw new FormatException($"a JWS part is not base64url: {e.Message}"); }
        // A signature that is not canonical base64url is not the signature anyone produced: it is kept
        // empty and fails verification as a bad signature (not as a malformed token).
        signature = Base64Url.TryDecode(parts[2], out var decoded) ? decoded : [];
        JsonObject header;
        try
        {
            header = JsonNode.Parse(headerBytes, documentOptions: new JsonDocumentOptions { MaxDepth = 16 }) as JsonObject
                ?? throw new FormatException("the protected header is not a JSON object");
        }
        catch (JsonException e) { throw new FormatException($"the protected header is not JSON: {e.Message}"); }
        // RFC 7515 §4: duplicate header names must be refused (JsonNode keeps the last one silently otherwise).
        using (var doc = JsonDocument.Parse(headerBytes))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var p in doc.RootElement.EnumerateObject())
                if (!names.Add(p.Name)) throw new FormatException($"the protected header has '{p.Name}' twice");
        }
        return new CompactJws(parts[0], parts[1], header, payload, signature);
    }

    /// <summary>Signs <paramref name="payload"/> under <paramref name="header"/> (whose alg is set from the key).</summary>
    public static string Sign(JsonObject header, ReadOnlySpan<byte> payload, JwsKey key)
    {
        // alg first, as most signers write it; the other members keep their order.
        var ordered = new JsonObject { ["alg"] = key.Algorithm };
        foreach (var (name, value) in header)
            if (name != "alg") ordered[name] = value?.DeepClone();
        header = ordered;
        var encodedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
        var encodedPayload = Base64Url.Encode(payload);
        var signature = key.Sign(Encoding.ASCII.GetBytes(encodedHeader + "." + encodedPayload));
        return encodedHeader + "." + encodedPayload + "." + Base64Url.Encode(signature);
    }
}
