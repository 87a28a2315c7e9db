namespace ScsFederation.SelfDescription;

/// <summary>
/// What a provider's cloud runs, as discovered from the cloud itself (the Keystone service catalog, the
/// configured Kubernetes clusters). The builder turns each service into one gx:ServiceOffering.
/// </summary>
public sealed record CloudInventory(IReadOnlyList<CloudService> Services, IReadOnlyList<KubernetesCluster> Clusters)
{
    public static readonly CloudInventory Empty = new([], []);
}

/// <summary>A Keystone catalog service: its type (<c>identity</c>, <c>compute</c>, …), name and endpoints.</summary>
public sealed record CloudService(string Type, string Name, IReadOnlyList<CloudEndpoint> Endpoints);

/// <summary>A catalog endpoint (<c>public</c>, <c>internal</c>, <c>admin</c>) in a region.</summary>
public sealed record CloudEndpoint(string Interface, string? Region, string Url);

/// <summary>A Kubernetes cluster whose API authenticates people through the hub.</summary>
public sealed record KubernetesCluster(string Name, string? ApiServer, string? Version, string Issuer, string? Audience);
