using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Portal;

/// <summary>What one provider grants the person now, as the stored grant says, and how far provisioning got.</summary>
public sealed record CloudAccess(CloudProvider Provider, MappingResult Grant, string? RuleFile, ProvisioningState State);

/// <summary>
/// <c>Ready</c>: a completed run of the provider started after the grant last changed and left no failed step for the
/// person. <c>Pending</c>: not applied yet (no run since, or one in progress). <c>Failed</c>: the last run since the
/// change failed, or a step for the person did. <c>NotTracked</c>: the provider is a Kubernetes cluster only (applied
/// idempotently by scheduled runs without a journal) or has no API the hub writes to (GitOps manifests).
/// </summary>
public enum ProvisioningStatus { Ready, Pending, Failed, NotTracked }

/// <param name="Detail">For people, not operators: what to expect; never an internal URL or a Keystone error body.</param>
public sealed record ProvisioningState(ProvisioningStatus Status, string Detail);

/// <summary>Reads, for the signed-in person, each provider's stored grant and the provisioning journal's word on it.</summary>
public sealed class MyClouds(FederationConfig config, HubDbContext db, Broker.ProvisioningBroker broker)
{
    public async Task<IReadOnlyList<CloudAccess>> ForAsync(string accountId, CancellationToken cancellationToken)
    {
        var grants = await db.AccountGrants.AsNoTracking().Where(g => g.AccountId == accountId && g.GrantJson != null).ToListAsync(cancellationToken);
        var result = new List<CloudAccess>();
        foreach (var provider in config.Providers)
        {
            var row = grants.FirstOrDefault(g => g.ProviderId == provider.Id);
            if (row is null) continue;
            MappingResult grant;
            try { grant = GrantJsonReader.Read(accountId, provider.Id, row.GrantJson!); }
            catch (GrantJsonException) { continue; } // written by a newer hub; the broker reports it to operators
            result.Add(new CloudAccess(provider, grant, provider.Mapping is null ? null : Path.GetFileName(provider.Mapping),
                await StateAsync(provider, accountId, row.UpdatedAt, cancellationToken)));
        }
        return result;
    }

    private async Task<ProvisioningState> StateAsync(CloudProvider provider, string accountId, DateTimeOffset grantChangedAt, CancellationToken cancellationToken)
    {
        if (provider.Keystone is null)
        {
            return new(ProvisioningStatus.NotTracked, provider.Kubernetes?.ApiServer is null
                ? "The provider applies these roles from the hub's manifests."
                : "Applied to the cluster by the hub's scheduled runs.");
        }
        var failed = nameof(JournalStepStatus.Failed);
        var lastStep = await db.ProvisioningSteps.AsNoTracking()
            .Where(s => s.ProviderId == provider.Id && s.AccountId == accountId)
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        if (lastStep?.Status == failed)
            return new(ProvisioningStatus.Failed, "A change for you could not be applied on this cloud; the hub tries again at its next run.");
        // The provider's newest run, if it started after the grant last changed (the journal orders in the database).
        var newest = (await broker.Stores.Journal.ListRunsAsync(provider.Id, 1, cancellationToken)).FirstOrDefault();
        var since = newest is not null && newest.StartedAt >= grantChangedAt ? newest : null;
        return since?.Status switch
        {
            ProvisioningRunStatus.Completed => new(ProvisioningStatus.Ready, "Your user, projects and roles exist on this cloud."),
            ProvisioningRunStatus.CompletedWithErrors => new(ProvisioningStatus.Ready, "Your user, projects and roles exist on this cloud (other people's changes failed there, not yours)."),
            ProvisioningRunStatus.Failed => new(ProvisioningStatus.Failed, "The cloud could not be reached or refused a change; the hub tries again at its next run."),
            ProvisioningRunStatus.Running => new(ProvisioningStatus.Pending, "The hub is applying it now."),
            _ => new(ProvisioningStatus.Pending, "Waiting for the hub's next provisioning run on this cloud."),
        };
    }
}
