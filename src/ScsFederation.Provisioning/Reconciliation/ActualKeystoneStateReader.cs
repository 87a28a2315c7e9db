using ScsFederation.Provisioning.Keystone;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Reads the provider's actual state for the domains named by the desired state or by ownership records, with a
/// handful of list calls per domain (not one call per account), and the memberships of the relevant groups.
/// </summary>
public static class ActualKeystoneStateReader
{
    public static async Task<ActualKeystoneState> ReadAsync(KeystoneClient client, IReadOnlyCollection<string> domainNames, IReadOnlyCollection<string> groupKeys, CancellationToken cancellationToken)
    {
        var before = client.RequestCount;
        var state = new ActualKeystoneState();
        foreach (var d in await client.ListDomainsAsync(cancellationToken).ConfigureAwait(false))
        {
            state.DomainsByName[d.Name] = d;
            state.DomainsById[d.Id] = d;
        }
        foreach (var role in await client.ListRolesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (role.DomainId is null) state.RoleIdsByName[role.Name] = role.Id;
        }

        var projectsById = new Dictionary<string, KeystoneObjectKey>(StringComparer.Ordinal);
        var usersById = new Dictionary<string, KeystoneObjectKey>(StringComparer.Ordinal);
        var roleNames = state.RoleIdsByName.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        foreach (var name in domainNames.Distinct(StringComparer.Ordinal))
        {
            if (!state.DomainsByName.TryGetValue(name, out var domain)) continue;
            foreach (var p in await client.ListProjectsAsync(domain.Id, cancellationToken).ConfigureAwait(false))
            {
                var key = KeystoneObjectKey.ForProject(name, p.Name);
                state.Projects[key.Text] = p;
                projectsById[p.Id] = key;
            }
            foreach (var g in await client.ListGroupsAsync(domain.Id, cancellationToken).ConfigureAwait(false))
            {
                state.Groups[KeystoneObjectKey.ForGroup(name, g.Name).Text] = g;
            }
            foreach (var u in await client.ListUsersAsync(domain.Id, cancellationToken).ConfigureAwait(false))
            {
                var key = KeystoneObjectKey.ForUser(name, u.Name);
                state.Users[key.Text] = u;
                usersById[u.Id] = key;
            }
        }

        foreach (var groupKeyText in groupKeys.Distinct(StringComparer.Ordinal))
        {
            if (!state.Groups.TryGetValue(groupKeyText, out var group)) continue;
            var groupKey = KeystoneObjectKey.Parse(groupKeyText);
            foreach (var member in await client.ListGroupMembersAsync(group.Id, cancellationToken).ConfigureAwait(false))
            {
                if (usersById.TryGetValue(member.Id, out var userKey))
                {
                    state.Memberships[KeystoneObjectKey.ForMembership(groupKey, userKey).Text] = $"{group.Id}|{member.Id}";
                }
            }
        }

        // One listing of every direct assignment; only user-on-project rows inside the relevant domains matter.
        foreach (var a in await client.ListRoleAssignmentsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (a.UserId is null || a.Scope.ProjectId is null || a.Scope.InheritedToProjects) continue;
            if (!usersById.TryGetValue(a.UserId, out var userKey) || !projectsById.TryGetValue(a.Scope.ProjectId, out var projectKey)) continue;
            if (!roleNames.TryGetValue(a.RoleId, out var roleName)) continue;
            state.Assignments[KeystoneObjectKey.ForProjectAssignment(roleName, projectKey, userKey).Text] = $"{a.RoleId}|{a.UserId}|{a.Scope.ProjectId}";
        }
        state.RequestsUsed = (int)(client.RequestCount - before);
        return state;
    }
}
