using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Keys;

/// <summary>
/// Keys from one or more DID documents: a <c>kid</c> must equal a <c>verificationMethod.id</c> exactly,
/// fragment included (ICAM 25.11); relative ids (<c>#key-1</c>) are resolved against the document's id
/// first. Only <c>JsonWebKey2020</c>/<c>JsonWebKey</c> methods with a <c>publicKeyJwk</c> are used.
/// </summary>
public sealed class DidDocumentKeySource : IVerificationKeySource
{
    private readonly List<(string Did, Dictionary<string, JsonObject> Methods)> _documents = [];

    public DidDocumentKeySource(params JsonObject[] documents)
    {
        foreach (var doc in documents) Add(doc);
    }

    public static DidDocumentKeySource Parse(params string[] documents) =>
        new(documents.Select(d => JsonNode.Parse(d) as JsonObject ?? throw new FormatException("a DID document must be a JSON object")).ToArray());

    public void Add(JsonObject document)
    {
        var did = (document["id"] as JsonValue)?.GetValue<string>() ?? throw new FormatException("the DID document has no id");
        var methods = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (document["verificationMethod"] is JsonArray array)
        {
            foreach (var vm in array.OfType<JsonObject>())
            {
                if (vm["id"] is not JsonValue idValue || !idValue.TryGetValue(out string? id)) continue;
                if (id.StartsWith('#')) id = did + id;
                methods.TryAdd(id, vm);
            }
        }
        _documents.Add((did, methods));
    }

    public IEnumerable<string> Dids => _documents.Select(d => d.Did);

    public KeyLookup Find(string? kid)
    {
        if (string.IsNullOrEmpty(kid)) return KeyLookup.Refused(Refusal.KidMissing, "the JWS names no kid; a DID document key needs one");
        foreach (var (did, methods) in _documents)
        {
            if (!methods.TryGetValue(kid, out var vm)) continue;
            var type = (vm["type"] as JsonValue)?.GetValue<string>();
            if (type is not ("JsonWebKey2020" or "JsonWebKey"))
                return KeyLookup.Refused(Refusal.KeyUnusable, $"verification method {kid} is a {type}, not JsonWebKey2020");
            if (vm["publicKeyJwk"] is not JsonObject jwk)
                return KeyLookup.Refused(Refusal.KeyUnusable, $"verification method {kid} has no publicKeyJwk");
            try
            {
                var key = JsonWebKey.FromJson(jwk);
                if (key.HasPrivateKey) return KeyLookup.Refused(Refusal.KeyUnusable, $"verification method {kid} publishes a private key");
                return KeyLookup.Found(key, kid);
            }
            catch (JwkFormatException e) { return KeyLookup.Refused(Refusal.KeyUnusable, $"verification method {kid}: {e.Message}"); }
        }
        var known = string.Join(", ", _documents.SelectMany(d => d.Methods.Keys));
        return KeyLookup.Refused(Refusal.KidNotFound, $"kid {kid} is not a verificationMethod id of the DID document (has: {known})");
    }
}
