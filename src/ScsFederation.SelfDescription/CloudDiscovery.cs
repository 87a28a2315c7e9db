using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;

namespace ScsFederation.SelfDescription;

/// <summary>
/// Reads what a provider's cloud runs: the service catalog of its Keystone (the admin token's catalog:
/// every service with its endpoints and regions, as the provisioning broker's client sees it) and the
/// provider's Kubernetes cluster from the federation file. A Keystone that cannot be reached is an
/// error, not an empty inventory: publishing "no services" for a cloud that was merely down would be a lie.
/// </summary>
public static class CloudDiscovery
{
    public static async Task<CloudInventory> DiscoverAsync(CloudProvider provider, string canonicalHubIssuer,
        Func<KeystoneSettings, KeystoneClient>? keystoneFactory = null, CancellationToken cancellationToken = default)
    {
        var services = new List<CloudService>();
        if (provider.Keystone is { } keystone)
        {
            using var client = (keystoneFactory ?? (s => KeystoneClient.Create(s)))(keystone);
            var catalog = await client.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            services.AddRange(catalog
                .GroupBy(e => (e.ServiceType, e.ServiceName))
                .Select(g => new CloudService(g.Key.ServiceType, g.Key.ServiceName,
                    g.Select(e => new CloudEndpoint(e.Interface, e.Region, e.Url)).Distinct().ToList())));
        }
        var clusters = provider.Kubernetes is { } k
            ? new[] { new KubernetesCluster(k.Cluster, k.ApiServer, Version: null, canonicalHubIssuer, k.Audience) }
            : [];
        return new CloudInventory(services, clusters);
    }
}
