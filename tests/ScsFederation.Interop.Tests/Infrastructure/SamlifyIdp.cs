using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// samlify (npm) as a SAML IdP holding the interop test key, which the sample federation's SAML upstreams trust:
/// tests ask it for signed responses, and it states whatever issuer, NameID and attributes the test tells it to —
/// the shape a hostile IdP with a trusted key has.
/// </summary>
public static class SamlifyIdp
{
    /// <summary>The entityID of upstream <c>peer-saml</c> (unsolicited responses allowed).</summary>
    public const string PeerEntityId = "http://127.0.0.1:9380/saml/idp";

    /// <summary>The entityID of upstream <c>peer-saml-strict</c> (SP-initiated only; same key).</summary>
    public const string StrictEntityId = "http://127.0.0.1:9380/saml/idp-strict";

    public static JsonObject Idp(string entityId) => new()
    {
        ["entityId"] = entityId,
        ["ssoUrl"] = entityId + "/sso",
        ["sloUrl"] = entityId + "/slo",
        ["keyFile"] = RepositoryRoot.Combine("samples", "interop", "saml-idp.key"),
        ["certFile"] = RepositoryRoot.Combine("samples", "interop", "saml-idp.crt"),
    };

    /// <summary>One signed response (<paramref name="spec"/> as samlify-idp.mjs reads it) from the IdP <paramref name="entityId"/>.</summary>
    public static async Task<string> SignedResponseAsync(string entityId, JsonObject spec)
    {
        spec["name"] = "r";
        var job = new JsonObject { ["idp"] = Idp(entityId), ["responses"] = new JsonArray(spec) };
        var result = await NodeProcess.RunJobAsync("saml/samlify-idp.mjs", job, TimeSpan.FromSeconds(60));
        return result["responses"]!["r"]!.GetValue<string>();
    }

    /// <summary>A SAML attribute as the spec lists it.</summary>
    public static JsonObject Attribute(string name, params string[] values) =>
        new() { ["name"] = name, ["values"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    /// <summary>The XML of a redirect-binding <c>SAMLRequest</c> (raw DEFLATE, base64).</summary>
    public static string Inflate(string base64)
    {
        using var input = new MemoryStream(Convert.FromBase64String(base64));
        using var deflate = new DeflateStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(deflate);
        return reader.ReadToEnd();
    }
}
