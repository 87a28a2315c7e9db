namespace ScsFederation.Mapping;

/// <summary>A ClusterRole (e.g. <c>view</c>, <c>edit</c>, <c>admin</c>) bound in one namespace.</summary>
public sealed record KubernetesNamespaceRole(string Name, string ClusterRole);
