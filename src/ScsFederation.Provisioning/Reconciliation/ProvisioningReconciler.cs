using System.Diagnostics;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Plans and applies the provisioning of every Keystone provider in the federation file. A run first takes over
/// what interrupted runs left (their started creates are adopted when the object exists), then reads the actual
/// state, plans against the desired state and journals the plan before touching Keystone. Providers run in
/// parallel; within a provider the applier bounds the parallelism.
/// </summary>
public sealed class ProvisioningReconciler
{
    private readonly FederationConfig _config;
    private readonly IDesiredGrantSource _grants;
    private readonly IProvisioningJournal _journal;
    private readonly IOwnershipStore _ownership;
    private readonly Func<CloudProvider, KeystoneClient> _clientFactory;
    private readonly ProvisioningOptions _options;
    private readonly IProvisioningLeases? _leases;

    /// <param name="leases">Keeps runs of one provider from overlapping across hub instances and the CLI; without it the caller must.</param>
    public ProvisioningReconciler(FederationConfig config, IDesiredGrantSource grants, IProvisioningJournal journal, IOwnershipStore ownership, Func<CloudProvider, KeystoneClient> clientFactory, ProvisioningOptions? options = null, IProvisioningLeases? leases = null)
    {
        _config = config;
        _grants = grants;
        _journal = journal;
        _ownership = ownership;
        _clientFactory = clientFactory;
        _options = options ?? new ProvisioningOptions();
        _leases = leases;
    }

    /// <summary>The Keystone providers a request covers; an unknown provider name is an error the user can fix.</summary>
    public IReadOnlyList<CloudProvider> SelectProviders(string? providerId)
    {
        if (providerId is not null)
        {
            var p = _config.FindProvider(providerId) ?? throw new ProvisioningConfigurationException($"provider '{providerId}' is not in the federation file");
            if (p.Keystone is null) throw new ProvisioningConfigurationException($"provider '{providerId}' has no keystone section");
            return [p];
        }
        return _config.Providers.Where(p => p.Keystone is not null).ToList();
    }

    public async Task<IReadOnlyList<ProvisioningPlan>> PlanAsync(ProvisioningRequest request, CancellationToken cancellationToken)
    {
        var plans = new List<ProvisioningPlan>();
        foreach (var provider in SelectProviders(request.ProviderId))
        {
            using var client = _clientFactory(provider);
            plans.Add((await PlanProviderAsync(provider, client, request.AccountId, cancellationToken).ConfigureAwait(false)).Plan);
        }
        return plans;
    }

    public async Task<IReadOnlyList<ProviderApplyResult>> ApplyAsync(ProvisioningRequest request, IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        var providers = SelectProviders(request.ProviderId);
        var tasks = providers.Select(p => ApplyProviderAsync(p, request, progress, cancellationToken)).ToList();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    private async Task<ProviderApplyResult> ApplyProviderAsync(CloudProvider provider, ProvisioningRequest request, IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        if (_leases is null)
        {
            return await ApplyLeasedProviderAsync(provider, request, progress, cancellationToken).ConfigureAwait(false);
        }
        var clock = Stopwatch.StartNew();
        var holder = ProviderRunLease.NewHolder(request.Trigger);
        var (lease, attempt) = await ProviderRunLease.AcquireAsync(_leases, provider.Id, holder, _options.LeaseDuration, request.WaitForLease, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            var busy = $"another run ({attempt.Holder}) is applying to provider {provider.Id}; its lease lasts until {attempt.ExpiresAt:u} unless renewed";
            progress?.Report(new ProvisioningProgress(provider.Id, "busy", 0, 0, busy));
            return new ProviderApplyResult(provider.Id, "", ProvisioningRunStatus.Busy, new ProvisioningPlan(provider.Id, [], []), 0, [], busy, 0, clock.Elapsed);
        }
        await using (lease.ConfigureAwait(false))
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                return await ApplyLeasedProviderAsync(provider, request, progress, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The journal stays as it is: whoever holds the lease now resumes it.
                var lost = $"lost the lease on provider {provider.Id} (not renewed in time); stopped, the run holding it now resumes the journal";
                return new ProviderApplyResult(provider.Id, "", ProvisioningRunStatus.Failed, new ProvisioningPlan(provider.Id, [], []), 0, [], lost, 0, clock.Elapsed);
            }
        }
    }

