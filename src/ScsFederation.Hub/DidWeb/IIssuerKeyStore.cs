namespace ScsFederation.Hub.DidWeb;

/// <summary>
/// One issuer key as stored: the public JWK in clear, the private JWK sealed with the hub's key-encryption key
/// (AES-256-GCM, associated data <c>issuer-key:&lt;did&gt;#&lt;keyId&gt;</c>), and — once the hub has published it — the
/// certificate chain it was published with. A key signs from <see cref="PublishedAt"/> until the next key of the same
/// DID is published, and stays in the DID document <c>credentialLifetimeDays</c> after that.
/// </summary>
public sealed record IssuerKeyRecord(
    string Did, string KeyId, string Algorithm, string PublicJwk, byte[] SealedPrivateJwk, DateTimeOffset CreatedAt,
    string? CertificateChainPem = null, DateTimeOffset? PublishedAt = null);

/// <summary>
/// Where the hub keeps its issuer keys. Crash-safety contract: each call changes at most one record, and a record is
/// either fully written or not at all (an interrupted <see cref="AddAsync"/> leaves no key, an interrupted
/// <see cref="PublishAsync"/> leaves the key unpublished or published, never half). Nothing else is stored: which key
/// is active, retired or expired is derived from the <see cref="IssuerKeyRecord.PublishedAt"/> times, so no second write
/// can be lost. Records are never deleted here, so a key that signed something is never forgotten by a crash.
/// </summary>
public interface IIssuerKeyStore
{
    Task<IReadOnlyList<IssuerKeyRecord>> ListAsync(string did, CancellationToken cancellationToken);

    /// <summary>Stores a new, unpublished key; a second key with the same id is an error.</summary>
    Task AddAsync(IssuerKeyRecord record, CancellationToken cancellationToken);

    /// <summary>Records that the key is published with <paramref name="chainPem"/>; the first publication time is kept when the chain is renewed.</summary>
    Task PublishAsync(string did, string keyId, string chainPem, DateTimeOffset at, CancellationToken cancellationToken);
}
