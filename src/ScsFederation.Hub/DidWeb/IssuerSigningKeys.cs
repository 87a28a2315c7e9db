using ScsFederation.Credentials.Jose;
using ScsFederation.Hub.Keys;
using ScsFederation.SelfDescription.Publication;

namespace ScsFederation.Hub.DidWeb;

/// <summary>
/// The signing key of an issuer straight from the key store, for code outside the running hub (<c>scsfed sd publish</c>):
/// the same key <see cref="IssuerIdentity.SigningKey"/> picks — the newest <em>published</em> one, so nothing is signed
/// with a key whose certificate chain was never accepted and that no DID document lists.
/// </summary>
public static class IssuerSigningKeys
{
    public static async Task<IssuerSigner?> LoadAsync(IIssuerKeyStore store, KeyEncryptionKey kek, string did, CancellationToken cancellationToken)
    {
        var active = (await store.ListAsync(did, cancellationToken))
            .Where(k => k.PublishedAt is not null)
            .OrderByDescending(k => k.PublishedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .FirstOrDefault();
        if (active is null) return null;
        var jwk = JsonWebKey.Parse(IssuerIdentity.Unseal(kek, active));
        return new IssuerSigner(JwsKey.Create(jwk, active.Algorithm), did + "#" + active.KeyId);
    }
}
