using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Resolves the <c>kubernetes</c> extension of a local entry. Placeholders behave as in
/// Keystone, with one addition: a group or namespace name that is exactly one placeholder
/// (e.g. <c>"{1}"</c>) over a multi-valued direct map yields one entry per value instead of
/// the Python list text. Names are checked against Kubernetes' rules so a crafted assertion
/// cannot produce a binding Kubernetes would misread.
/// </summary>
internal static partial class KubernetesGrantResolver
{
    public static KubernetesGrant Resolve(LocalEntryTemplate.KubernetesTemplate template, DirectMaps maps, int rule)
    {
        var cluster = template.Cluster.Resolve(maps, rule);
        if (!DnsSubdomain().IsMatch(cluster))
        {
            throw Invalid(rule, template.Cluster.JsonPath, $"cluster '{cluster}' is not a DNS-1123 subdomain");
        }

        var groups = new List<string>();
        foreach (var group in template.Groups)
        {
            foreach (var name in Expand(group, maps, rule))
            {
                if (name.Length == 0 || name.Length > 253 || ContainsControl(name))
                {
                    throw Invalid(rule, group.JsonPath, $"group '{name}' is empty, too long or contains control characters");
                }

                AddDistinct(groups, name);
            }
        }

        var namespaces = new List<KubernetesNamespaceRole>();
        foreach (var ns in template.Namespaces)
        {
            var clusterRole = ns.ClusterRole.Resolve(maps, rule);
            if (!ClusterRoleName().IsMatch(clusterRole))
            {
                throw Invalid(rule, ns.ClusterRole.JsonPath, $"clusterRole '{clusterRole}' is not a valid ClusterRole name");
            }

            foreach (var name in Expand(ns.Name, maps, rule))
            {
                if (name.Length > 63 || !DnsLabel().IsMatch(name))
                {
                    throw Invalid(rule, ns.Name.JsonPath, $"namespace '{name}' is not a DNS-1123 label");
                }

                AddDistinct(namespaces, new KubernetesNamespaceRole(name, clusterRole));
            }
        }

        return new KubernetesGrant(cluster, groups, namespaces);
    }

    /// <summary>Several matched rules may grant on the same cluster: union their groups and bindings.</summary>
    public static void MergeInto(List<KubernetesGrant> grants, KubernetesGrant grant)
    {
        var index = grants.FindIndex(g => g.Cluster == grant.Cluster);
        if (index < 0)
        {
            grants.Add(grant);
            return;
        }

        var groups = new List<string>(grants[index].Groups);
        foreach (var group in grant.Groups)
        {
            AddDistinct(groups, group);
        }

        var namespaces = new List<KubernetesNamespaceRole>(grants[index].Namespaces);
        foreach (var ns in grant.Namespaces)
        {
            AddDistinct(namespaces, ns);
        }

        grants[index] = new KubernetesGrant(grant.Cluster, groups, namespaces);
    }

    private static IReadOnlyList<string> Expand(LocalValue value, DirectMaps maps, int rule)
    {
        var sole = value.Template.SolePlaceholder;
        if (sole >= 0 && sole < maps.Count)
        {
            return maps[sole];
        }

        return [value.Resolve(maps, rule)];
    }

    private static void AddDistinct<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    private static bool ContainsControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static MappingEvaluationException Invalid(int rule, string path, string reason) =>
        new(MappingErrorKind.InvalidKubernetesGrant, rule, path, reason);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex(@"^(?=.{1,253}$)[a-zA-Z0-9]([-a-zA-Z0-9_.:]*[a-zA-Z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClusterRoleName();
}
