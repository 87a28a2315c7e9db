using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Tests.Jwt;

public class VcJwtTests
{
    private static VcJwtVerifier Verifier(IVerificationKeySource keys) => new(keys, new VcJwtVerifierOptions { Now = TestData.Now });

    private static VcJwtSigner Signer(Issuer issuer, VcJwtProfile? profile = null) =>
        new(JwsKey.Create(issuer.PrivateKey, issuer.Alg), issuer.Kid, profile) { Clock = () => TestData.Now };

    /// <summary>Re-signs a token with a changed header (the attacker holds the key, or the check is on the header alone).</summary>
    private static string Resign(Issuer issuer, JsonObject header, JsonObject payload)
    {
        using var key = JwsKey.Create(issuer.PrivateKey, issuer.Alg);
        return CompactJws.Sign(header, Encoding.UTF8.GetBytes(payload.ToJsonString()), key);
    }

    [Theory]
    [InlineData("PS256")] [InlineData("PS384")] [InlineData("PS512")] [InlineData("RS256")]
    [InlineData("ES256")] [InlineData("ES384")] [InlineData("ES512")] [InlineData("ES256K")] [InlineData("EdDSA")]
    public void Every_algorithm_signs_and_verifies(string alg)
    {
        var issuer = new Issuer(alg);
        var jwt = Signer(issuer).Sign(issuer.Credential());
        var result = Verifier(issuer.KeySource()).Verify(jwt);
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal(alg, result.Algorithm);
        // The payload is the credential itself, byte for byte what we gave (no vc claim, nothing added).
        Assert.Equal(issuer.Credential().ToJsonString(), Encoding.UTF8.GetString(CompactJws.Parse(jwt).Payload));
    }

    [Fact]
    public void Default_profile_is_what_GXDCH_issues_today()
    {
        var issuer = new Issuer("PS256");
        var header = CompactJws.Parse(Signer(issuer).Sign(issuer.Credential())).Header;
        Assert.Equal("PS256", header["alg"]!.GetValue<string>());
        Assert.Equal("vc+jwt", header["typ"]!.GetValue<string>());
        Assert.Equal("vc", header["cty"]!.GetValue<string>());
        Assert.Equal(issuer.Kid, header["kid"]!.GetValue<string>());
        Assert.Equal(issuer.Did, header["iss"]!.GetValue<string>());
        Assert.Equal(TestData.Now.ToUnixTimeMilliseconds(), header["iat"]!.GetValue<long>());
        Assert.Equal(new DateTimeOffset(2027, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds(), header["exp"]!.GetValue<long>());
        Assert.Equal("header-ms", Verifier(issuer.KeySource()).Verify(Signer(issuer).Sign(issuer.Credential())).TimeClaims);
    }

    public static TheoryData<string, string, string> Profiles => new()
    {
        { "gxdch", "vc+jwt/vc", "vp+jwt/vp" },
        { "gxdch-notary", "vc+ld+jwt/vc+ld", "vp+ld+jwt/vp+ld" },
        { "gaia-x-24.07", "vc+ld+json+jwt/vc+ld+json", "vp+ld+json+jwt/vp+ld+json" },
        { "vc-jose-cose", "vc+jwt/vc", "vp+jwt/vp" },
    };

    [Theory]
    [MemberData(nameof(Profiles))]
    public void Each_profile_is_accepted_and_named_in_the_result(string name, string vcProfile, string vpProfile)
    {
        var issuer = new Issuer("ES256");
        var signer = Signer(issuer, VcJwtProfile.ByName(name));
        var vc = signer.Sign(issuer.Credential());
        var vp = signer.SignPresentation(issuer.Presentation(), [vc], name == "gaia-x-24.07" ? "application/vc+ld+json+jwt" : "application/vc+jwt");
        var result = Verifier(issuer.KeySource()).Verify(vp);
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal(vpProfile, result.Profile);
        Assert.Equal(vcProfile, Assert.Single(result.Enveloped).Profile);
        Assert.Equal(name switch { "gxdch" or "gxdch-notary" => "header-ms", "vc-jose-cose" => "header-s", _ => null }, result.TimeClaims);
    }

    [Theory]
    [InlineData(1_000_000_000_000L, "expired")]     // ms: 2001
    [InlineData(1_000_000_000L, "expired")]         // s: 2001
    [InlineData(1_900_000_000_000L, null)]          // ms: 2030
    [InlineData(1_900_000_000L, null)]              // s: 2030
    public void Header_exp_is_read_by_magnitude(long exp, string? reason)
    {
        var issuer = new Issuer("ES256");
        var header = new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = issuer.Kid, ["iss"] = issuer.Did, ["exp"] = exp };
        var result = Verifier(issuer.KeySource()).Verify(Resign(issuer, header, issuer.Credential()));
        Assert.Equal(reason, result.Reason);
        Assert.Equal(exp > 1e11 ? "header-ms" : "header-s", result.TimeClaims);
    }

