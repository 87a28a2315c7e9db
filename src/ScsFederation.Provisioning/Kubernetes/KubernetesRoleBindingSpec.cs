namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>
/// One RoleBinding the hub wants: ClusterRole <see cref="ClusterRole"/> in <see cref="Namespace"/> for the OIDC groups
/// (already carrying the cluster's group prefix), with the accounts that need it for the audit trail.
/// </summary>
public sealed record KubernetesRoleBindingSpec(string Namespace, string ClusterRole, IReadOnlyList<string> Groups, IReadOnlyList<string> AccountIds)
{
    /// <summary>One binding per (namespace, ClusterRole); the name says it is the hub's.</summary>
    public string Name => "scsfed-" + ClusterRole;
}
