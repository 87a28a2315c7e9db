using System.Collections.Concurrent;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Walks a journaled plan against one Keystone: phase by phase (domains; projects, groups, users; memberships and
/// role assignments; removals), each phase with bounded parallelism. Every step is marked started before its
/// Keystone call and completed with its ownership record and audit entry afterwards. Keystone being unreachable
/// (after the HTTP pipeline's retries) stops the run: the remaining steps stay in the journal for the next run.
/// </summary>
public sealed class ProvisioningApplier
{
    private readonly KeystoneClient _client;
    private readonly CloudProvider _provider;
    private readonly IProvisioningJournal _journal;
    private readonly ProvisioningOptions _options;
    private readonly string _actor;
    private readonly string _trigger;
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _roleIds;

    public ProvisioningApplier(KeystoneClient client, CloudProvider provider, ActualKeystoneState actual, IProvisioningJournal journal, ProvisioningOptions options, string actor, string trigger)
    {
        _client = client;
        _provider = provider;
        _journal = journal;
        _options = options;
        _actor = actor;
        _trigger = trigger;
        _roleIds = actual.RoleIdsByName;
        foreach (var (name, d) in actual.DomainsByName) _ids[KeystoneObjectKey.ForDomain(name).Text] = d.Id;
        foreach (var (k, p) in actual.Projects) _ids[k] = p.Id;
        foreach (var (k, g) in actual.Groups) _ids[k] = g.Id;
        foreach (var (k, u) in actual.Users) _ids[k] = u.Id;
    }

    public async Task<(int Applied, List<string> Errors, string? Fatal)> ApplyAsync(string runId, IReadOnlyList<(JournalStep Step, PlannedChange Change)> steps, IProgress<ProvisioningProgress>? progress, CancellationToken cancellationToken)
    {
        var applied = 0;
        var errors = new ConcurrentQueue<string>();
        string? fatal = null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var phases = steps.GroupBy(s => PhaseOf(s.Change)).OrderBy(g => g.Key).ToList();
        var done = 0;
        foreach (var phase in phases)
        {
            var phaseName = PhaseName(phase.Key);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxParallelismPerProvider), CancellationToken = abort.Token };
            try
            {
                await Parallel.ForEachAsync(phase, parallel, async (item, ct) =>
                {
                    var (step, change) = item;
                    await _journal.MarkStartedAsync(step.Id, CancellationToken.None).ConfigureAwait(false);
                    try
                    {
                        var record = await ExecuteAsync(runId, change, ct).ConfigureAwait(false);
                        var forget = change.Action is ChangeAction.Delete or ChangeAction.Forget ? change.Key.Text : null;
                        await _journal.CompleteStepAsync(step.Id, record, forget, Audit(runId, change, "done"), CancellationToken.None).ConfigureAwait(false);
                        Interlocked.Increment(ref applied);
                    }
                    catch (KeystoneApiException ex) when (ex.IsTransient)
                    {
                        // Keystone is down or failing after retries: stop scheduling, leave the rest to the next run.
                        await _journal.FailStepAsync(step.Id, ex.Message, Audit(runId, change, "failed: " + ex.Message), CancellationToken.None).ConfigureAwait(false);
                        Interlocked.CompareExchange(ref fatal, ex.Message, null);
                        await abort.CancelAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is KeystoneApiException or ProvisioningStepException)
                    {
                        errors.Enqueue($"{change}: {ex.Message}");
                        await _journal.FailStepAsync(step.Id, ex.Message, Audit(runId, change, "failed: " + ex.Message), CancellationToken.None).ConfigureAwait(false);
                    }
                    progress?.Report(new ProvisioningProgress(_provider.Id, phaseName, Interlocked.Increment(ref done), steps.Count));
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (fatal is not null && !cancellationToken.IsCancellationRequested)
            {
                // Steps cancelled in flight stay "started" in the journal; the next run adopts what reached Keystone.
            }
            if (fatal is not null)
            {
                break;
            }
        }
        return (applied, errors.ToList(), fatal);
    }

    private AuditEntry Audit(string runId, PlannedChange change, string outcome) =>
        new(DateTimeOffset.UtcNow, runId, _provider.Id, _actor, _trigger, change.Action.ToString().ToLowerInvariant(), change.Key.Text, change.AccountId, change.Why, outcome);

    private static int PhaseOf(PlannedChange c) => c.Action switch
    {
        ChangeAction.Delete or ChangeAction.Forget => c.Key.Kind is KeystoneObjectKind.Membership or KeystoneObjectKind.Assignment ? 3 : 4,
        _ => c.Key.Kind switch
        {
            KeystoneObjectKind.Domain => 0,
            KeystoneObjectKind.Project or KeystoneObjectKind.Group or KeystoneObjectKind.User => 1,
            _ => 2,
        },
    };

    private static string PhaseName(int phase) => phase switch
    {
        0 => "domains",
        1 => "projects, groups, users",
        2 => "memberships, role assignments",
        3 => "removing stale memberships and role assignments",
        _ => "removing stale users and groups",
    };

    private async Task<OwnedObject?> ExecuteAsync(string runId, PlannedChange change, CancellationToken ct)
    {
        var key = change.Key;
        switch (change.Action)
        {
            case ChangeAction.Adopt:
                return Owned(runId, change, change.KeystoneId!);
            case ChangeAction.Forget:
                return null;
            case ChangeAction.Update:
                await _client.AddProjectTagAsync(change.KeystoneId!, _options.OwnershipTag, ct).ConfigureAwait(false);
                return Owned(runId, change, change.KeystoneId!);
            case ChangeAction.Delete:
                await DeleteAsync(key, change.KeystoneId!, ct).ConfigureAwait(false);
                return null;
        }

        // Create. Keystone's 409 (the name is taken) comes back as Created=false with the existing object: the
        // object was absent when planned, so it is our own retried POST (or a concurrent run of the hub).
        string id;
        switch (key.Kind)
        {
            case KeystoneObjectKind.Domain:
                id = (await _client.CreateDomainAsync(key.Name, _options.Description, ct).ConfigureAwait(false)).Value.Id;
                break;
            case KeystoneObjectKind.Project:
                id = (await _client.CreateProjectAsync(Require(KeystoneObjectKey.ForDomain(key.Domain)), key.Name, _options.Description, [_options.OwnershipTag], ct).ConfigureAwait(false)).Value.Id;
                break;
            case KeystoneObjectKind.Group:
                id = (await _client.CreateGroupAsync(Require(KeystoneObjectKey.ForDomain(key.Domain)), key.Name, _options.Description, ct).ConfigureAwait(false)).Value.Id;
                break;
            case KeystoneObjectKind.User:
            {
                var ks = _provider.Keystone!;
                var link = new KeystoneFederatedLink(ks.IdentityProviderId, ks.Protocol, change.FederatedUniqueId ?? key.Name);
                id = (await _client.CreateUserAsync(Require(KeystoneObjectKey.ForDomain(key.Domain)), key.Name, null, link, _options.Description, ct).ConfigureAwait(false)).Value.Id;
                break;
            }
            case KeystoneObjectKind.Membership:
            {
                var groupId = Require(key.Target);
                var userId = Require(key.Member!);
                await _client.AddGroupMemberAsync(groupId, userId, ct).ConfigureAwait(false);
                id = $"{groupId}|{userId}";
                break;
            }
            default:
            {
                var roleId = _roleIds.GetValueOrDefault(key.Role!) ?? throw new ProvisioningStepException(key.Text, $"role '{key.Role}' does not exist");
                var projectId = Require(key.Target);
                var userId = Require(key.Member!);
                await _client.GrantRoleAsync(roleId, userId, null, KeystoneScope.Project(projectId), ct).ConfigureAwait(false);
                id = $"{roleId}|{userId}|{projectId}";
                break;
            }
        }
        _ids[key.Text] = id;
        return Owned(runId, change, id);
    }

    private async Task DeleteAsync(KeystoneObjectKey key, string keystoneId, CancellationToken ct)
    {
        switch (key.Kind)
        {
            case KeystoneObjectKind.User:
                await _client.DeleteUserAsync(keystoneId, ct).ConfigureAwait(false);
                break;
            case KeystoneObjectKind.Group:
                await _client.DeleteGroupAsync(keystoneId, ct).ConfigureAwait(false);
                break;
            case KeystoneObjectKind.Membership:
            {
                var parts = keystoneId.Split('|');
                await _client.RemoveGroupMemberAsync(parts[0], parts[1], ct).ConfigureAwait(false);
                break;
            }
            case KeystoneObjectKind.Assignment:
            {
                var parts = keystoneId.Split('|');
                await _client.RevokeRoleAsync(parts[0], parts[1], null, KeystoneScope.Project(parts[2]), ct).ConfigureAwait(false);
                break;
            }
            default:
                throw new ProvisioningStepException(key.Text, "domains and projects are never deleted by the reconciler");
        }
    }

    private string Require(KeystoneObjectKey key) =>
        _ids.TryGetValue(key.Text, out var id) ? id : throw new ProvisioningStepException(key.Text, $"{key.Text} does not exist (its create failed or was not planned)");

    private OwnedObject Owned(string runId, PlannedChange change, string keystoneId) =>
        new(_provider.Id, change.Key.Text, keystoneId, change.AccountId, OwnedObject.ProvisioningOrigin, runId, DateTimeOffset.UtcNow);
}
