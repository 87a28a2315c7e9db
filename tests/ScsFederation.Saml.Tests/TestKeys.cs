using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml.Tests;

/// <summary>Key material for the tests: the interop IdP test key (made per machine by scripts/make-saml-idp-keys.sh), plus keys made per run.</summary>
internal static class TestKeys
{
    public static string IdpKeyFile => RepositoryRoot.Combine("samples", "interop", "saml-idp.key");
    public static string IdpCertFile => RepositoryRoot.Combine("samples", "interop", "saml-idp.crt");
    public static string IdpMetadataFile => RepositoryRoot.Combine("samples", "interop", "saml-idp-metadata.xml");

    public static X509Certificate2 IdpCertificate { get; } = X509Certificate2.CreateFromPem(File.ReadAllText(IdpCertFile));

    private static readonly string s_dir = Directory.CreateTempSubdirectory("scsfed-saml-tests-").FullName;

    /// <summary>An attacker's key with a self-signed certificate using the same subject as the IdP's.</summary>
    public static (string KeyFile, string CertFile, X509Certificate2 Certificate) Attacker { get; } = Make("attacker", IdpCertificate.Subject);

    /// <summary>The SP's signing/encryption key.</summary>
    public static (string KeyFile, string CertFile, X509Certificate2 Certificate) ServiceProvider { get; } = Make("sp", "CN=scsfed-test-sp");

    /// <summary>A certificate used to sign metadata in metadata tests.</summary>
    public static (string KeyFile, string CertFile, X509Certificate2 Certificate) MetadataSigner { get; } = Make("md-signer", "CN=scsfed-test-federation-signer");

    private static (string, string, X509Certificate2) Make(string name, string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var keyFile = Path.Combine(s_dir, name + ".key");
        var certFile = Path.Combine(s_dir, name + ".crt");
        File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        // Reload so the certificate carries a usable private key on every platform.
        return (keyFile, certFile, X509Certificate2.CreateFromPemFile(certFile, keyFile));
    }
}
