namespace ScsFederation.Provisioning.Persistence;

/// <summary>The records of which Keystone objects the hub owns, per provider.</summary>
public interface IOwnershipStore
{
    Task<IReadOnlyList<OwnedObject>> ListAsync(string providerId, string origin, CancellationToken cancellationToken);

    Task RecordAsync(OwnedObject owned, CancellationToken cancellationToken);

    Task ForgetAsync(string providerId, string origin, string keyText, CancellationToken cancellationToken);
}
