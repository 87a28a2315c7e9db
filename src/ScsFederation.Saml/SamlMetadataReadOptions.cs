using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml;

/// <summary>How IdP metadata is imported.</summary>
public sealed record SamlMetadataReadOptions
{
    /// <summary>When set, the metadata must carry an enveloped signature by this certificate (e.g. the federation's signer).</summary>
    public X509Certificate2? MetadataSigningCertificate { get; init; }

    /// <summary>Which entity to take from an EntitiesDescriptor; required then, optional (but checked) for an EntityDescriptor.</summary>
    public string? EntityId { get; init; }

    /// <summary>Largest accepted metadata document, in characters (aggregates such as eduGAIN are large).</summary>
    public long MaxCharacters { get; init; } = 64L * 1024 * 1024;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
