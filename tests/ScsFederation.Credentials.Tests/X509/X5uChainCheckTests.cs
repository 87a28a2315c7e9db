using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Verification;
using ScsFederation.Credentials.X509;

namespace ScsFederation.Credentials.Tests.X509;

/// <summary>Strict x5u checks on chains made here (root → intermediate → leaf), one broken property each.</summary>
public class X5uChainCheckTests
{
    private static readonly DateTimeOffset Now = TestData.Now;

    private sealed record Chain(string Pem, JsonWebKey LeafJwk, X509Certificate2 Root);

    private static Chain Make(string[] sans, ECDsa? leafKey = null, DateTimeOffset? leafNotAfter = null, bool swapIntermediate = false)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        leafKey ??= ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootRequest.CreateSelfSigned(Now.AddYears(-1), Now.AddYears(10));

        var intermediateRequest = new CertificateRequest("CN=Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var intermediate = intermediateRequest.Create(root, Now.AddYears(-1), Now.AddYears(5), [1, 2]).CopyWithPrivateKey(intermediateKey);

        var leafRequest = new CertificateRequest("CN=issuer.example", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in sans) san.AddDnsName(name);
        if (sans.Length > 0) leafRequest.CertificateExtensions.Add(san.Build());
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var leaf = leafRequest.Create(intermediate, Now.AddDays(-30), leafNotAfter ?? Now.AddYears(1), [3, 4]);

        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var strangerCa = new CertificateRequest("CN=Test Intermediate", stranger, HashAlgorithmName.SHA256).CreateSelfSigned(Now.AddYears(-1), Now.AddYears(5));
        var pem = new StringBuilder();
        pem.AppendLine(leaf.ExportCertificatePem());
        pem.AppendLine((swapIntermediate ? strangerCa : intermediate).ExportCertificatePem());
        pem.AppendLine(root.ExportCertificatePem());
        return new Chain(pem.ToString(), JsonWebKey.FromECDsa(leafKey, includePrivate: false), X509CertificateLoader.LoadCertificate(root.RawData));
    }

    private static X5uCheckResult Check(Chain chain, string did = "did:web:issuer.example", bool lab = true, JsonWebKey? jwk = null) =>
        X5uChainCheck.Check(chain.Pem, jwk ?? chain.LeafJwk, did, new X5uCheckOptions { AllowSelfSignedRoot = lab, Now = Now });

    [Fact]
    public void A_complete_chain_for_the_host_and_key_passes()
    {
        var chain = Make(["issuer.example"]);
        Assert.True(Check(chain).Ok, Check(chain).Detail);
        // Path-based did:web and a port: the host is what counts.
        Assert.True(Check(chain, "did:web:issuer.example%3A8443:tenants:a").Ok);
        // With the root as an explicitly trusted anchor, no lab mode is needed.
        Assert.True(X5uChainCheck.Check(chain.Pem, chain.LeafJwk, "did:web:issuer.example", new X5uCheckOptions { TrustedRoots = [chain.Root], Now = Now }).Ok);
    }

    [Fact]
    public void A_leaf_key_that_is_not_the_JWK_is_refused()
    {
        var chain = Make(["issuer.example"]);
        var other = JsonWebKey.Generate("ES256").ToPublic();
        Assert.Equal(Refusal.X5uLeafKeyMismatch, Check(chain, jwk: other).Reason);
    }

    [Theory]
    [InlineData("other.example")]
    [InlineData("*.issuer.example")]          // a wildcard covers sub.issuer.example, not issuer.example
    [InlineData("evilissuer.example")]
    public void Names_that_do_not_cover_the_DID_host_are_refused(string san)
    {
        Assert.Equal(Refusal.X5uSanMismatch, Check(Make([san])).Reason);
    }

    [Fact]
    public void A_wildcard_covers_one_label()
    {
        var chain = Make(["*.example.org"]);
        Assert.True(Check(chain, "did:web:issuer.example.org").Ok);
        Assert.Equal(Refusal.X5uSanMismatch, Check(chain, "did:web:a.issuer.example.org").Reason);
    }

    [Fact]
    public void A_self_signed_root_is_refused_unless_lab_mode_allows_it()
    {
        var chain = Make(["issuer.example"]);
        Assert.Equal(Refusal.X5uUntrustedRoot, Check(chain, lab: false).Reason);
    }

    [Fact]
    public void An_expired_leaf_is_refused()
    {
        Assert.Equal(Refusal.X5uChainInvalid, Check(Make(["issuer.example"], leafNotAfter: Now.AddDays(-1))).Reason);
    }

    [Fact]
    public void A_chain_whose_intermediate_did_not_issue_the_leaf_is_refused()
    {
        var result = Check(Make(["issuer.example"], swapIntermediate: true));
        Assert.False(result.Ok);
        Assert.Contains(result.Reason, new[] { Refusal.X5uChainInvalid, Refusal.X5uUntrustedRoot });
    }

    [Fact]
    public void Not_a_did_web_and_not_a_certificate_are_refused()
    {
        var chain = Make(["issuer.example"]);
        Assert.Equal(Refusal.X5uSanMismatch, Check(chain, "did:key:z6Mk").Reason);
        Assert.Equal(Refusal.X5uMalformed, X5uChainCheck.Check("not a pem", chain.LeafJwk, "did:web:issuer.example").Reason);
    }
}
