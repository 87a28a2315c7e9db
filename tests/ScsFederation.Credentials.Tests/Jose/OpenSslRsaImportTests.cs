using System.Security.Cryptography;
using ScsFederation.Credentials.Jose;

namespace ScsFederation.Credentials.Tests.Jose;

/// <summary>The direct OpenSSL import of RSA keys (Linux) gives keys interchangeable with ImportParameters ones.</summary>
public sealed class OpenSslRsaImportTests
{
    private static readonly byte[] Data = "signing input"u8.ToArray();

    [Fact]
    public void On_Linux_the_direct_import_is_used_and_agrees_with_ImportParameters()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var reference = RSA.Create(2048);
        var parameters = reference.ExportParameters(includePrivateParameters: true);
        using var direct = OpenSslRsaImport.TryCreate(parameters);
        Assert.NotNull(direct);
        Assert.Equal(2048, direct.KeySize);
        Assert.Equal(parameters.Modulus, direct.ExportParameters(false).Modulus);
        foreach (var padding in new[] { RSASignaturePadding.Pss, RSASignaturePadding.Pkcs1 })
        {
            Assert.True(reference.VerifyData(Data, direct.SignData(Data, HashAlgorithmName.SHA256, padding), HashAlgorithmName.SHA256, padding));
            Assert.True(direct.VerifyData(Data, reference.SignData(Data, HashAlgorithmName.SHA256, padding), HashAlgorithmName.SHA256, padding));
        }
        // PKCS#1 v1.5 is deterministic: the same key gives the same signature both ways.
        Assert.Equal(reference.SignData(Data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1), direct.SignData(Data, HashAlgorithmName.SHA384, RSASignaturePadding.Pkcs1));

        using var publicOnly = OpenSslRsaImport.TryCreate(reference.ExportParameters(includePrivateParameters: false));
        Assert.NotNull(publicOnly);
        Assert.True(publicOnly.VerifyData(Data, reference.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        Assert.False(publicOnly.VerifyData("other"u8, reference.SignData(Data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    [Fact]
    public void An_inconsistent_private_key_is_left_to_ImportParameters()
    {
        using var a = RSA.Create(2048);
        using var b = RSA.Create(2048);
        var mixed = a.ExportParameters(true);
        mixed.D = b.ExportParameters(true).D; // d of another key: dp, dq no longer agree
        Assert.Null(OpenSslRsaImport.TryCreate(mixed));
        var otherModulus = a.ExportParameters(true);
        otherModulus.Modulus = b.ExportParameters(false).Modulus; // n is not p·q
        Assert.Null(OpenSslRsaImport.TryCreate(otherModulus));
    }

    [Fact]
    public void JwsKey_signatures_verify_across_both_imports()
    {
        var jwk = JsonWebKey.FromRsa(RSA.Create(2048), includePrivate: true);
        using var key = JwsKey.Create(jwk, "PS256");
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = jwk.Bytes("n"), Exponent = jwk.Bytes("e") });
        Assert.True(rsa.VerifyData(Data, key.Sign(Data), HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
        using var verifier = JwsKey.Create(jwk.ToPublic(), "PS256");
        Assert.True(verifier.Verify(Data, key.Sign(Data)));
    }
}
