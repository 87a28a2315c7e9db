using System.Security.Cryptography.X509Certificates;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.SelfDescription.Discovery;

namespace ScsFederation.SelfDescription;

/// <summary>How discovery talks to the cloud's APIs (tests shorten the retries).</summary>
public sealed class CloudDiscoveryOptions
{
    /// <summary>Retries and timeouts of the Nova and Glance requests (the Keystone client's pipeline).</summary>
    public KeystoneClientOptions ServiceHttp { get; init; } = new() { MaxRetries = 2, AttemptTimeout = TimeSpan.FromSeconds(20), TotalTimeout = TimeSpan.FromSeconds(60) };

    /// <summary>Timeout of a Kubernetes API server's <c>/version</c>.</summary>
    public TimeSpan KubernetesTimeout { get; init; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// Reads what a provider's cloud runs: the service catalog of its Keystone (the admin token's catalog: every
/// service with its endpoints and regions, as the provisioning broker's client sees it); then, where reachable, the
/// public flavors of every public <c>compute</c> endpoint and the public images of every public <c>image</c>
/// endpoint, with the same admin token (<see cref="NovaClient"/>, <see cref="GlanceClient"/>); and the version of
/// the provider's Kubernetes cluster from its API server (<see cref="KubernetesVersionClient"/>).
/// A Keystone that cannot be reached is an error, not an empty inventory: publishing "no services" for a cloud that
/// was merely down would be a lie. A Nova, Glance or API server that cannot be read is a note: the offering is
/// still published from the catalog, without the flavors, images or version.
/// </summary>
public static class CloudDiscovery
{
    public static async Task<CloudInventory> DiscoverAsync(CloudProvider provider, string canonicalHubIssuer,
        Func<KeystoneSettings, KeystoneClient>? keystoneFactory = null, CancellationToken cancellationToken = default, CloudDiscoveryOptions? options = null)
    {
        options ??= new CloudDiscoveryOptions();
        var notes = new List<string>();
        var services = new List<CloudService>();
        var compute = new List<ComputeCatalog>();
        var images = new List<ImageCatalog>();
        if (provider.Keystone is { } keystone)
        {
            using var client = (keystoneFactory ?? (s => KeystoneClient.Create(s)))(keystone);
            var catalog = await client.GetCatalogAsync(cancellationToken).ConfigureAwait(false);
            services.AddRange(catalog
                .GroupBy(e => (e.ServiceType, e.ServiceName))
                .Select(g => new CloudService(g.Key.ServiceType, g.Key.ServiceName,
                    g.Select(e => new CloudEndpoint(e.Interface, e.Region, e.Url)).Distinct().ToList())));

            var maxBytes = checked(keystone.MaxResponseMegabytes * 1024 * 1024);
            using var http = KeystoneHttpPipeline.CreateHttpClient(options.ServiceHttp);
            async Task<string> Token(CancellationToken ct) => (await client.AuthenticateAsync(ct).ConfigureAwait(false)).Value;
            foreach (var service in services.OrderBy(s => s.Type, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal))
            {
                if (service.Type is not ("compute" or "image")) continue;
                foreach (var endpoint in service.Endpoints.Where(e => e.Interface == "public").OrderBy(e => e.Region, StringComparer.Ordinal))
                {
                    var where = $"{service.Type} ({service.Name}) {endpoint.Url}";
                    try
                    {
                        var api = new ServiceApiClient(service.Type == "compute" ? "Nova" : "Glance", http, endpoint.Url, Token, maxBytes);
                        if (service.Type == "compute")
                            compute.Add(new ComputeCatalog(endpoint.Url, endpoint.Region, await new NovaClient(api).ListPublicFlavorsAsync(cancellationToken).ConfigureAwait(false)));
                        else
                            images.Add(new ImageCatalog(endpoint.Url, endpoint.Region, await new GlanceClient(api).ListPublicImagesAsync(cancellationToken).ConfigureAwait(false)));
                    }
                    catch (CloudApiException e)
                    {
                        notes.Add($"{where}: {(service.Type == "compute" ? "flavors" : "public images")} not read ({Describe(e.Failure)}): {e.Message}");
                    }
                }
            }
        }
        var clusters = new List<KubernetesCluster>();
        if (provider.Kubernetes is { } k)
        {
            string? apiServer = k.ApiServer, version = null, platform = null;
            (string? Server, X509Certificate2Collection Roots)? target = null;
            try
            {
                target = KubernetesVersionClient.Target(k);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A kubeconfig the k8s client cannot read (missing, bad YAML, bad CA data): no version, no crash.
                notes.Add($"kubernetes cluster {k.Cluster}: kubeconfig {k.Kubeconfig} not usable, version not read: {e.Message}");
            }
            if (target is { Server: { } server } t)
            {
                apiServer = server;
                try
                {
                    var v = await KubernetesVersionClient.GetAsync(server, t.Roots, options.KubernetesTimeout, cancellationToken).ConfigureAwait(false);
                    (version, platform) = (v.GitVersion, v.Platform);
                }
                catch (CloudApiException e)
                {
                    notes.Add($"kubernetes cluster {k.Cluster}: version not read ({Describe(e.Failure)}): {e.Message}");
                }
            }
            clusters.Add(new KubernetesCluster(k.Cluster, apiServer, version, canonicalHubIssuer, k.Audience) { Platform = platform });
        }
        return new CloudInventory(services, clusters) { Compute = compute, Images = images, Notes = notes };
    }

    private static string Describe(CloudApiFailure failure) => failure switch
    {
        CloudApiFailure.Unreachable => "unreachable",
        CloudApiFailure.ErrorStatus => "error answer",
        CloudApiFailure.BadAnswer => "not the API's wire format",
        CloudApiFailure.InsecureUrl => "refused: insecure URL",
        CloudApiFailure.ForeignLink => "refused: paging link to another origin",
        CloudApiFailure.ResponseTooLarge => "refused: body over the cap",
        CloudApiFailure.TooManyPages => "refused: endless paging",
        _ => failure.ToString(),
    };
}
