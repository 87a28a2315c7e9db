using k8s;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>Writes the desired namespaces and RoleBindings as plain manifests (one file per namespace) for GitOps.</summary>
public static class KubernetesManifestWriter
{
    public static IReadOnlyList<string> Write(KubernetesDesiredState state, string folder)
    {
        var target = Path.Combine(folder, state.Cluster);
        Directory.CreateDirectory(target);
        var written = new List<string>();
        foreach (var ns in state.Namespaces)
        {
            var docs = new List<string> { KubernetesYaml.Serialize(KubernetesObjects.Namespace(ns)) };
            docs.AddRange(state.RoleBindings.Where(b => b.Namespace == ns).Select(b => KubernetesYaml.Serialize(KubernetesObjects.RoleBinding(b))));
            var path = Path.Combine(target, ns + ".yaml");
            File.WriteAllText(path, string.Join("---\n", docs.Select(d => d.EndsWith('\n') ? d : d + "\n")));
            written.Add(path);
        }
        return written;
    }
}
