using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml;

/// <summary>This hub as a SAML service provider towards one upstream identity provider.</summary>
public sealed record SamlServiceProviderOptions
{
    /// <summary>The SP entity id; the hub uses <c>&lt;issuer&gt;/saml/metadata</c>. It is the Audience a response must name.</summary>
    public required string EntityId { get; init; }

    /// <summary>HTTP-POST assertion consumer service URLs; index 0 is the default.</summary>
    public required IReadOnlyList<string> AssertionConsumerServiceUrls { get; init; }

    /// <summary>Single logout endpoint of the SP (declared for HTTP-Redirect and HTTP-POST), if SLO is offered.</summary>
    public string? SingleLogoutServiceUrl { get; init; }

    /// <summary>Certificate with private key used to sign AuthnRequests, LogoutRequests and the SP metadata.</summary>
    public X509Certificate2? SigningCertificate { get; init; }

    /// <summary>Certificate with private key IdPs encrypt assertions to; null means encrypted assertions are refused.</summary>
    public X509Certificate2? EncryptionCertificate { get; init; }

    /// <summary>NameID formats the SP declares in its metadata.</summary>
    public IReadOnlyList<string> NameIdFormats { get; init; } =
    [
        SamlConstants.NameIdFormats.Persistent, SamlConstants.NameIdFormats.Transient,
        SamlConstants.NameIdFormats.EmailAddress, SamlConstants.NameIdFormats.Unspecified,
    ];

    /// <summary>Signature algorithm for everything the SP signs.</summary>
    public string SignatureAlgorithm { get; init; } = SamlConstants.Algorithms.RsaSha256;
}
