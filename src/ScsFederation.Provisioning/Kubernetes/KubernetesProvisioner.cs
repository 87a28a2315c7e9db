using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Desired;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>
/// The Kubernetes side of a run for the CLI and the hub: the desired namespaces and RoleBindings from every
/// account's grant, server-side applied to the cluster's API server when the provider names one (or a kubeconfig).
/// RoleBindings bind groups, not accounts, so there is no per-account (just-in-time) variant.
/// </summary>
public sealed class KubernetesProvisioner
{
    private readonly IDesiredGrantSource _grants;

    public KubernetesProvisioner(IDesiredGrantSource grants) => _grants = grants;

    public static IEnumerable<CloudProvider> Providers(FederationConfig config, string? providerId) =>
        config.Providers.Where(p => p.Kubernetes is not null && (providerId is null || p.Id == providerId));

    /// <summary>A cluster the hub can reach; the others are served as GitOps manifests.</summary>
    public static bool CanApply(CloudProvider provider) => provider.Kubernetes is { } k && (k.ApiServer is not null || k.Kubeconfig is not null);

    public async Task<KubernetesDesiredState> DesiredAsync(CloudProvider provider, CancellationToken cancellationToken) =>
        KubernetesDesiredState.Build(provider, await _grants.ReadGrantsAsync(provider.Id, cancellationToken).ConfigureAwait(false));

    public static async Task<KubernetesApplyResult> ApplyAsync(CloudProvider provider, KubernetesDesiredState state, CancellationToken cancellationToken)
    {
        var settings = provider.Kubernetes ?? throw new InvalidOperationException($"provider '{provider.Id}' has no kubernetes section");
        if (!CanApply(provider))
        {
            throw new InvalidOperationException($"provider '{provider.Id}' has no apiServer or kubeconfig; write manifests for GitOps instead");
        }
        var config = settings.Kubeconfig is not null
            ? k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig)
            : new k8s.KubernetesClientConfiguration { Host = settings.ApiServer };
        using var client = new k8s.Kubernetes(config);
        return await new KubernetesRbacApplier(client).ApplyAsync(state, force: false, cancellationToken).ConfigureAwait(false);
    }
}
