namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// Where the hub keeps what it published (the hub database; <c>ScsFederation.Storage</c> implements it).
/// Crash-safety contract:
/// <list type="bullet">
/// <item><see cref="SaveAsync"/> writes a whole publication in one transaction — its row and every credential — or
/// nothing; a publication that failed or was interrupted leaves the previous one current and served.</item>
/// <item><see cref="AddLabelAsync"/> adds one row in one transaction; a failed submission changes nothing.</item>
/// <item>Nothing is updated in place and nothing is deleted here: which publication is current is derived (the
/// newest of the provider), and a credential id resolves to its row in the newest publication that holds it and
/// is still valid — so a credential a newer publication no longer contains stays resolvable until it expires.</item>
/// </list>
/// </summary>
public interface IPublicationStore
{
    Task SaveAsync(ProviderPublication publication, CancellationToken cancellationToken);

    /// <summary>Adds the compliance label to a stored publication (an earlier label of it stays until it expires).</summary>
    Task AddLabelAsync(string publicationId, PublishedCredential label, CancellationToken cancellationToken);

    /// <summary>The provider's newest publication, with its credentials; null when there is none.</summary>
    Task<ProviderPublication?> CurrentAsync(string providerId, CancellationToken cancellationToken);

    /// <summary>The credential served at <paramref name="id"/>: from the newest publication that holds it, if valid at <paramref name="now"/>.</summary>
    Task<PublishedCredential?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every credential of the provider resolvable at <paramref name="now"/> (one per id, the newest).</summary>
    Task<IReadOnlyList<PublishedCredential>> ListAsync(string providerId, DateTimeOffset now, CancellationToken cancellationToken);
}
