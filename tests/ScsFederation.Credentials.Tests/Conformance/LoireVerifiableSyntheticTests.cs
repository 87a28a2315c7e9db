using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Verification;
using ScsFederation.Credentials.X509;

namespace ScsFederation.Credentials.Tests.Conformance;

/// <summary>
/// Fixtures of other implementations that ship their keys (samples/loire/verifiable-synthetic + keys/):
/// each must give the result samples/loire/README.md lists.
/// </summary>
public class LoireVerifiableSyntheticTests
{
    private static string Fixture(string name) => TestData.Text(TestData.Loire("verifiable-synthetic", name));

    private static VcJwtVerifier XfscVerifier(string didFile = "xfsc-fc_did-server_did.json") =>
        new(new DidDocumentKeySource(TestData.Json(TestData.Loire("keys", didFile))), new VcJwtVerifierOptions { Now = TestData.Now });

    [Theory]
    [InlineData("xfsc-cat_participant.loire.signed.jwt", "gx:LegalPerson")]
    [InlineData("xfsc-cat_service-offering.loire.signed.jwt", "gx:ServiceOffering")]
    public void Xfsc_credentials_are_valid_with_the_current_did_document(string file, string type)
    {
        var result = XfscVerifier().Verify(Fixture(file));
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal("EdDSA", result.Algorithm);
        Assert.Equal("did:web:did-server#jwt-key-1", result.Kid);
        Assert.Equal("vc+jwt/vc", result.Profile);
        Assert.Contains(type, result.Credential!.Types);
        Assert.Equal("did:web:did-server", result.Credential.Issuer);
    }

    [Fact]
    public void Xfsc_presentation_and_its_enveloped_credential_are_valid()
    {
        var result = XfscVerifier().Verify(Fixture("xfsc-cat_participant-vp.loire.signed.jwt"));
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal("vp+jwt/vp", result.Profile);
        var inner = Assert.Single(result.Enveloped);
        Assert.True(inner.Ok, $"{inner.Reason}: {inner.Detail}");
        Assert.Equal("application/vc+jwt", inner.MediaType);
        Assert.Contains("gx:LegalPerson", inner.Credential!.Types);
    }

    [Fact]
    public void Tampered_signature_is_refused()
    {
        var jwt = Fixture("xfsc-cat_bad-signature.vc2.jwt");
        var result = XfscVerifier().Verify(jwt);
        Assert.Equal(Refusal.BadSignature, result.Reason);
        // Not only its (non-canonical) spelling is wrong: read leniently, the bytes do not verify either.
        var parts = jwt.Split('.');
        var lenient = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/').PadRight((parts[2].Length + 3) / 4 * 4, '='));
        var key = new DidDocumentKeySource(TestData.Json(TestData.Loire("keys", "xfsc-fc_did-server_did.json"))).Find("did:web:did-server#jwt-key-1").Key!;
        using var verifier = JwsKey.Create(key, "EdDSA");
        Assert.False(verifier.Verify(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), lenient));
    }

    [Fact]
    public void Rotated_key_credential_verifies_only_with_the_old_key_and_is_expired()
    {
        var jwt = Fixture("xfsc-cat_participant-expired.vc2.jwt");
        Assert.Equal(Refusal.BadSignature, XfscVerifier().Verify(jwt).Reason);
        var old = XfscVerifier("xfsc-fc_did-server_did.OLD-3d87a8ac.json").Verify(jwt);
        Assert.Equal(Refusal.Expired, old.Reason); // signature passed (checked first), then the 2001 dates
        Assert.Contains("exp", old.Detail);
    }

    [Fact]
    public void Twinfoundation_compliance_credential_is_valid_with_its_clearing_house_key()
    {
        var fixture = TestData.Json(TestData.Loire("verifiable-synthetic", "twin_compliance_participant-credential.json"));
        var keys = JwksKeySource.Parse(File.ReadAllText(TestData.Loire("keys", "twin_clearing-house_public-key.json")));
        var result = new VcJwtVerifier(keys, new VcJwtVerifierOptions { Now = TestData.Now }).Verify(fixture["jwtCredential"]!.GetValue<string>());
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal("JWT", result.Profile);
        Assert.Equal("payload-s", result.TimeClaims);
        Assert.Contains("ComplianceCredential", result.Credential!.Types);
        // Its evidence digests use the base64 SRI form; they are well-formed SRI values of SHA-256 size.
        foreach (var evidence in result.Credential.Json["evidence"]!.AsArray())
        {
            var sri = evidence!["digestSRI"]!.GetValue<string>();
            Assert.StartsWith("sha256-", sri);
            Assert.Equal(32, Convert.FromBase64String(sri["sha256-".Length..]).Length);
        }
    }

    [Fact]
    public void Xfsc_jwt_key_1_is_refused_by_the_strict_certificate_check_because_its_x5u_chain_is_another_keys()
    {
        var did = TestData.Json(TestData.Loire("keys", "xfsc-fc_did-server_did.json"));
        var chain = File.ReadAllText(TestData.Loire("keys", "xfsc-fc_did-server_chain.pem"));
        var source = new DidDocumentKeySource(did);
        var jwtKey = source.Find("did:web:did-server#jwt-key-1").Key!;
        Assert.Equal("https://did-server/certs/chain.pem", jwtKey.X5u);
        var refused = X5uChainCheck.Check(chain, jwtKey, "did:web:did-server", new X5uCheckOptions { AllowSelfSignedRoot = true, Now = TestData.Now });
        Assert.Equal(Refusal.X5uLeafKeyMismatch, refused.Reason);

        // The same chain does belong to RSA key #0: that one passes the key check and fails only on names
        // (the leaf has no subjectAltName at all, so it covers no host).
        var rsaKey = source.Find("did:web:did-server#0").Key!;
        var rsa = X5uChainCheck.Check(chain, rsaKey, "did:web:did-server", new X5uCheckOptions { AllowSelfSignedRoot = true, Now = TestData.Now });
        Assert.Equal(Refusal.X5uSanMismatch, rsa.Reason);
    }
}
