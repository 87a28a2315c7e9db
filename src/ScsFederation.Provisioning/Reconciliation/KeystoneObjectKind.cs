namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>The Keystone objects the reconciler creates and owns; the order is the order of creation.</summary>
public enum KeystoneObjectKind
{
    Domain = 0,
    Project = 1,
    Group = 2,
    User = 3,
    Membership = 4,
    Assignment = 5,
}