    [Fact]
    public void Alg_none_is_refused()
    {
        var issuer = new Issuer("ES256");
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"none\",\"typ\":\"vc+jwt\",\"kid\":\"{issuer.Kid}\"}}"));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(issuer.Credential().ToJsonString()));
        var result = Verifier(issuer.KeySource()).Verify(header + "." + payload + ".");
        Assert.Equal(Refusal.AlgNone, result.Reason);
        Assert.Equal(Refusal.AlgNone, Verifier(issuer.KeySource()).Verify(Base64Url.Encode("{\"typ\":\"vc+jwt\"}"u8) + "." + payload + ".").Reason);
    }

    [Fact]
    public void Kid_not_in_the_DID_document_is_refused_even_when_only_the_fragment_differs_or_is_relative()
    {
        var issuer = new Issuer("ES256");
        var jwt = Signer(issuer).Sign(issuer.Credential());
        var result = Verifier(new DidDocumentKeySource(issuer.DidDocument(vmId: issuer.Did + "#key-2"))).Verify(jwt);
        Assert.Equal(Refusal.KidNotFound, result.Reason);
        Assert.Contains(issuer.Kid, result.Detail);
        // A relative verificationMethod id resolves against the DID: "#key-1" is did:web:issuer.example#key-1.
        Assert.True(Verifier(new DidDocumentKeySource(issuer.DidDocument(vmId: "#key-1"))).Verify(jwt).Ok);
        // A bare fragment as kid is not the DID URL: refused.
        var bare = Resign(issuer, new JsonObject { ["typ"] = "vc+jwt", ["kid"] = "key-1" }, issuer.Credential());
        Assert.Equal(Refusal.KidNotFound, Verifier(issuer.KeySource()).Verify(bare).Reason);
    }

    [Fact]
    public void Alg_that_does_not_fit_the_JWK_is_refused()
    {
        var rsa = new Issuer("PS256");
        var p256 = new Issuer("ES256");
        // An ES256 token whose kid names an RSA key (the DID document lists p256's kid with rsa's key).
        var jwt = Signer(p256).Sign(p256.Credential());
        var result = Verifier(new DidDocumentKeySource(p256.DidDocument(publicKey: rsa.PrivateKey.ToPublic()))).Verify(jwt);
        Assert.Equal(Refusal.AlgKeyMismatch, result.Reason);
        Assert.Contains("EC", result.Detail);
        // RS256 with an RSA key published as alg PS256.
        var rs = Resign(new Issuer("RS256"), new JsonObject { ["typ"] = "vc+jwt", ["kid"] = rsa.Kid }, rsa.Credential());
        var published = rsa.DidDocument(publicKey: new Issuer("RS256").PrivateKey.ToPublic().With("alg", "PS256"));
        Assert.Equal(Refusal.AlgKeyMismatch, Verifier(new DidDocumentKeySource(published)).Verify(rs).Reason);
        // ES384 on a P-256 key.
        Assert.Equal(Refusal.AlgKeyMismatch, Verifier(p256.KeySource()).Verify(Resign2(p256, "ES384")).Reason);
    }

    /// <summary>A token whose header claims <paramref name="alg"/> but whose signature is the issuer's own algorithm.</summary>
    private static string Resign2(Issuer issuer, string alg)
    {
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"{alg}\",\"typ\":\"vc+jwt\",\"kid\":\"{issuer.Kid}\"}}"));
        var payload = Base64Url.Encode(Encoding.UTF8.GetBytes(issuer.Credential().ToJsonString()));
        using var key = JwsKey.Create(issuer.PrivateKey, issuer.Alg);
        return header + "." + payload + "." + Base64Url.Encode(key.Sign(Encoding.ASCII.GetBytes(header + "." + payload)));
    }

    [Fact]
    public void Expired_and_not_yet_valid_credentials_are_refused()
    {
        var issuer = new Issuer("EdDSA");
        var expired = Verifier(issuer.KeySource()).Verify(Signer(issuer).Sign(issuer.Credential(validUntil: "2026-05-01T00:00:00Z")));
        Assert.Equal(Refusal.Expired, expired.Reason);
        var future = Verifier(issuer.KeySource()).Verify(Signer(issuer).Sign(issuer.Credential(validFrom: "2026-07-01T00:00:00Z")));
        Assert.Equal(Refusal.NotYetValid, future.Reason);
        // VC 1.1 dates count as well.
        var v1 = issuer.Credential(validUntil: null);
        v1.Remove("validFrom");
        v1["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1");
        v1["issuanceDate"] = "2025-01-01T00:00:00Z";
        v1["expirationDate"] = "2026-02-01T00:00:00Z";
        Assert.Equal(Refusal.Expired, Verifier(issuer.KeySource()).Verify(Signer(issuer, VcJwtProfile.Gaiax2407).Sign(v1)).Reason);
    }

    [Fact]
    public void A_changed_payload_or_foreign_key_is_a_bad_signature()
    {
        var issuer = new Issuer("ES256K");
        var jwt = Signer(issuer).Sign(issuer.Credential());
        var parts = jwt.Split('.');
        var changed = issuer.Credential();
        changed["credentialSubject"]!["schema:name"] = "Example Cloud GmbH — Zürick";
        var tampered = parts[0] + "." + Base64Url.Encode(Encoding.UTF8.GetBytes(changed.ToJsonString())) + "." + parts[2];
        Assert.Equal(Refusal.BadSignature, Verifier(issuer.KeySource()).Verify(tampered).Reason);
        var impostor = new Issuer("ES256K", fragment: "impostor");
        Assert.Equal(Refusal.BadSignature, Verifier(new DidDocumentKeySource(issuer.DidDocument(publicKey: impostor.PrivateKey.ToPublic()))).Verify(jwt).Reason);
    }

    [Fact]
    public void Issuer_that_is_not_the_kids_DID_is_refused()
    {
        var issuer = new Issuer("ES256");
        var vc = issuer.Credential();
        vc["issuer"] = "did:web:someone-else.example";
        var jwt = Resign(issuer, new JsonObject { ["typ"] = "vc+jwt", ["cty"] = "vc", ["kid"] = issuer.Kid }, vc);
        Assert.Equal(Refusal.IssuerMismatch, Verifier(issuer.KeySource()).Verify(jwt).Reason);
        var headerIss = Resign(issuer, new JsonObject { ["typ"] = "vc+jwt", ["kid"] = issuer.Kid, ["iss"] = "did:web:someone-else.example" }, issuer.Credential());
        Assert.Equal(Refusal.IssuerMismatch, Verifier(issuer.KeySource()).Verify(headerIss).Reason);
    }

    [Theory]
    [InlineData("vp+jwt", "vp")]        // a presentation type on a credential
    [InlineData("vc+jwt", "vp")]        // cty of another profile
    [InlineData("at+jwt", null)]        // an OAuth access token
    [InlineData(null, null)]
    public void Unaccepted_header_profiles_are_refused(string? typ, string? cty)
    {
        var issuer = new Issuer("ES256");
        var header = new JsonObject { ["kid"] = issuer.Kid };
        if (typ is not null) header["typ"] = typ;
        if (cty is not null) header["cty"] = cty;
        Assert.Equal(Refusal.TypNotAccepted, Verifier(issuer.KeySource()).Verify(Resign(issuer, header, issuer.Credential())).Reason);
    }

    [Fact]
    public void Unknown_critical_header_is_refused()
    {
        var issuer = new Issuer("ES256");
        var header = new JsonObject { ["typ"] = "vc+jwt", ["kid"] = issuer.Kid, ["crit"] = new JsonArray("exp2"), ["exp2"] = 1 };
        Assert.Equal(Refusal.CritUnsupported, Verifier(issuer.KeySource()).Verify(Resign(issuer, header, issuer.Credential())).Reason);
    }

    [Theory]
    [InlineData("not a jwt")]
    [InlineData("a.b")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.AA")]
    [InlineData("bm90IGpzb24.e30.AA")]
    public void Malformed_tokens_are_refused(string token)
    {
        Assert.Equal(Refusal.Malformed, Verifier(new Issuer("ES256").KeySource()).Verify(token).Reason);
    }

    [Fact]
    public void Duplicate_header_names_are_malformed()
    {
        var header = Base64Url.Encode("{\"alg\":\"ES256\",\"alg\":\"none\",\"typ\":\"vc+jwt\"}"u8);
        Assert.Equal(Refusal.Malformed, Verifier(new Issuer("ES256").KeySource()).Verify(header + ".e30.AA").Reason);
    }

    [Fact]
    public void Presentation_with_a_refused_enveloped_credential_is_refused_and_says_which()
    {
        var holder = new Issuer("PS256", did: "did:web:holder.example");
        var notary = new Issuer("ES256", did: "did:web:notary.example");
        var keys = new CompositeKeySource(holder.KeySource(), notary.KeySource());
        var good = Signer(notary).Sign(notary.Credential());
        var expired = Signer(notary).Sign(notary.Credential(validUntil: "2026-02-01T00:00:00Z"));
        var vp = Signer(holder).SignPresentation(holder.Presentation(), [good, expired]);
        var result = Verifier(keys).Verify(vp);
        Assert.Equal(Refusal.EnvelopedCredentialRefused, result.Reason);
        Assert.StartsWith("verifiableCredential[1]: expired", result.Detail);
        Assert.True(result.Enveloped[0].Ok);
        Assert.True(Verifier(keys).Verify(Signer(holder).SignPresentation(holder.Presentation(), [good, good])).Ok);
        // Without the notary's DID document the inner credential has no key.
        Assert.Equal(Refusal.KidNotFound, Verifier(holder.KeySource()).Verify(vp).Enveloped[0].Reason);
    }

    [Theory]
    [InlineData("data:application/vc+jwt,")]
    [InlineData("data:application/vc+ld+json+jwt,")]
    [InlineData("data:application/vc+jwt;")]   // the ICAM 25.11 prose spelling
    public void Every_envelope_spelling_is_read(string prefix)
    {
        var holder = new Issuer("EdDSA", did: "did:web:holder.example");
        var vc = Signer(holder).Sign(holder.Credential());
        var vp = holder.Presentation();
        vp["verifiableCredential"] = new JsonArray(new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/credentials/v2", ["id"] = prefix + vc, ["type"] = "EnvelopedVerifiableCredential",
        });
        var result = Verifier(holder.KeySource()).Verify(Signer(holder).Sign(vp));
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.True(Assert.Single(result.Enveloped).Ok);
    }

    [Fact]
    public void A_presentation_cannot_be_enveloped_in_a_presentation()
    {
        var holder = new Issuer("EdDSA", did: "did:web:holder.example");
        var inner = Signer(holder).SignPresentation(holder.Presentation(), [Signer(holder).Sign(holder.Credential())]);
        var outer = Signer(holder).SignPresentation(holder.Presentation(), [inner], "application/vp+jwt");
        Assert.Equal(Refusal.EnvelopedCredentialRefused, Verifier(holder.KeySource()).Verify(outer).Reason);
    }

    [Fact]
    public void Jwks_source_matches_kid_exactly_or_by_DID_URL_fragment()
    {
        var issuer = new Issuer("ES384");
        var jwt = Signer(issuer).Sign(issuer.Credential());
        Assert.True(Verifier(new JwksKeySource([issuer.PrivateKey.ToPublic().With("kid", "key-1")])).Verify(jwt).Ok);
        Assert.True(Verifier(JwksKeySource.Parse($"{{\"keys\":[{issuer.PrivateKey.ToPublic().With("kid", issuer.Kid)}]}}")).Verify(jwt).Ok);
        Assert.Equal(Refusal.KidNotFound, Verifier(new JwksKeySource([issuer.PrivateKey.ToPublic().With("kid", "key-9")])).Verify(jwt).Reason);
    }

    [Fact]
    public void A_DID_document_that_publishes_a_private_key_is_not_used()
    {
        var issuer = new Issuer("ES256");
        var jwt = Signer(issuer).Sign(issuer.Credential());
        Assert.Equal(Refusal.KeyUnusable, Verifier(new DidDocumentKeySource(issuer.DidDocument(publicKey: issuer.PrivateKey))).Verify(jwt).Reason);
    }
}
