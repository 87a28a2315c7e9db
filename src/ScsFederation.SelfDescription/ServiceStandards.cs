namespace ScsFederation.SelfDescription;

/// <summary>
/// The public API specification each kind of service conforms to (gx:Endpoint needs one
/// gx:StandardConformity with a title and a reference). Service types are Keystone catalog types
/// (service-types-authority); unknown types get their catalog type as title and no guessed reference.
/// </summary>
internal static class ServiceStandards
{
    private static readonly Dictionary<string, (string Title, string Reference)> ByType = new(StringComparer.OrdinalIgnoreCase)
    {
        ["identity"] = ("OpenStack Identity API v3", "https://docs.openstack.org/api-ref/identity/v3/"),
        ["compute"] = ("OpenStack Compute API v2.1", "https://docs.openstack.org/api-ref/compute/"),
        ["image"] = ("OpenStack Image API v2", "https://docs.openstack.org/api-ref/image/v2/"),
        ["network"] = ("OpenStack Networking API v2.0", "https://docs.openstack.org/api-ref/network/v2/"),
        ["block-storage"] = ("OpenStack Block Storage API v3", "https://docs.openstack.org/api-ref/block-storage/v3/"),
        ["volumev3"] = ("OpenStack Block Storage API v3", "https://docs.openstack.org/api-ref/block-storage/v3/"),
        ["object-store"] = ("OpenStack Object Storage API v1", "https://docs.openstack.org/api-ref/object-store/"),
        ["load-balancer"] = ("OpenStack Load Balancer API v2", "https://docs.openstack.org/api-ref/load-balancer/v2/"),
        ["dns"] = ("OpenStack DNS API v2", "https://docs.openstack.org/api-ref/dns/"),
        ["orchestration"] = ("OpenStack Orchestration API v1", "https://docs.openstack.org/api-ref/orchestration/v1/"),
        ["placement"] = ("OpenStack Placement API", "https://docs.openstack.org/api-ref/placement/"),
        ["key-manager"] = ("OpenStack Key Manager API v1", "https://docs.openstack.org/barbican/latest/api/"),
        ["kubernetes"] = ("Kubernetes API", "https://kubernetes.io/docs/reference/kubernetes-api/"),
    };

    public static (string Title, string? Reference) For(string type) =>
        ByType.TryGetValue(type, out var s) ? (s.Title, s.Reference) : (type, null);
}
