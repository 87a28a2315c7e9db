using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Keys;

/// <summary>
/// Keys from a JWKS (<c>{"keys":[...]}</c>), a single JWK, or a <c>{"publicKeyJwk":{...}}</c> wrapper.
/// A <c>kid</c> matches a key's <c>kid</c> exactly, or — for DID URLs — the key's kid equals the
/// fragment. With one key and no kid in the JWS, that key is used.
/// </summary>
public sealed class JwksKeySource : IVerificationKeySource
{
    private readonly List<JsonWebKey> _keys;

    public JwksKeySource(IEnumerable<JsonWebKey> keys) => _keys = keys.ToList();

    public static JwksKeySource Parse(string json)
    {
        var node = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("a JWKS must be a JSON object");
        if (node["keys"] is JsonArray keys) return new(keys.OfType<JsonObject>().Select(JsonWebKey.FromJson).Select(k => k.ToPublic()));
        if (node["publicKeyJwk"] is JsonObject wrapped) return new([JsonWebKey.FromJson(wrapped).ToPublic()]);
        return new([JsonWebKey.FromJson(node).ToPublic()]);
    }

    public KeyLookup Find(string? kid)
    {
        if (string.IsNullOrEmpty(kid))
        {
            return _keys.Count == 1 ? KeyLookup.Found(_keys[0], _keys[0].Kid)
                : KeyLookup.Refused(Refusal.KidMissing, $"the JWS names no kid and the JWKS has {_keys.Count} keys");
        }
        var fragment = kid.Contains('#') ? kid[(kid.IndexOf('#') + 1)..] : null;
        var hit = _keys.FirstOrDefault(k => k.Kid == kid) ?? (fragment is null ? null : _keys.FirstOrDefault(k => k.Kid == fragment));
        return hit is null
            ? KeyLookup.Refused(Refusal.KidNotFound, $"no key with kid {kid} in the JWKS")
            : KeyLookup.Found(hit, kid);
    }
}
