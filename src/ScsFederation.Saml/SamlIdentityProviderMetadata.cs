using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml;

/// <summary>What <see cref="SamlMetadataReader"/> takes from an IdP's EntityDescriptor.</summary>
public sealed record SamlIdentityProviderMetadata
{
    public required string EntityId { get; init; }
    public required IReadOnlyList<X509Certificate2> SigningCertificates { get; init; }
    public IReadOnlyList<X509Certificate2> EncryptionCertificates { get; init; } = [];
    public string? SingleSignOnRedirectUrl { get; init; }
    public string? SingleSignOnPostUrl { get; init; }
    public string? SingleLogoutRedirectUrl { get; init; }
    public string? SingleLogoutPostUrl { get; init; }
    public IReadOnlyList<string> NameIdFormats { get; init; } = [];
    public bool WantAuthnRequestsSigned { get; init; }
    /// <summary>validUntil of the EntityDescriptor, if any; the hub refreshes before it.</summary>
    public DateTimeOffset? ValidUntil { get; init; }
    /// <summary>True when the metadata's own signature was verified against the configured metadata signing certificate.</summary>
    public bool SignatureVerified { get; init; }
}
