using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Desired;

/// <summary>
/// Turns the federation file's declarations and every account's mapping grant for one provider into the set of
/// Keystone objects the hub wants: domains, projects, groups, federated users, memberships and project role
/// assignments. Users are linked to the hub's identity provider so the first federated login finds them.
/// </summary>
public static class DesiredKeystoneStateBuilder
{
    /// <param name="domainNameById">Resolves a mapping's <c>domain.id</c> to the domain's name (read from Keystone).</param>
    public static DesiredKeystoneState Build(CloudProvider provider, IEnumerable<AccountProviderGrant> grants, Func<string, string?> domainNameById, string? onlyAccountId = null)
    {
        var keystone = provider.Keystone ?? throw new InvalidOperationException($"provider '{provider.Id}' has no keystone section");
        var state = new DesiredKeystoneState(provider.Id) { OnlyAccountId = onlyAccountId };

        if (onlyAccountId is null)
        {
            foreach (var declared in provider.Domains)
            {
                var why = $"declared in the federation file (providers[{provider.Id}].domains[{declared.Name}])";
                WantDomain(state, declared.Name, null, why);
                foreach (var p in declared.Projects) state.Want(KeystoneObjectKey.ForProject(declared.Name, p), null, why);
                foreach (var g in declared.Groups) state.Want(KeystoneObjectKey.ForGroup(declared.Name, g), null, why);
            }
        }

        foreach (var grant in grants)
        {
            if (onlyAccountId is not null && !string.Equals(grant.AccountId, onlyAccountId, StringComparison.Ordinal))
            {
                continue;
            }
            AddGrant(state, keystone, grant, domainNameById);
        }
        return state;
    }

    private static void AddGrant(DesiredKeystoneState state, KeystoneSettings keystone, AccountProviderGrant grant, Func<string, string?> domainNameById)
    {
        var r = grant.Result;
        var account = grant.AccountId;
        var userName = r.User.Name ?? r.User.Id;
        if (userName is null)
        {
            state.Problems.Add(new DesiredStateProblem(account, "the mapping result names no user (neither user.name nor user.id)"));
            return;
        }
        // Keystone puts a mapped user without a domain into the identity provider's domain.
        var userDomain = ResolveDomain(r.User.Domain, keystone.Domain, domainNameById);
        if (userDomain is null)
        {
            state.Problems.Add(new DesiredStateProblem(account, $"user '{userName}' has no resolvable domain (mapping domain {Describe(r.User.Domain)}, keystone.domain '{keystone.Domain}')"));
            return;
        }
        var why = $"account {account} ({userName}) by the mapping of provider {grant.ProviderId}";
        // With origins the reason names the granting rule ("..., rule 0: user"); grants stored without them say nothing of rules.
        var uwhy = r.HasRuleOrigins ? $"{why}{Rule(r.UserRule)}: user" : why;
        WantDomain(state, userDomain, account, uwhy);
        var user = KeystoneObjectKey.ForUser(userDomain, userName);
        state.Want(user, account, uwhy, FederatedUniqueId(r.User));

        for (var i = 0; i < r.GroupNames.Count; i++)
        {
            var g = r.GroupNames[i];
            var domain = ResolveDomain(g.Domain, null, domainNameById);
            if (domain is null)
            {
                state.Problems.Add(new DesiredStateProblem(account, $"group '{g.Name}' names unknown domain {Describe(g.Domain)}"));
                continue;
            }
            var gwhy = $"{why}{Rule(i < r.GroupNameRules.Count ? r.GroupNameRules[i] : null)}: group_names {g.Name}";
            WantDomain(state, domain, account, gwhy);
            var group = KeystoneObjectKey.ForGroup(domain, g.Name);
            state.Want(group, null, gwhy);
            state.Want(KeystoneObjectKey.ForMembership(group, user), account, gwhy);
        }

        foreach (var p in r.Projects)
        {
            // Keystone's auto-provisioned projects default to the identity provider's domain as well.
            var domain = ResolveDomain(p.Domain, userDomain, domainNameById);
            if (domain is null)
            {
                state.Problems.Add(new DesiredStateProblem(account, $"project '{p.Name}' names unknown domain {Describe(p.Domain)}"));
                continue;
            }
            var pwhy = $"{why}{Rule(r.ProjectsRule)}: projects {p.Name} roles [{string.Join(',', p.Roles)}]";
            WantDomain(state, domain, account, pwhy);
            var project = KeystoneObjectKey.ForProject(domain, p.Name);
            state.Want(project, null, pwhy);
            foreach (var role in p.Roles)
            {
                state.Want(KeystoneObjectKey.ForProjectAssignment(role, project, user), account, pwhy);
            }
        }
        if (r.GroupIds.Count > 0)
        {
            state.Problems.Add(new DesiredStateProblem(account, $"group_ids [{string.Join(',', r.GroupIds)}] are not provisioned: the hub owns only groups it names (use group_names)"));
        }
    }

    private static void WantDomain(DesiredKeystoneState state, string name, string? account, string why)
    {
        if (string.Equals(name, "federated", StringComparison.OrdinalIgnoreCase))
        {
            // Keystone reserves this name for its own use and refuses to create it.
            state.Problems.Add(new DesiredStateProblem(account, "domain name 'federated' is reserved by Keystone"));
            return;
        }
        state.Want(KeystoneObjectKey.ForDomain(name), null, why);
    }

    private static string? ResolveDomain(DomainReference? reference, string? fallbackName, Func<string, string?> domainNameById)
    {
        if (reference?.Name is { } name) return name;
        if (reference?.Id is { } id) return domainNameById(id);
        return fallbackName;
    }

    private static string Rule(int? rule) => rule is { } n ? $", rule {n}" : "";

    private static string Describe(DomainReference? d) => d is null ? "(none)" : $"(id '{d.Id}', name '{d.Name}')";

    /// <summary>Keystone's unique id of a federated user: <c>user.id</c> or else <c>user.name</c>, URL-quoted like Python's <c>quote</c>.</summary>
    public static string FederatedUniqueId(MappedUser user) =>
        Uri.EscapeDataString(user.Id ?? user.Name ?? "").Replace("%2F", "/", StringComparison.Ordinal);
}
