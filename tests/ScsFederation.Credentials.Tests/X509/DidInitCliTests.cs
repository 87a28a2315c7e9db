using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Verification;
using ScsFederation.Credentials.X509;

namespace ScsFederation.Credentials.Tests.X509;

/// <summary><c>scsfed sd did init</c> end to end: key file 0600, CSR or lab chain, DID document; JSON on stdout; exit 0 / 2.</summary>
public sealed class DidInitCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scsfed-did-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Did = "did:web:issuer.example.org%3A8443:gaia-x:provider-a";

    [Theory]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    [InlineData("ES256K")]
    public void Lab_init_writes_a_key_a_chain_for_it_and_a_document_a_verifier_uses(string alg)
    {
        var (exit, stdout, stderr) = SdCliTests.Run(null, "sd", "did", "init", "--did", Did, "--out", _dir, "--alg", alg, "--lab");
        Assert.True(exit == 0, stderr);
        var output = JsonNode.Parse(stdout)!;
        Assert.Equal("https://issuer.example.org:8443/gaia-x/provider-a/did.json", output["documentUrl"]!.GetValue<string>());

        var keyFile = Path.Combine(_dir, "issuer.jwk");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        var key = JsonWebKey.Parse(File.ReadAllText(keyFile));
        var document = (JsonObject)JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "did.json")))!;
        var method = document["verificationMethod"]![0]!;
        var jwk = JsonWebKey.FromJson(method["publicKeyJwk"]!.AsObject());
        Assert.Equal((alg, false), (jwk.Alg, jwk.HasPrivateKey));
        Assert.StartsWith("https://issuer.example.org:8443/gaia-x/provider-a/x5u/", jwk.X5u);

        var chain = File.ReadAllText(Path.Combine(_dir, "chain.pem"));
        Assert.True(X5uChainCheck.Check(chain, jwk, Did, new X5uCheckOptions { AllowSelfSignedRoot = true }).Ok);
        // Lab chains are trusted by nobody unless told so.
        Assert.Equal(Refusal.X5uUntrustedRoot, X5uChainCheck.Check(chain, jwk, Did).Reason);

        using var signer = JwsKey.Create(key, alg);
        var jwt = new VcJwtSigner(signer, key.Kid!).Sign(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"), ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = Did, ["validFrom"] = "2026-01-01T00:00:00Z", ["credentialSubject"] = new JsonObject { ["id"] = Did },
        });
        Assert.Equal(method["id"]!.GetValue<string>(), key.Kid);
        var result = new VcJwtVerifier(new DidDocumentKeySource(document)).Verify(jwt);
        Assert.True(result.Ok, result.Reason + " " + result.Detail);
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("EdDSA")]
    [InlineData("ES256K")]
    public void Init_without_lab_writes_a_csr_signed_by_the_key_for_the_did_host(string alg)
    {
        var (exit, _, stderr) = SdCliTests.Run(null, "sd", "did", "init", "--did", Did, "--out", _dir, "--alg", alg);
        Assert.True(exit == 0, stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "chain.pem")));
        var pem = File.ReadAllText(Path.Combine(_dir, "issuer.csr.pem"));
        var der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal))));
        // BouncyCastle checks the request's signature independently of the code that made it.
        var csr = new Org.BouncyCastle.Pkcs.Pkcs10CertificationRequest(der);
        Assert.True(csr.Verify());
        Assert.Contains("CN=issuer.example.org", csr.GetCertificationRequestInfo().Subject.ToString());

        var key = JsonWebKey.Parse(File.ReadAllText(Path.Combine(_dir, "issuer.jwk")));
        var spki = csr.GetCertificationRequestInfo().SubjectPublicKeyInfo.GetDerEncoded();
        Assert.Equal(IssuerCertificates.PublicKeyOf(key).ExportSubjectPublicKeyInfo(), spki);
    }

    [Fact]
    public void An_existing_key_is_never_overwritten()
    {
        Assert.Equal(0, SdCliTests.Run(null, "sd", "did", "init", "--did", Did, "--out", _dir, "--alg", "ES256", "--lab").Exit);
        var before = File.ReadAllText(Path.Combine(_dir, "issuer.jwk"));
        var (exit, stdout, stderr) = SdCliTests.Run(null, "sd", "did", "init", "--did", Did, "--out", _dir, "--alg", "ES256", "--lab");
        Assert.Equal(2, exit);
        Assert.Contains("refusing to overwrite", stderr);
        Assert.Equal("", stdout);
        Assert.Equal(before, File.ReadAllText(Path.Combine(_dir, "issuer.jwk")));
    }

    [Theory]
    [InlineData("--did", "did:key:z6Mk", "--out")]
    [InlineData("--did", "did:web:host:..:x", "--out")]
    public void A_did_that_is_not_did_web_is_a_usage_error(string didOption, string did, string outOption)
    {
        var (exit, _, stderr) = SdCliTests.Run(null, "sd", "did", "init", didOption, did, outOption, _dir);
        Assert.Equal(2, exit);
        Assert.Contains("not a did:web DID", stderr);
        Assert.False(File.Exists(Path.Combine(_dir, "issuer.jwk")));
    }
}
