using System.Text.Json.Nodes;
using ScsFederation.Credentials.Model;

namespace ScsFederation.Credentials.Verification;

/// <summary>
/// The outcome of verifying one secured credential or presentation. <see cref="Ok"/> is true only when
/// the signature, the key binding, the validity period, the structure and (for presentations) every
/// enveloped credential passed; otherwise <see cref="Reason"/> is a <see cref="Refusal"/> code.
/// </summary>
public sealed record CredentialVerificationResult
{
    public bool Ok => Reason is null;
    public string? Reason { get; init; }
    public string? Detail { get; init; }

    /// <summary>VC-JWT: the header profile seen, e.g. <c>vc+jwt/vc</c>; JSON-LD proofs: <c>JsonWebSignature2020/gaia-x</c> or <c>/spec</c>.</summary>
    public string? Profile { get; init; }

    /// <summary>Where the JWT's times were and in which unit: <c>header-ms</c>, <c>header-s</c>, <c>payload-s</c>, or null.</summary>
    public string? TimeClaims { get; init; }

    public string? Algorithm { get; init; }
    public string? Kid { get; init; }
    public JsonObject? Header { get; init; }
    public VerifiableCredential? Credential { get; init; }

    /// <summary>A presentation's enveloped credentials, each verified on its own.</summary>
    public IReadOnlyList<CredentialVerificationResult> Enveloped { get; init; } = [];

    /// <summary>For an enveloped credential: the data: URL media type it was carried under.</summary>
    public string? MediaType { get; init; }

    public static CredentialVerificationResult Refused(string reason, string detail) => new() { Reason = reason, Detail = detail };

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["ok"] = Ok };
        if (Reason is not null) json["reason"] = Reason;
        if (Detail is not null) json["detail"] = Detail;
        if (Profile is not null) json["profile"] = Profile;
        if (TimeClaims is not null) json["timeClaims"] = TimeClaims;
        if (Algorithm is not null) json["alg"] = Algorithm;
        if (Kid is not null) json["kid"] = Kid;
        if (MediaType is not null) json["mediaType"] = MediaType;
        if (Credential is not null)
        {
            json["id"] = Credential.Id;
            json["type"] = new JsonArray(Credential.Types.Select(t => (JsonNode?)t).ToArray());
            json["issuer"] = Credential.Issuer;
        }
        if (Enveloped.Count > 0) json["enveloped"] = new JsonArray(Enveloped.Select(e => (JsonNode?)e.ToJson()).ToArray());
        return json;
    }
}
