using ScsFederation.Credentials.Jose;

namespace ScsFederation.Credentials.Keys;

/// <summary>Where verification keys come from: DID documents, a JWKS, or one JWK.</summary>
public interface IVerificationKeySource
{
    /// <summary>The public key named by <paramref name="kid"/> (a JWS <c>kid</c> or a proof's
    /// <c>verificationMethod</c>), or a refusal saying why there is none.</summary>
    KeyLookup Find(string? kid);
}

/// <summary>The key found (and the id it was found under), or the reason code and detail of a failed lookup.</summary>
public sealed record KeyLookup(JsonWebKey? Key, string? KeyId, string? Reason, string? Detail)
{
    public static KeyLookup Found(JsonWebKey key, string? id) => new(key, id, null, null);
    public static KeyLookup Refused(string reason, string detail) => new(null, null, reason, detail);
}
