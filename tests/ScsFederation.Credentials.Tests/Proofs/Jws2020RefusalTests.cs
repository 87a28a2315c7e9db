using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Proofs;
using ScsFederation.Credentials.Tests.Conformance;
using ScsFederation.Credentials.Tests.Jwt;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Tests.Proofs;

public class Jws2020RefusalTests
{
    private static readonly JsonWebSignature2020 Suite = new() { Now = TestData.Now };

    private static async Task<(Issuer Issuer, JsonObject Signed)> SignedAsync(string alg = "PS256", Jws2020Flavour flavour = Jws2020Flavour.GaiaX)
    {
        var issuer = new Issuer(alg);
        var vc = (JsonObject)TagusJws2020Tests.SignedCredentials("participant-vp.json")[2].DeepClone();
        vc.Remove("proof");
        vc["issuer"] = issuer.Did;
        using var key = JwsKey.Create(issuer.PrivateKey, alg);
        return (issuer, await Suite.SignAsync(vc, key, issuer.Kid, flavour, TestData.Now));
    }

    [Fact]
    public async Task Our_own_proofs_verify_in_both_flavours()
    {
        foreach (var flavour in new[] { Jws2020Flavour.GaiaX, Jws2020Flavour.Spec })
        {
            var (issuer, signed) = await SignedAsync("ES256", flavour);
            var result = await Suite.VerifyAsync(signed, issuer.KeySource());
            Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
            Assert.EndsWith(flavour == Jws2020Flavour.GaiaX ? "/gaia-x" : "/spec", result.Profile);
        }
    }

    [Fact]
    public async Task Alg_none_is_refused()
    {
        var (issuer, signed) = await SignedAsync();
        signed["proof"]!["jws"] = Base64Url.Encode("{\"alg\":\"none\",\"b64\":false,\"crit\":[\"b64\"]}"u8) + "..";
        Assert.Equal(Refusal.AlgNone, (await Suite.VerifyAsync(signed, issuer.KeySource())).Reason);
    }

    [Fact]
    public async Task Verification_method_not_in_the_DID_document_is_refused()
    {
        var (issuer, signed) = await SignedAsync();
        signed["proof"]!["verificationMethod"] = issuer.Did + "#key-2";
        Assert.Equal(Refusal.KidNotFound, (await Suite.VerifyAsync(signed, issuer.KeySource())).Reason);
    }

    [Fact]
    public async Task Alg_that_does_not_fit_the_key_is_refused()
    {
        var (issuer, signed) = await SignedAsync();
        var other = new Issuer("EdDSA");
        var keys = new DidDocumentKeySource(issuer.DidDocument(other.PrivateKey.ToPublic()));
        Assert.Equal(Refusal.AlgKeyMismatch, (await Suite.VerifyAsync(signed, keys)).Reason);
    }

    [Fact]
    public async Task Expired_credential_is_refused_after_its_signature_verified()
    {
        var issuer = new Issuer("PS256");
        var vc = (JsonObject)TagusJws2020Tests.SignedCredentials("participant-vp.json")[2].DeepClone();
        vc.Remove("proof");
        vc["issuer"] = issuer.Did;
        vc["expirationDate"] = "2026-02-01T00:00:00.000Z";
        using var key = JwsKey.Create(issuer.PrivateKey, "PS256");
        var signed = await Suite.SignAsync(vc, key, issuer.Kid);
        Assert.Equal(Refusal.Expired, (await Suite.VerifyAsync(signed, issuer.KeySource())).Reason);
    }

    [Fact]
    public async Task A_key_of_another_DID_than_the_issuer_is_refused()
    {
        var (issuer, signed) = await SignedAsync();
        signed["issuer"] = "did:web:someone-else.example";
        Assert.Equal(Refusal.IssuerMismatch, (await Suite.VerifyAsync(signed, issuer.KeySource())).Reason);
    }

    [Fact]
    public async Task Missing_or_foreign_proofs_and_attached_payloads_are_refused()
    {
        var (issuer, signed) = await SignedAsync();
        var none = (JsonObject)signed.DeepClone();
        none.Remove("proof");
        Assert.Equal(Refusal.ProofMissing, (await Suite.VerifyAsync(none, issuer.KeySource())).Reason);
        var foreign = (JsonObject)signed.DeepClone();
        foreign["proof"]!["type"] = "Ed25519Signature2020";
        Assert.Equal(Refusal.ProofUnsupported, (await Suite.VerifyAsync(foreign, issuer.KeySource())).Reason);
        var attached = (JsonObject)signed.DeepClone();
        var jws = attached["proof"]!["jws"]!.GetValue<string>().Split('.');
        attached["proof"]!["jws"] = jws[0] + "." + Base64Url.Encode(Encoding.ASCII.GetBytes("x")) + "." + jws[2];
        Assert.Equal(Refusal.Malformed, (await Suite.VerifyAsync(attached, issuer.KeySource())).Reason);
        var b64 = (JsonObject)signed.DeepClone();
        b64["proof"]!["jws"] = Base64Url.Encode("{\"alg\":\"PS256\"}"u8) + ".." + jws[2];
        Assert.Equal(Refusal.Malformed, (await Suite.VerifyAsync(b64, issuer.KeySource())).Reason);
    }

    [Fact]
    public async Task Unknown_context_fails_closed()
    {
        var (issuer, signed) = await SignedAsync();
        signed["@context"]!.AsArray().Add("https://unknown.example/context.jsonld");
        Assert.Equal(Refusal.CanonicalizationFailed, (await Suite.VerifyAsync(signed, issuer.KeySource())).Reason);
    }
}
