using System.Text.Json.Nodes;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Gxdch;

/// <summary>
/// What a Gaia-X service call produced: the verified credential (compact JWT) or a stable
/// <see cref="Reason"/> with a detail meant for the operator. <see cref="Verification"/> carries the
/// credential check when one ran, so callers can show the profile and key that were used.
/// </summary>
public sealed record GxdchResult
{
    public bool Ok => Reason is null;
    public string? Reason { get; init; }
    public string? Detail { get; init; }
    /// <summary>The answer's compact JWT, only when <see cref="Ok"/>.</summary>
    public string? Jwt { get; init; }
    public CredentialVerificationResult? Verification { get; init; }
    /// <summary>Compliance answers: one entry per <c>gx:compliantCredentials</c> item, recomputed.</summary>
    public IReadOnlyList<Credentials.Compliance.CompliantCredentialDigest> Digests { get; init; } = [];
    /// <summary>Compliance answers: ids of submitted credentials the label does not name.</summary>
    public IReadOnlyList<string> Uncovered { get; init; } = [];

    public static GxdchResult Refused(string reason, string detail, CredentialVerificationResult? verification = null) =>
        new() { Reason = reason, Detail = detail, Verification = verification };

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["ok"] = Ok };
        if (Reason is not null) json["reason"] = Reason;
        if (Detail is not null) json["detail"] = Detail;
        if (Verification is not null) json["verification"] = Verification.ToJson();
        if (Digests.Count > 0)
            json["digests"] = new JsonArray(Digests.Select(d => (JsonNode?)new JsonObject
            { ["id"] = d.Id, ["type"] = d.Type, ["digestSRI"] = d.DigestSri, ["found"] = d.Found, ["matches"] = d.Matches }).ToArray());
        if (Uncovered.Count > 0) json["uncovered"] = new JsonArray(Uncovered.Select(u => (JsonNode?)u).ToArray());
        if (Jwt is not null) json["jwt"] = Jwt;
        return json;
    }
}
