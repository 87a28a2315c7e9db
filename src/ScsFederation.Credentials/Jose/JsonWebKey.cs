using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ScsFederation.Credentials.Jose;

/// <summary>
/// A JSON Web Key (RFC 7517) for RSA, EC (P-256, P-384, P-521, secp256k1) and OKP (Ed25519).
/// The JSON members are kept as given (x5u, key_ops, ext, ... survive a round trip); the typed
/// properties read them. Parsing checks that the members a key type needs are present and decode.
/// </summary>
public sealed class JsonWebKey
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];
    private readonly JsonObject _json;

    private JsonWebKey(JsonObject json) => _json = json;

    public string? Kty => Str("kty");
    public string? Crv => Str("crv");
    public string? Kid => Str("kid");
    public string? Alg => Str("alg");
    public string? Use => Str("use");
    public string? X5u => Str("x5u");
    public bool HasPrivateKey => _json.ContainsKey("d");

    /// <summary>A base64url member decoded (n, e, x, y, d, ...); null when absent.</summary>
    public byte[]? Bytes(string member) => Str(member) is { } s ? Base64Url.Decode(s) : null;

    public string? Str(string member) => _json[member] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    public static JsonWebKey Parse(string json)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException e) { throw new JwkFormatException($"not JSON: {e.Message}"); }
        return FromJson(node as JsonObject ?? throw new JwkFormatException("a JWK must be a JSON object"));
    }

    public static JsonWebKey FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var key = new JsonWebKey((JsonObject)json.DeepClone());
        key.Check();
        return key;
    }

    private void Check()
    {
        string[] required = Kty switch
        {
            "RSA" => ["n", "e"],
            "EC" => ["crv", "x", "y"],
            "OKP" => ["crv", "x"],
            null => throw new JwkFormatException("kty is missing"),
            var other => throw new JwkFormatException($"kty '{other}' is not supported (RSA, EC, OKP)"),
        };
        foreach (var m in required)
        {
            if (Str(m) is null) throw new JwkFormatException($"{Kty} key lacks '{m}'");
        }
        foreach (var m in new[] { "n", "e", "x", "y", "d", "p", "q", "dp", "dq", "qi" })
        {
            if (_json.ContainsKey(m) && (Str(m) is not { } s || !Base64Url.TryDecode(s, out _)))
                throw new JwkFormatException($"'{m}' is not base64url");
        }
        var size = Kty switch { "EC" => CurveSize(Crv), "OKP" => Crv == "Ed25519" ? 32 : throw new JwkFormatException($"OKP curve '{Crv}' is not supported (Ed25519)"), _ => 0 };
        if (size > 0)
        {
            foreach (var m in Kty == "EC" ? new[] { "x", "y", "d" } : ["x", "d"])
            {
                if (Bytes(m) is { } b && b.Length != size) throw new JwkFormatException($"'{m}' must be {size} bytes on {Crv}, it is {b.Length}");
            }
        }
        if (Kty == "RSA" && HasPrivateKey && (Str("p") is null || Str("q") is null || Str("dp") is null || Str("dq") is null || Str("qi") is null))
            throw new JwkFormatException("RSA private key needs p, q, dp, dq and qi");
    }

    internal static int CurveSize(string? crv) => crv switch
    {
        "P-256" or "secp256k1" => 32,
        "P-384" => 48,
        "P-521" => 66,
        _ => throw new JwkFormatException($"EC curve '{crv}' is not supported (P-256, P-384, P-521, secp256k1)"),
    };

    /// <summary>The same key without its private members.</summary>
    public JsonWebKey ToPublic()
    {
        var copy = (JsonObject)_json.DeepClone();
        foreach (var m in PrivateMembers) copy.Remove(m);
        return new JsonWebKey(copy);
    }

    /// <summary>A copy with members set (null removes): kid, alg, x5u, use.</summary>
    public JsonWebKey With(string member, string? value)
    {
        var copy = (JsonObject)_json.DeepClone();
        if (value is null) copy.Remove(member); else copy[member] = value;
        var key = new JsonWebKey(copy);
        key.Check();
        return key;
    }

    /// <summary>RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, base64url.</summary>
    public string Thumbprint()
    {
        // The member names and base64url values need no JSON escaping, so the canonical form is plain concatenation.
        var json = Kty switch
        {
            "RSA" => $"{{\"e\":\"{Str("e")}\",\"kty\":\"RSA\",\"n\":\"{Str("n")}\"}}",
            "EC" => $"{{\"crv\":\"{Str("crv")}\",\"kty\":\"EC\",\"x\":\"{Str("x")}\",\"y\":\"{Str("y")}\"}}",
            _ => $"{{\"crv\":\"{Str("crv")}\",\"kty\":\"OKP\",\"x\":\"{Str("x")}\"}}",
        };
        return Base64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>True when both describe the same public key (the thumbprint members are equal).</summary>
    public bool SamePublicKey(JsonWebKey other) => Kty == other.Kty && Thumbprint() == other.Thumbprint();

    public JsonObject ToJson() => (JsonObject)_json.DeepClone();

    public override string ToString() => _json.ToJsonString();

    public static JsonWebKey FromRsa(RSA rsa, bool includePrivate)
    {
        var p = rsa.ExportParameters(includePrivate);
        var json = new JsonObject { ["kty"] = "RSA", ["n"] = Base64Url.Encode(p.Modulus), ["e"] = Base64Url.Encode(p.Exponent) };
        if (includePrivate)
        {
            json["d"] = Base64Url.Encode(p.D); json["p"] = Base64Url.Encode(p.P); json["q"] = Base64Url.Encode(p.Q);
            json["dp"] = Base64Url.Encode(p.DP); json["dq"] = Base64Url.Encode(p.DQ); json["qi"] = Base64Url.Encode(p.InverseQ);
        }
        return FromJson(json);
    }

    public static JsonWebKey FromECDsa(ECDsa ec, bool includePrivate)
    {
        var p = ec.ExportParameters(includePrivate);
        var crv = p.Curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => "P-256",
            "nistP384" or "ECDSA_P384" => "P-384",
            "nistP521" or "ECDSA_P521" => "P-521",
            "secP256k1" => "secp256k1",
            var n => p.Curve.Oid.Value switch
            {
                "1.2.840.10045.3.1.7" => "P-256",
                "1.3.132.0.34" => "P-384",
                "1.3.132.0.35" => "P-521",
                "1.3.132.0.10" => "secp256k1",
                _ => throw new JwkFormatException($"curve {n} is not supported"),
            },
        };
        var json = new JsonObject { ["kty"] = "EC", ["crv"] = crv, ["x"] = Base64Url.Encode(p.Q.X), ["y"] = Base64Url.Encode(p.Q.Y) };
        if (includePrivate) json["d"] = Base64Url.Encode(p.D);
        return FromJson(json);
    }

    internal static JsonWebKey FromOkp(byte[] publicKey, byte[]? privateKey)
    {
        var json = new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = Base64Url.Encode(publicKey) };
        if (privateKey is not null) json["d"] = Base64Url.Encode(privateKey);
        return FromJson(json);
    }

    internal static JsonWebKey FromSecp256k1(byte[] uncompressedPublicKey, byte[]? privateKey)
    {
        // 0x04 || X || Y (SEC 1 uncompressed point).
        var json = new JsonObject
        {
            ["kty"] = "EC", ["crv"] = "secp256k1",
            ["x"] = Base64Url.Encode(uncompressedPublicKey.AsSpan(1, 32)), ["y"] = Base64Url.Encode(uncompressedPublicKey.AsSpan(33, 32)),
        };
        if (privateKey is not null) json["d"] = Base64Url.Encode(privateKey);
        return FromJson(json);
    }

    /// <summary>A fresh private key for <paramref name="alg"/> (RSA 3072 bits for PS*/RS*), with <c>alg</c> set.</summary>
    public static JsonWebKey Generate(string alg) => JwsKey.Generate(alg).With("alg", alg);
}

/// <summary>A JWK that is not well formed or uses an unsupported key type or curve.</summary>
public sealed class JwkFormatException(string message) : FormatException(message);
