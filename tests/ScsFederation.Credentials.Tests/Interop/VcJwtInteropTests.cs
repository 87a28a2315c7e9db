using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Tests.Jwt;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Tests.Interop;

/// <summary>
/// VC-JWT and VP-JWT both ways with npm jose (tests/interop/credentials/vc-peer.mjs): what we sign jose
/// verifies, what jose signs we verify — every algorithm, every accepted header profile, presentations
/// with enveloped credentials. ES256K: jose 6 has no secp256k1 (WebCrypto only), so the peer signs and
/// verifies it with node:crypto (OpenSSL), an implementation independent of Nethereum.
/// </summary>
public class VcJwtInteropTests
{
    public static TheoryData<string> Algorithms => new() { "PS256", "PS384", "PS512", "RS256", "ES256", "ES384", "ES512", "ES256K", "EdDSA" };

    private static VcJwtVerifier Verifier(IVerificationKeySource keys) => new(keys, new VcJwtVerifierOptions { Now = TestData.Now });

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task What_we_sign_jose_verifies_in_every_profile(string alg)
    {
        var issuer = new Issuer(alg);
        var ops = new List<JsonObject>();
        var expected = new List<(string Typ, string Jws)>();
        // Several tokens per profile: ECDSA signatures differ each time (ES256K: high and low S both occur).
        foreach (var profile in VcJwtProfile.Known)
        {
            var signer = new VcJwtSigner(JwsKey.Create(issuer.PrivateKey, alg), issuer.Kid, profile) { Clock = () => TestData.Now };
            for (var i = 0; i < 3; i++)
            {
                var jws = signer.Sign(issuer.Credential());
                expected.Add((profile.CredentialTyp, jws));
                ops.Add(new JsonObject { ["op"] = "verify", ["jws"] = jws, ["jwk"] = issuer.PrivateKey.ToPublic().ToJson() });
            }
        }
        var tampered = expected[0].Jws[..^2] + (expected[0].Jws[^2] == 'A' ? "B" : "A") + expected[0].Jws[^1];
        ops.Add(new JsonObject { ["op"] = "verify", ["jws"] = tampered, ["jwk"] = issuer.PrivateKey.ToPublic().ToJson() });
        var results = await JosePeer.RunAsync([.. ops]);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(results[i]["ok"]!.GetValue<bool>(), $"{alg} {expected[i].Typ}: {results[i]["error"]}");
            Assert.Equal(expected[i].Typ, results[i]["header"]!["typ"]!.GetValue<string>());
            Assert.Equal(issuer.Did, results[i]["payload"]!["issuer"]!.GetValue<string>());
        }
        Assert.False(results[^1]["ok"]!.GetValue<bool>()); // the peer does refuse a broken signature
    }

    public static TheoryData<string, string?, bool> AcceptedHeaders()
    {
        var data = new TheoryData<string, string?, bool>();
        foreach (var (typ, cty, _) in VcJwtProfile.Accepted)
        {
            data.Add(typ, cty, true);   // iss/iat/exp in the header, milliseconds (GXDCH today)
            data.Add(typ, cty, false);  // no header times
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AcceptedHeaders))]
    public async Task What_jose_signs_we_verify_in_each_accepted_header_profile(string typ, string? cty, bool headerTimes)
    {
        var presentation = typ.StartsWith("vp", StringComparison.Ordinal);
        var issuer = new Issuer("ES256", did: "did:web:jose.example");
        var jwk = (await JosePeer.OneAsync(new JsonObject { ["op"] = "generate", ["alg"] = "ES256" }))["jwk"]!.AsObject();
        var publicKey = JsonWebKey.FromJson(jwk).ToPublic();
        var header = new JsonObject { ["typ"] = typ, ["kid"] = issuer.Kid };
        if (cty is not null) header["cty"] = cty;
        if (headerTimes)
        {
            header["iss"] = issuer.Did;
            header["iat"] = TestData.Now.ToUnixTimeMilliseconds();
            header["exp"] = TestData.Now.AddDays(30).ToUnixTimeMilliseconds();
        }
        JsonObject payload = issuer.Credential();
        var keys = new DidDocumentKeySource(issuer.DidDocument(publicKey));
        if (presentation)
        {
            var inner = (await JosePeer.OneAsync(new JsonObject
            {
                ["op"] = "sign", ["alg"] = "ES256", ["jwk"] = jwk.DeepClone(), ["payload"] = issuer.Credential(),
                ["header"] = new JsonObject { ["typ"] = "vc+ld+json+jwt", ["cty"] = "vc+ld+json", ["kid"] = issuer.Kid },
            }))["jws"]!.GetValue<string>();
            payload = issuer.Presentation();
            payload["verifiableCredential"] = new JsonArray(new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/credentials/v2", ["id"] = "data:application/vc+ld+json+jwt," + inner, ["type"] = "EnvelopedVerifiableCredential",
            });
        }
        var jws = (await JosePeer.OneAsync(new JsonObject { ["op"] = "sign", ["alg"] = "ES256", ["jwk"] = jwk.DeepClone(), ["header"] = header, ["payload"] = payload }))["jws"]!.GetValue<string>();
        var result = Verifier(keys).Verify(jws);
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal(cty is null ? typ : $"{typ}/{cty}", result.Profile);
        Assert.Equal(headerTimes ? "header-ms" : null, result.TimeClaims);
        if (presentation) Assert.Equal("vc+ld+json+jwt/vc+ld+json", Assert.Single(result.Enveloped).Profile);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task What_jose_signs_we_verify_with_every_algorithm(string alg)
    {
        var issuer = new Issuer("ES256", did: "did:web:jose.example");
        var jwk = (await JosePeer.OneAsync(new JsonObject { ["op"] = "generate", ["alg"] = alg }))["jwk"]!.AsObject();
        var ops = Enumerable.Range(0, 6).Select(_ => new JsonObject
        {
            ["op"] = "sign", ["alg"] = alg, ["jwk"] = jwk.DeepClone(), ["payload"] = issuer.Credential(),
            ["header"] = new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = issuer.Kid },
        }).ToArray();
        var tokens = (await JosePeer.RunAsync(ops)).Select(r => r["jws"]!.GetValue<string>()).ToList();
        // The peer's private JWK imports here too, and we verify with its public part only.
        Assert.True(JsonWebKey.FromJson(jwk).HasPrivateKey);
        var keys = new DidDocumentKeySource(issuer.DidDocument(JsonWebKey.FromJson(jwk).ToPublic()));
        foreach (var token in tokens)
        {
            var result = Verifier(keys).Verify(token);
            Assert.True(result.Ok, $"{alg}: {result.Reason}: {result.Detail}");
            Assert.Equal(alg, result.Algorithm);
        }
        var parts = tokens[0].Split('.');
        var changed = issuer.Credential();
        changed["validFrom"] = "2026-01-02T00:00:00Z";
        Assert.Equal(Refusal.BadSignature, Verifier(keys).Verify(parts[0] + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(changed.ToJsonString())) + "." + parts[2]).Reason);
    }

    [Fact]
    public async Task Our_presentation_with_enveloped_credentials_of_two_issuers_verifies_in_jose()
    {
        var holder = new Issuer("PS256", did: "did:web:holder.example");
        var notary = new Issuer("EdDSA", did: "did:web:notary.example");
        var k1 = new Issuer("ES256K", did: "did:web:k1.example");
        var sign = (Issuer i, VcJwtProfile p) => new VcJwtSigner(JwsKey.Create(i.PrivateKey, i.Alg), i.Kid, p) { Clock = () => TestData.Now };
        var vcs = new[] { sign(notary, VcJwtProfile.GxdchNotary).Sign(notary.Credential()), sign(k1, VcJwtProfile.Gxdch).Sign(k1.Credential()) };
        foreach (var mediaType in new[] { "application/vc+jwt", "application/vc+ld+json+jwt" })
        {
            var vp = sign(holder, VcJwtProfile.Gxdch).SignPresentation(holder.Presentation(), vcs, mediaType);
            var keys = new JsonObject
            {
                [holder.Kid] = holder.PrivateKey.ToPublic().ToJson(), [notary.Kid] = notary.PrivateKey.ToPublic().ToJson(), [k1.Kid] = k1.PrivateKey.ToPublic().ToJson(),
            };
            var result = await JosePeer.OneAsync(new JsonObject { ["op"] = "verify-vp", ["jws"] = vp, ["keys"] = keys });
            Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
            var inner = result["inner"]!.AsArray();
            Assert.Equal(2, inner.Count);
            Assert.All(inner, i => Assert.Equal(mediaType, i!["mediaType"]!.GetValue<string>()));
            Assert.Equal("vc+ld+jwt", inner[0]!["header"]!["typ"]!.GetValue<string>());
            Assert.Equal("vp+jwt", result["header"]!["typ"]!.GetValue<string>());
            // And we verify the same presentation ourselves.
            var ours = Verifier(new CompositeKeySource(holder.KeySource(), notary.KeySource(), k1.KeySource())).Verify(vp);
            Assert.True(ours.Ok, $"{ours.Reason}: {ours.Detail}");
        }
    }
}
