using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Desired;

/// <summary>Everything the hub wants on one provider's Keystone, keyed by <see cref="KeystoneObjectKey.Text"/>.</summary>
public sealed class DesiredKeystoneState
{
    private readonly Dictionary<string, DesiredObject> _objects = new(StringComparer.Ordinal);

    public DesiredKeystoneState(string providerId) => ProviderId = providerId;

    public string ProviderId { get; }

    public IReadOnlyCollection<DesiredObject> Objects => _objects.Values;

    public List<DesiredStateProblem> Problems { get; } = [];

    /// <summary>Accounts this state covers; a just-in-time run names one, a full run null (= all).</summary>
    public string? OnlyAccountId { get; init; }

    public bool Contains(string keyText) => _objects.ContainsKey(keyText);

    public DesiredObject? Find(string keyText) => _objects.GetValueOrDefault(keyText);

    /// <summary>Adds the object (once) and records one more reason it is wanted.</summary>
    public DesiredObject Want(KeystoneObjectKey key, string? accountId, string reason, string? federatedUniqueId = null)
    {
        if (!_objects.TryGetValue(key.Text, out var existing))
        {
            existing = new DesiredObject(key, accountId) { FederatedUniqueId = federatedUniqueId };
            _objects.Add(key.Text, existing);
        }
        if (!existing.Reasons.Contains(reason))
        {
            existing.Reasons.Add(reason);
        }
        return existing;
    }
}
