using k8s.Models;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>The typed Kubernetes objects for a desired state: the same objects go to the API (server-side apply) and to manifests.</summary>
public static class KubernetesObjects
{
    private static Dictionary<string, string> Labels() => new() { [KubernetesDesiredState.ManagedByLabel] = KubernetesDesiredState.ManagedByValue };

    public static V1Namespace Namespace(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Namespace",
        Metadata = new V1ObjectMeta { Name = name, Labels = Labels() },
    };

    public static V1RoleBinding RoleBinding(KubernetesRoleBindingSpec spec) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = new V1ObjectMeta
        {
            Name = spec.Name,
            NamespaceProperty = spec.Namespace,
            Labels = Labels(),
            Annotations = new Dictionary<string, string> { ["scsfed.scs.community/accounts"] = string.Join(",", spec.AccountIds) },
        },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = spec.ClusterRole },
        Subjects = spec.Groups.Select(g => new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "Group", Name = g }).ToList(),
    };
}
