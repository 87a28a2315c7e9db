using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Proofs;
using ScsFederation.Credentials.Tests.Conformance;
using ScsFederation.Credentials.Tests.Jwt;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Tests.Interop;

/// <summary>
/// JsonWebSignature2020 both ways with jsonld 9 + rdf-canonize 5 + jose (vc-peer.mjs), both flavours,
/// on a real Tagus credential re-issued by a test DID.
/// </summary>
public class Jws2020InteropTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var alg in new[] { "PS256", "ES256", "ES384", "EdDSA", "ES256K" })
            foreach (var flavour in new[] { "gaiax", "spec" })
                data.Add(alg, flavour);
        return data;
    }

    private static readonly JsonWebSignature2020 Suite = new() { Now = TestData.Now };

    /// <summary>The Tagus LegalParticipant of participant-vp.json, proof removed, issued by <paramref name="issuer"/>.</summary>
    private static JsonObject Document(Issuer issuer)
    {
        var vc = (JsonObject)TagusJws2020Tests.SignedCredentials("participant-vp.json")[1].DeepClone();
        vc.Remove("proof");
        vc["issuer"] = issuer.Did;
        return vc;
    }

    private static Jws2020Flavour Flavour(string name) => name == "gaiax" ? Jws2020Flavour.GaiaX : Jws2020Flavour.Spec;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task What_we_sign_the_js_stack_verifies(string alg, string flavour)
    {
        var issuer = new Issuer(alg);
        using var key = JwsKey.Create(issuer.PrivateKey, alg);
        var signed = await Suite.SignAsync(Document(issuer), key, issuer.Kid, Flavour(flavour), TestData.Now);
        var other = flavour == "gaiax" ? "spec" : "gaiax";
        var tampered = (JsonObject)signed.DeepClone();
        tampered["credentialSubject"]!["gx:legalName"] = "Someone Else";
        var jwk = issuer.PrivateKey.ToPublic().ToJson();
        var results = await JosePeer.RunAsync(
            new JsonObject { ["op"] = "jws2020-verify", ["variant"] = flavour, ["doc"] = signed.DeepClone(), ["jwk"] = jwk.DeepClone() },
            new JsonObject { ["op"] = "jws2020-verify", ["variant"] = other, ["doc"] = signed.DeepClone(), ["jwk"] = jwk.DeepClone() },
            new JsonObject { ["op"] = "jws2020-verify", ["variant"] = flavour, ["doc"] = tampered, ["jwk"] = jwk.DeepClone() });
        Assert.True(results[0]["ok"]!.GetValue<bool>(), results[0].ToJsonString());
        Assert.False(results[1]["ok"]!.GetValue<bool>()); // the flavours really differ
        Assert.False(results[2]["ok"]!.GetValue<bool>());
        Assert.Equal(alg, results[0]["header"]!["alg"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task What_the_js_stack_signs_we_verify_and_name_the_flavour(string alg, string flavour)
    {
        var issuer = new Issuer("ES256", did: "did:web:js.example");
        var peer = await JosePeer.RunAsync(new JsonObject { ["op"] = "generate", ["alg"] = alg });
        var jwk = peer[0]["jwk"]!.AsObject();
        var signed = (await JosePeer.OneAsync(new JsonObject
        {
            ["op"] = "jws2020-sign", ["variant"] = flavour, ["doc"] = Document(issuer), ["jwk"] = jwk.DeepClone(), ["alg"] = alg,
            ["vm"] = issuer.Kid, ["created"] = "2026-05-01T00:00:00Z",
        }))["doc"]!.AsObject();
        var keys = new DidDocumentKeySource(issuer.DidDocument(JsonWebKey.FromJson(jwk).ToPublic()));
        var result = await Suite.VerifyAsync(signed, keys);
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal(flavour == "gaiax" ? "JsonWebSignature2020/gaia-x" : "JsonWebSignature2020/spec", result.Profile);

        // The spec flavour signs the proof options too: a changed "created" breaks it; the Gaia-X flavour does not sign them.
        var moved = (JsonObject)signed.DeepClone();
        moved["proof"]!["created"] = "2026-05-02T00:00:00Z";
        var movedResult = await Suite.VerifyAsync(moved, keys);
        Assert.Equal(flavour == "gaiax" ? null : Refusal.BadSignature, movedResult.Reason);

        var tampered = (JsonObject)signed.DeepClone();
        tampered["credentialSubject"]!["gx:legalName"] = "Someone Else";
        Assert.Equal(Refusal.BadSignature, (await Suite.VerifyAsync(tampered, keys)).Reason);
    }
}
