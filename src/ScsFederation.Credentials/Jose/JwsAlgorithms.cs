namespace ScsFederation.Credentials.Jose;

/// <summary>The JWS algorithms this library signs and verifies, and which JWK each needs
/// (RFC 7518 §3, RFC 8037 for EdDSA, RFC 8812 for ES256K).</summary>
public static class JwsAlgorithms
{
    public const string PS256 = "PS256", PS384 = "PS384", PS512 = "PS512";
    public const string RS256 = "RS256", RS384 = "RS384", RS512 = "RS512";
    public const string ES256 = "ES256", ES384 = "ES384", ES512 = "ES512", ES256K = "ES256K";
    public const string EdDSA = "EdDSA";

    public static IReadOnlyList<string> All { get; } = [PS256, PS384, PS512, RS256, RS384, RS512, ES256, ES384, ES512, ES256K, EdDSA];

    public static bool IsSupported(string? alg) => alg is not null && All.Contains(alg, StringComparer.Ordinal);

    /// <summary>The (kty, crv) a key must have for <paramref name="alg"/>; crv null for RSA.</summary>
    public static (string Kty, string? Crv) KeyTypeFor(string alg) => alg switch
    {
        PS256 or PS384 or PS512 or RS256 or RS384 or RS512 => ("RSA", null),
        ES256 => ("EC", "P-256"),
        ES384 => ("EC", "P-384"),
        ES512 => ("EC", "P-521"),
        ES256K => ("EC", "secp256k1"),
        EdDSA => ("OKP", "Ed25519"),
        _ => throw new ArgumentException($"unsupported JWS algorithm '{alg}'", nameof(alg)),
    };

    /// <summary>The natural algorithm of a key: PS256 for RSA (the Gaia-X default), ESxxx by curve, EdDSA.</summary>
    public static string DefaultFor(JsonWebKey key)
    {
        if (key.Alg is { } alg && IsSupported(alg)) return alg;
        return (key.Kty, key.Crv) switch
        {
            ("RSA", _) => PS256,
            ("EC", "P-256") => ES256,
            ("EC", "P-384") => ES384,
            ("EC", "P-521") => ES512,
            ("EC", "secp256k1") => ES256K,
            ("OKP", "Ed25519") => EdDSA,
            _ => throw new ArgumentException($"no JWS algorithm for a {key.Kty} key on curve '{key.Crv}'"),
        };
    }

    /// <summary>Why <paramref name="key"/> cannot be used with <paramref name="alg"/>, or null when it can.
    /// A key's own <c>alg</c> (if present) must equal the algorithm exactly (RFC 7517 §4.4).</summary>
    public static string? Mismatch(string alg, JsonWebKey key)
    {
        var (kty, crv) = KeyTypeFor(alg);
        if (!string.Equals(key.Kty, kty, StringComparison.Ordinal)) return $"{alg} needs a {kty} key, the key is {key.Kty ?? "without kty"}";
        if (crv is not null && !string.Equals(key.Crv, crv, StringComparison.Ordinal)) return $"{alg} needs curve {crv}, the key is on {key.Crv ?? "no curve"}";
        if (key.Alg is { } own && !string.Equals(own, alg, StringComparison.Ordinal)) return $"the key is restricted to alg {own}, the JWS uses {alg}";
        if (key.Use is { } use && use != "sig") return $"the key's use is '{use}', not 'sig'";
        return null;
    }
}