    private async Task<ProviderApplyResult> ApplyLeasedProviderAsync(CloudProvider provider, ProvisioningRequest request, IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var client = _clientFactory(provider);
        ProvisioningPlan plan;
        IReadOnlyList<ProvisioningRunSummary> unfinished;
        ActualKeystoneState actual;
        try
        {
            progress?.Report(new ProvisioningProgress(provider.Id, "reading actual state", 0, 0));
            (plan, actual, unfinished) = await PlanProviderAsync(provider, client, request.AccountId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeystoneApiException ex)
        {
            // Nothing was journaled for this run; an interrupted earlier run stays resumable.
            return new ProviderApplyResult(provider.Id, "", ProvisioningRunStatus.Failed, new ProvisioningPlan(provider.Id, [], []), 0, [], ex.Message, client.RequestCount, clock.Elapsed);
        }

        var runId = await _journal.StartRunAsync(provider.Id, request.Trigger, request.Actor, plan.Changes, cancellationToken).ConfigureAwait(false);
        foreach (var old in unfinished)
        {
            await _journal.MarkResumedAsync(old.RunId, runId, cancellationToken).ConfigureAwait(false);
        }
        var steps = await _journal.ListStepsAsync(runId, cancellationToken).ConfigureAwait(false);
        var pairs = steps.OrderBy(s => s.Sequence).Select(s => (s, plan.Changes[s.Sequence])).ToList();
        progress?.Report(new ProvisioningProgress(provider.Id, "applying", 0, pairs.Count, $"{plan.Changes.Count} changes planned, {plan.Problems.Count} problems"));

        var applier = new ProvisioningApplier(client, provider, actual, _journal, _options, request.Actor, request.Trigger);
        var (applied, errors, fatal) = await applier.ApplyAsync(runId, pairs, progress, cancellationToken).ConfigureAwait(false);
        var status = fatal is not null ? ProvisioningRunStatus.Failed : errors.Count > 0 || plan.Problems.Count > 0 ? ProvisioningRunStatus.CompletedWithErrors : ProvisioningRunStatus.Completed;
        var error = fatal is not null
            ? $"stopped: {fatal}; {pairs.Count - applied} of {pairs.Count} steps remain in journal run {runId}, the next run resumes them"
            : null;
        await _journal.FinishRunAsync(runId, status, error, cancellationToken).ConfigureAwait(false);
        return new ProviderApplyResult(provider.Id, runId, status, plan, applied, errors, error, client.RequestCount, clock.Elapsed);
    }

    private async Task<(ProvisioningPlan Plan, ActualKeystoneState Actual, IReadOnlyList<ProvisioningRunSummary> Unfinished)> PlanProviderAsync(CloudProvider provider, KeystoneClient client, string? accountId, CancellationToken cancellationToken)
    {
        var unfinished = await _journal.ListUnfinishedRunsAsync(provider.Id, cancellationToken).ConfigureAwait(false);
        var interruptedCreates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in unfinished)
        {
            foreach (var step in await _journal.ListStepsAsync(run.RunId, cancellationToken).ConfigureAwait(false))
            {
                // A create that may have reached Keystone, or an adoption a failed run did not get to record.
                if ((step.Action == ChangeAction.Create && step.Status is JournalStepStatus.Started or JournalStepStatus.Failed)
                    || (step.Action == ChangeAction.Adopt && step.Status != JournalStepStatus.Done))
                {
                    interruptedCreates.Add(step.KeyText);
                }
            }
        }

        var owned = await _ownership.ListAsync(provider.Id, OwnedObject.ProvisioningOrigin, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AccountProviderGrant> grants;
        if (accountId is null)
        {
            grants = await _grants.ReadGrantsAsync(provider.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var one = await _grants.ReadGrantAsync(provider.Id, accountId, cancellationToken).ConfigureAwait(false);
            grants = one is null ? [] : [one];
        }

        // Domains by id need Keystone's list; read it before building the desired state.
        var domainsById = (await client.ListDomainsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var desired = DesiredKeystoneStateBuilder.Build(provider, grants, id => domainsById.GetValueOrDefault(id), accountId);

        var ownedKeys = owned.Select(o => KeystoneObjectKey.Parse(o.KeyText)).ToList();
        var domains = desired.Objects.Select(o => o.Key.Domain).Concat(ownedKeys.Select(k => k.Domain))
            .Concat(ownedKeys.Where(k => k.MemberDomain is not null).Select(k => k.MemberDomain!)).ToHashSet(StringComparer.Ordinal);
        var groups = desired.Objects.Where(o => o.Key.Kind is KeystoneObjectKind.Group or KeystoneObjectKind.Membership).Select(o => o.Key.Target.Text)
            .Concat(ownedKeys.Where(k => k.Kind is KeystoneObjectKind.Group or KeystoneObjectKind.Membership).Select(k => k.Target.Text)).ToHashSet(StringComparer.Ordinal);
        var actual = await ActualKeystoneStateReader.ReadAsync(client, domains, groups, cancellationToken).ConfigureAwait(false);
        var plan = ProvisioningPlanner.Plan(desired, actual, owned, interruptedCreates, _options.OwnershipTag);
        return (plan, actual, unfinished);
    }
}
