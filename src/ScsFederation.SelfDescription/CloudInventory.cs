namespace ScsFederation.SelfDescription;

/// <summary>
/// What a provider's cloud runs, as discovered from the cloud itself: the Keystone service catalog, and where
/// reachable the public Nova flavors and Glance images behind the catalog's public compute and image endpoints,
/// and the configured Kubernetes clusters with the version their API servers report. The builder turns each
/// public service endpoint into one gx:ServiceOffering. <see cref="Notes"/> say what could not be read and why.
/// </summary>
public sealed record CloudInventory(IReadOnlyList<CloudService> Services, IReadOnlyList<KubernetesCluster> Clusters)
{
    public static readonly CloudInventory Empty = new([], []);

    /// <summary>Public flavors per public compute endpoint that answered (an endpoint that did not is only in <see cref="Notes"/>).</summary>
    public IReadOnlyList<ComputeCatalog> Compute { get; init; } = [];

    /// <summary>Public images per public image endpoint that answered.</summary>
    public IReadOnlyList<ImageCatalog> Images { get; init; } = [];

    /// <summary>What discovery could not read ("where reachable"): unreachable or refused Nova, Glance and Kubernetes APIs.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>A Keystone catalog service: its type (<c>identity</c>, <c>compute</c>, …), name and endpoints.</summary>
public sealed record CloudService(string Type, string Name, IReadOnlyList<CloudEndpoint> Endpoints);

/// <summary>A catalog endpoint (<c>public</c>, <c>internal</c>, <c>admin</c>) in a region.</summary>
public sealed record CloudEndpoint(string Interface, string? Region, string Url);

/// <summary>A Kubernetes cluster whose API authenticates people through the hub; <see cref="Version"/> as its API server's <c>/version</c> reports it (null when not reachable).</summary>
public sealed record KubernetesCluster(string Name, string? ApiServer, string? Version, string Issuer, string? Audience)
{
    /// <summary>The rest of <c>/version</c> (<c>platform</c>, <c>buildDate</c>), for the description.</summary>
    public string? Platform { get; init; }
}

/// <summary>The public flavors one Nova endpoint (<see cref="EndpointUrl"/>, as in the catalog) lists.</summary>
public sealed record ComputeCatalog(string EndpointUrl, string? Region, IReadOnlyList<NovaFlavor> Flavors);

/// <summary>The public images one Glance endpoint lists.</summary>
public sealed record ImageCatalog(string EndpointUrl, string? Region, IReadOnlyList<GlanceImage> Images);

/// <summary>A Nova flavor as <c>GET /flavors/detail</c> reports it (RAM and swap in MiB, disks in GiB).</summary>
public sealed record NovaFlavor(string Id, string Name, int Vcpus, int RamMiB, int DiskGiB, int EphemeralGiB, int SwapMiB, string? Description,
    IReadOnlyDictionary<string, string> ExtraSpecs);

/// <summary>
/// A Glance image as <c>GET /v2/images</c> reports it: the core fields and the additional properties (strings;
/// <c>os_distro</c>, <c>architecture</c>, <c>hw_firmware_type</c>, <c>license</c>, <c>copyright_owner</c>, …).
/// </summary>
public sealed record GlanceImage(string Id, string Name, string? DiskFormat, long? SizeBytes, int MinRamMiB, int MinDiskGiB,
    string? HashAlgorithm, string? HashValue, IReadOnlyDictionary<string, string> Properties)
{
    public string? Property(string name) => Properties.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;
}
