using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Desired;

/// <summary>
/// One object the hub wants on a provider, with why: the accounts and mapping grants (or federation file
/// declarations) that need it. <see cref="AccountId"/> is set for per-account objects (users, memberships,
/// role assignments) so a just-in-time run for one account touches only that account's objects.
/// </summary>
public sealed class DesiredObject
{
    public DesiredObject(KeystoneObjectKey key, string? accountId)
    {
        Key = key;
        AccountId = accountId;
    }

    public KeystoneObjectKey Key { get; }

    public string? AccountId { get; }

    /// <summary>Federated unique id of a user (Keystone's <c>user.id</c> from the mapping, URL-quoted).</summary>
    public string? FederatedUniqueId { get; init; }

    public List<string> Reasons { get; } = [];

    public string Why => string.Join("; ", Reasons);
}
