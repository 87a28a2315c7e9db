using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Compares desired with actual state and the ownership records and yields the changes, in dependency order.
/// It never plans an update or delete of an object the hub does not own: ownership is a record written when the
/// hub created the object, or (for projects) the ownership tag. Domains and projects are never deleted
/// automatically: they may hold servers, volumes and networks of their members.
/// </summary>
public static class ProvisioningPlanner
{
    public static ProvisioningPlan Plan(DesiredKeystoneState desired, ActualKeystoneState actual, IReadOnlyList<OwnedObject> owned, IReadOnlySet<string> interruptedCreates, string ownershipTag)
    {
        var changes = new List<PlannedChange>();
        var problems = new List<DesiredStateProblem>(desired.Problems);
        var ownedByKey = owned.ToDictionary(o => o.KeyText, StringComparer.Ordinal);

        foreach (var want in desired.Objects.OrderBy(o => o.Key.Kind).ThenBy(o => o.Key.Text, StringComparer.Ordinal))
        {
            var key = want.Key;
            if (key.Kind == KeystoneObjectKind.Assignment && !actual.RoleIdsByName.ContainsKey(key.Role!))
            {
                problems.Add(new DesiredStateProblem(want.AccountId, $"role '{key.Role}' does not exist on provider {desired.ProviderId}; {key.Text} not planned"));
                continue;
            }
            var existingId = actual.IdOf(key);
            if (existingId is null)
            {
                changes.Add(new PlannedChange(ChangeAction.Create, key, want.AccountId, want.Why) { FederatedUniqueId = want.FederatedUniqueId });
                continue;
            }
            var isOwned = ownedByKey.ContainsKey(key.Text);
            if (key.Kind == KeystoneObjectKind.Project)
            {
                var project = actual.Projects[key.Text];
                if (isOwned && !project.HasTag(ownershipTag))
                {
                    changes.Add(new PlannedChange(ChangeAction.Update, key, want.AccountId, "restore ownership tag: " + want.Why) { KeystoneId = existingId });
                }
                else if (!isOwned && project.HasTag(ownershipTag))
                {
                    changes.Add(new PlannedChange(ChangeAction.Adopt, key, want.AccountId, "tagged as hub-owned but not recorded: " + want.Why) { KeystoneId = existingId });
                }
                continue;
            }
            if (!isOwned && interruptedCreates.Contains(key.Text))
            {
                // An earlier run sent the create and died before recording it: the object is ours.
                changes.Add(new PlannedChange(ChangeAction.Adopt, key, want.AccountId, "created by an interrupted run: " + want.Why) { KeystoneId = existingId });
            }
        }

        foreach (var record in owned.OrderByDescending(o => KeystoneObjectKey.Parse(o.KeyText).Kind).ThenBy(o => o.KeyText, StringComparer.Ordinal))
        {
            if (desired.Contains(record.KeyText)) continue;
            // A just-in-time run for one account removes only that account's objects.
            if (desired.OnlyAccountId is not null && !string.Equals(record.AccountId, desired.OnlyAccountId, StringComparison.Ordinal)) continue;
            var key = KeystoneObjectKey.Parse(record.KeyText);
            if (desired.OnlyAccountId is not null && key.Kind is KeystoneObjectKind.Group) continue;
            var existingId = actual.IdOf(key);
            if (existingId is null)
            {
                changes.Add(new PlannedChange(ChangeAction.Forget, key, record.AccountId, "no longer exists in Keystone") { KeystoneId = record.KeystoneId });
                continue;
            }
            if (key.Kind is KeystoneObjectKind.Domain or KeystoneObjectKind.Project)
            {
                continue; // retained on purpose, see the class comment
            }
            changes.Add(new PlannedChange(ChangeAction.Delete, key, record.AccountId, "no grant or declaration needs it any more") { KeystoneId = existingId });
        }
        return new ProvisioningPlan(desired.ProviderId, changes, problems);
    }

}
