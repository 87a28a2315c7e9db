using System.Security.Cryptography.X509Certificates;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.X509;

namespace ScsFederation.Credentials.Tests.X509;

public sealed class IssuerCertificatesTests
{
    /// <summary>
    /// About 1 in 128 ECDSA signatures has an R or S with a leading zero byte, which DER must drop: 400 requests
    /// make missing that (it once failed a test run now and then) all but certain to show.
    /// </summary>
    [Theory]
    [InlineData("ES256")]
    [InlineData("ES384")]
    public void Every_signing_request_of_an_ec_key_is_well_formed_and_verifies(string alg)
    {
        var jwk = JsonWebKey.Generate(alg);
        for (var i = 0; i < 400; i++)
        {
            var pem = IssuerCertificates.CreateSigningRequestPem(jwk, alg, "issuer.example");
            var request = CertificateRequest.LoadSigningRequestPem(pem, System.Security.Cryptography.HashAlgorithmName.SHA256,
                CertificateRequestLoadOptions.Default); // Default checks the request's own signature
            Assert.Contains("issuer.example", request.SubjectName.Name);
        }
    }
}
