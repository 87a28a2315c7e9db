using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;

namespace ScsFederation.Credentials.Tests.Jwt;

/// <summary>A test issuer: a did:web DID with one JsonWebKey2020 verification method and its private key.</summary>
internal sealed class Issuer
{
    private static readonly Dictionary<string, JsonWebKey> Keys = [];

    public Issuer(string alg, string did = "did:web:issuer.example", string fragment = "key-1")
    {
        Did = did;
        Kid = did + "#" + fragment;
        lock (Keys)
        {
            // RSA generation is slow: one key per algorithm and fragment for the whole run.
            if (!Keys.TryGetValue(alg + fragment, out var key)) Keys[alg + fragment] = key = JsonWebKey.Generate(alg);
            PrivateKey = key;
        }
        Alg = alg;
    }

    public string Did { get; }
    public string Kid { get; }
    public string Alg { get; }
    public JsonWebKey PrivateKey { get; }

    public JsonObject DidDocument(JsonWebKey? publicKey = null, string? vmId = null) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
        ["id"] = Did,
        ["verificationMethod"] = new JsonArray(new JsonObject
        {
            ["id"] = vmId ?? Kid, ["type"] = "JsonWebKey2020", ["controller"] = Did,
            ["publicKeyJwk"] = (publicKey ?? PrivateKey.ToPublic()).ToJson(),
        }),
        ["assertionMethod"] = new JsonArray(vmId ?? Kid),
    };

    public DidDocumentKeySource KeySource() => new(DidDocument());

    public JsonObject Credential(string? validUntil = "2027-12-31T23:59:59Z", string validFrom = "2026-01-01T00:00:00Z")
    {
        var vc = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
            ["id"] = "https://issuer.example/credentials/legal-person",
            ["type"] = new JsonArray("VerifiableCredential", "gx:LegalPerson"),
            ["issuer"] = Did,
            ["validFrom"] = validFrom,
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "https://issuer.example/credentials/legal-person#cs",
                ["schema:name"] = "Example Cloud GmbH — Zürich",
                ["gx:registrationNumber"] = new JsonObject { ["id"] = "https://issuer.example/lrn" },
            },
        };
        if (validUntil is not null) vc["validUntil"] = validUntil;
        return vc;
    }

    public JsonObject Presentation() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = "VerifiablePresentation",
        ["holder"] = Did,
    };
}
