using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning;
using ScsFederation.Provisioning.Kubernetes;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Storage;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Hub.Broker;

/// <summary>
/// The hub's entry to the provisioning broker: one reconciler over the hub database, used by the admin API, the
/// just-in-time runs after logins and the schedule. Runs of one provider never overlap (the database lease also
/// keeps other hub instances and the CLI out); every finished run is logged with its counts and any error.
/// </summary>
public sealed class ProvisioningBroker
{
    private readonly ILogger<ProvisioningBroker> _logger;
    private readonly Operations.HubMetrics _metrics;

    public ProvisioningBroker(FederationConfig config, IDbContextFactory<HubDbContext> contexts, Operations.HubMetrics metrics, ILogger<ProvisioningBroker> logger, TimeProvider clock)
    {
        _logger = logger;
        _metrics = metrics;
        Config = config;
        Stores = new EfProvisioningStores(contexts, clock);
        var options = new ProvisioningOptions
        {
            MaxParallelismPerProvider = config.Hub.Provisioning.MaxParallelism,
            LeaseDuration = TimeSpan.FromSeconds(config.Hub.Provisioning.LeaseSeconds),
        };
        Reconciler = Stores.Reconciler(config, options);
        Kubernetes = Stores.Kubernetes();
    }

    public FederationConfig Config { get; }

    public EfProvisioningStores Stores { get; }

    public ProvisioningReconciler Reconciler { get; }

    public KubernetesProvisioner Kubernetes { get; }

    public async Task<IReadOnlyList<ProviderApplyResult>> ApplyAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        var results = await Reconciler.ApplyAsync(request, null, cancellationToken).ConfigureAwait(false);
        Report(request, results);
        return results;
    }

    /// <summary>
    /// Server-side applies every reachable cluster's namespaces and RoleBindings (providers without an API server are
    /// GitOps: <c>scsfed provision plan --output manifests DIR</c>). Applying is idempotent, so no journal is needed.
    /// </summary>
    public async Task<IReadOnlyList<KubernetesRunResult>> ApplyKubernetesAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        var results = new List<KubernetesRunResult>();
        foreach (var provider in KubernetesProvisioner.Providers(Config, request.ProviderId).Where(KubernetesProvisioner.CanApply))
        {
            var cluster = provider.Kubernetes!.Cluster;
            KubernetesRunResult result;
            try
            {
                var state = await Kubernetes.DesiredAsync(provider, cancellationToken).ConfigureAwait(false);
                var applied = await KubernetesProvisioner.ApplyAsync(provider, state, cancellationToken).ConfigureAwait(false);
                result = new KubernetesRunResult(provider.Id, cluster, applied.Applied, applied.Deleted, applied.Conflicts, state.Problems.Select(p => p.ToString()).ToList(), null);
            }
            catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException or k8s.Exceptions.KubeConfigException)
            {
                result = new KubernetesRunResult(provider.Id, cluster, [], [], [], [], e.Message);
            }
            _metrics.ProvisioningChanged(provider.Id, result.Applied.Count + result.Deleted.Count);
            if (result.Error is not null) _metrics.ProvisioningFailed(provider.Id, "kubernetes_error");
            if (result.Error is not null || result.Conflicts.Count > 0)
            {
                _logger.LogWarning("Kubernetes {Trigger} run on {Provider} (cluster {Cluster}): {Error}; {Conflicts} conflicts{First}", request.Trigger, provider.Id, cluster,
                    result.Error ?? "-", result.Conflicts.Count, result.Conflicts.Count > 0 ? "; first: " + result.Conflicts[0] : "");
            }
            else
            {
                _logger.LogInformation("Kubernetes {Trigger} run on {Provider} (cluster {Cluster}): {Applied} applied, {Deleted} deleted",
                    request.Trigger, provider.Id, cluster, result.Applied.Count, result.Deleted.Count);
            }
            results.Add(result);
        }
        return results;
    }

    public void Report(ProvisioningRequest request, IEnumerable<ProviderApplyResult> results)
    {
        foreach (var r in results)
        {
            Report(request, r);
        }
    }

    private void Report(ProvisioningRequest request, ProviderApplyResult r)
    {
        var scope = request.AccountId is null ? "all accounts" : "account " + request.AccountId;
        _metrics.ProvisioningChanged(r.ProviderId, r.Status == ProvisioningRunStatus.Completed ? r.Changes : r.Applied);
        if (r.Status is not (ProvisioningRunStatus.Completed or ProvisioningRunStatus.Busy)) _metrics.ProvisioningFailed(r.ProviderId, r.Status.ToString().ToLowerInvariant());
        switch (r.Status)
        {
            case ProvisioningRunStatus.Completed:
                _logger.LogInformation("Provisioning {Trigger} run {RunId} on {Provider} ({Scope}) by {Actor}: {Changes} changes, {Requests} Keystone requests in {Seconds:F1} s",
                    request.Trigger, r.RunId, r.ProviderId, scope, request.Actor, r.Changes, r.KeystoneRequests, r.Elapsed.TotalSeconds);
                break;
            case ProvisioningRunStatus.Busy:
                _logger.LogInformation("Provisioning {Trigger} run on {Provider} ({Scope}) not started: {Reason}", request.Trigger, r.ProviderId, scope, r.Error);
                break;
            default:
                _logger.LogWarning("Provisioning {Trigger} run {RunId} on {Provider} ({Scope}) by {Actor} ended {Status}: {Error}; {Failed} failed steps, {Problems} grant problems{FirstProblem}",
                    request.Trigger, r.RunId, r.ProviderId, scope, request.Actor, r.Status, r.Error ?? "-", r.StepErrors.Count, r.Plan.Problems.Count,
                    r.StepErrors.Count > 0 ? "; first: " + r.StepErrors[0] : r.Plan.Problems.Count > 0 ? "; first: " + r.Plan.Problems[0] : "");
                break;
        }
    }
}

/// <summary>What one cluster's server-side apply did, or why it could not run.</summary>
public sealed record KubernetesRunResult(
    string ProviderId, string Cluster, IReadOnlyList<string> Applied, IReadOnlyList<string> Deleted, IReadOnlyList<string> Conflicts,
    IReadOnlyList<string> Problems, string? Error);
