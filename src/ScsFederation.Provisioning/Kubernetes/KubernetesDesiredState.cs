using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Desired;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>Namespaces and RoleBindings the grants of every account ask for on one provider's cluster.</summary>
public sealed record KubernetesDesiredState(string Cluster, IReadOnlyList<string> Namespaces, IReadOnlyList<KubernetesRoleBindingSpec> RoleBindings, IReadOnlyList<DesiredStateProblem> Problems)
{
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string ManagedByValue = "scsfed";

    public static KubernetesDesiredState Build(CloudProvider provider, IEnumerable<AccountProviderGrant> grants)
    {
        var k8s = provider.Kubernetes ?? throw new InvalidOperationException($"provider '{provider.Id}' has no kubernetes section");
        var bindings = new SortedDictionary<(string Ns, string Role), (SortedSet<string> Groups, SortedSet<string> Accounts)>();
        var problems = new List<DesiredStateProblem>();
        foreach (var grant in grants)
        {
            foreach (var kg in grant.Result.Kubernetes)
            {
                if (!string.Equals(kg.Cluster, k8s.Cluster, StringComparison.Ordinal)) continue;
                if (kg.Groups.Count == 0 && kg.Namespaces.Count > 0)
                {
                    problems.Add(new DesiredStateProblem(grant.AccountId, $"namespaces granted on cluster {kg.Cluster} but no groups to bind them to"));
                    continue;
                }
                foreach (var ns in kg.Namespaces)
                {
                    if (!bindings.TryGetValue((ns.Name, ns.ClusterRole), out var entry))
                    {
                        entry = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));
                        bindings.Add((ns.Name, ns.ClusterRole), entry);
                    }
                    // The apiserver prefixes the token's groups (claimMappings.groups.prefix); subjects must match that.
                    foreach (var g in kg.Groups) entry.Groups.Add(k8s.GroupPrefix + g);
                    entry.Accounts.Add(grant.AccountId);
                }
            }
        }
        var specs = bindings.Select(b => new KubernetesRoleBindingSpec(b.Key.Ns, b.Key.Role, b.Value.Groups.ToList(), b.Value.Accounts.ToList())).ToList();
        var namespaces = specs.Select(s => s.Namespace).Distinct(StringComparer.Ordinal).ToList();
        return new KubernetesDesiredState(k8s.Cluster, namespaces, specs, problems);
    }
}
