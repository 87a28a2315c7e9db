using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml;

/// <summary>One upstream SAML identity provider and the per-IdP validation policy.</summary>
public sealed record SamlIdentityProviderOptions
{
    public required string EntityId { get; init; }

    /// <summary>Certificates from the IdP metadata; the only keys a signature is checked against (KeyInfo is never used).</summary>
    public required IReadOnlyList<X509Certificate2> SigningCertificates { get; init; }

    public string? SingleSignOnRedirectUrl { get; init; }
    public string? SingleSignOnPostUrl { get; init; }
    public string? SingleLogoutRedirectUrl { get; init; }
    public string? SingleLogoutPostUrl { get; init; }

    /// <summary>The metadata's <c>validUntil</c> (the earlier of document and entity), when it had one: past it, the metadata is stale.</summary>
    public DateTimeOffset? MetadataValidUntil { get; init; }

    /// <summary>Accept IdP-initiated responses that carry no InResponseTo. Off by default: they are open to login CSRF.</summary>
    public bool AllowUnsolicited { get; init; }

    /// <summary>Accept rsa-sha1 signatures and sha1 digests. Off by default (SHA-1 collisions are practical).</summary>
    public bool AllowSha1 { get; init; }

    /// <summary>Accept AES-CBC content encryption of assertions. Off by default: CBC is unauthenticated (padding oracles), only AES-GCM is accepted.</summary>
    public bool AllowCbcEncryption { get; init; }

    /// <summary>Require the Assertion itself to be signed (a signed Response alone is not enough).</summary>
    public bool RequireSignedAssertion { get; init; }

    /// <summary>Tolerance for clock differences on NotBefore / NotOnOrAfter / IssueInstant.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>NameID format put in the AuthnRequest's NameIDPolicy; null leaves the choice to the IdP.</summary>
    public string? RequestedNameIdFormat { get; init; }

    /// <summary>Whether the IdP's metadata asks for signed AuthnRequests.</summary>
    public bool WantAuthnRequestsSigned { get; init; }

    /// <summary>Builds options from imported metadata; policy flags keep their safe defaults and can be set with <c>with</c>.</summary>
    public static SamlIdentityProviderOptions FromMetadata(SamlIdentityProviderMetadata metadata) => new()
    {
        EntityId = metadata.EntityId,
        SigningCertificates = metadata.SigningCertificates,
        SingleSignOnRedirectUrl = metadata.SingleSignOnRedirectUrl,
        SingleSignOnPostUrl = metadata.SingleSignOnPostUrl,
        SingleLogoutRedirectUrl = metadata.SingleLogoutRedirectUrl,
        SingleLogoutPostUrl = metadata.SingleLogoutPostUrl,
        WantAuthnRequestsSigned = metadata.WantAuthnRequestsSigned,
        MetadataValidUntil = metadata.ValidUntil,
    };
}
