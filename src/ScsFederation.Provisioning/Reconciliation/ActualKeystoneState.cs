using ScsFederation.Provisioning.Keystone;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>What exists in one Keystone, limited to the domains the hub cares about, indexed by <see cref="KeystoneObjectKey.Text"/>.</summary>
public sealed class ActualKeystoneState
{
    public Dictionary<string, KeystoneDomain> DomainsByName { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KeystoneDomain> DomainsById { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KeystoneProject> Projects { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KeystoneGroup> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, KeystoneUser> Users { get; } = new(StringComparer.Ordinal);

    /// <summary>Membership key text → "groupId|userId".</summary>
    public Dictionary<string, string> Memberships { get; } = new(StringComparer.Ordinal);

    /// <summary>Assignment key text → "roleId|userId|projectId".</summary>
    public Dictionary<string, string> Assignments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> RoleIdsByName { get; } = new(StringComparer.Ordinal);

    public int RequestsUsed { get; set; }

    /// <summary>The Keystone id (or composite id) of an object that exists, else null.</summary>
    public string? IdOf(KeystoneObjectKey key) => key.Kind switch
    {
        KeystoneObjectKind.Domain => DomainsByName.GetValueOrDefault(key.Name)?.Id,
        KeystoneObjectKind.Project => Projects.GetValueOrDefault(key.Text)?.Id,
        KeystoneObjectKind.Group => Groups.GetValueOrDefault(key.Text)?.Id,
        KeystoneObjectKind.User => Users.GetValueOrDefault(key.Text)?.Id,
        KeystoneObjectKind.Membership => Memberships.GetValueOrDefault(key.Text),
        _ => Assignments.GetValueOrDefault(key.Text),
    };
}
