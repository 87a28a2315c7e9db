namespace ScsFederation.Mapping;

/// <summary>What a login grants on one Kubernetes cluster: groups for the OIDC groups claim and namespace role bindings.</summary>
public sealed record KubernetesGrant(string Cluster, IReadOnlyList<string> Groups, IReadOnlyList<KubernetesNamespaceRole> Namespaces);
