using ScsFederation.Credentials.Jose;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// The key that signs for an issuer DID now and its verification method id (the JWS <c>kid</c>, a DID URL that is a
/// <c>verificationMethod.id</c> of the issuer's did:web document). The hub's issuer keys are sealed at rest; whoever
/// unsealed this one disposes it.
/// </summary>
public sealed record IssuerSigner(JwsKey Key, string Kid)
{
    public string Did => Kid.Contains('#') ? Kid[..Kid.IndexOf('#')] : Kid;
}
