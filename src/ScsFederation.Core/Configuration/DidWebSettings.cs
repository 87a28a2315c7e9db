namespace ScsFederation.Core.Configuration;

/// <summary>
/// The hub's credential issuers (<c>hub.didWeb</c>): did:web DIDs whose documents the hub serves, with keys the
/// hub generates and seals, and certificate chains the operator brings (x5u). See docs/credentials.md.
/// </summary>
public sealed class DidWebSettings
{
    /// <summary>Gaia-X registry base URL (trust-anchor API); its host must be in <c>hub.allowedFetchHosts</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>Lab use only: publish chains whose root the registry does not list (self-signed lab chains).</summary>
    public bool AllowSelfSigned { get; set; }

    /// <summary>Longest validity of a credential an issuer key signs: a retired key stays in the DID document this long.</summary>
    public int CredentialLifetimeDays { get; set; } = 365;

    public List<DidWebIssuer> Issuers { get; set; } = [];
}

public sealed class DidWebIssuer
{
    /// <summary><c>did:web:host</c> or <c>did:web:host:a:b</c>; the port as <c>%3A</c> (did:web specification).</summary>
    public string Did { get; set; } = "";

    /// <summary>PS256 (default), ES256, ES384, EdDSA or ES256K.</summary>
    public string Algorithm { get; set; } = "PS256";

    /// <summary>PEM file, leaf → intermediates → root, for the issuer's key; absent until the operator has it (see the CSR).</summary>
    public string? CertificateChain { get; set; }
}
