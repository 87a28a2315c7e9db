using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>
/// Applies the desired namespaces and RoleBindings with server-side apply (field manager <c>scsfed</c>) through the
/// official client, and deletes hub-labelled RoleBindings no grant needs any more. Without <c>force</c> a field
/// another manager owns makes the apiserver answer 409; that is reported per object, never overridden silently.
/// Namespaces are never deleted (they hold workloads).
/// </summary>
public sealed class KubernetesRbacApplier
{
    public const string FieldManager = "scsfed";
    private readonly IKubernetes _client;

    public KubernetesRbacApplier(IKubernetes client) => _client = client;

    public async Task<KubernetesApplyResult> ApplyAsync(KubernetesDesiredState state, bool force, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        var deleted = new List<string>();
        var conflicts = new List<string>();
        foreach (var ns in state.Namespaces)
        {
            await ApplyOneAsync($"namespace/{ns}", () => _client.CoreV1.PatchNamespaceAsync(
                new V1Patch(KubernetesObjects.Namespace(ns), V1Patch.PatchType.ApplyPatch), ns, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                applied, conflicts).ConfigureAwait(false);
        }
        foreach (var rb in state.RoleBindings)
        {
            await ApplyOneAsync($"rolebinding/{rb.Namespace}/{rb.Name}", () => _client.RbacAuthorizationV1.PatchNamespacedRoleBindingAsync(
                new V1Patch(KubernetesObjects.RoleBinding(rb), V1Patch.PatchType.ApplyPatch), rb.Name, rb.Namespace, fieldManager: FieldManager, force: force, cancellationToken: cancellationToken),
                applied, conflicts).ConfigureAwait(false);
        }

        // Stale bindings: carry the hub's label, not wanted any more. Only namespaces the hub ever labelled are listed.
        var wanted = state.RoleBindings.Select(b => (b.Namespace, b.Name)).ToHashSet();
        var selector = $"{KubernetesDesiredState.ManagedByLabel}={KubernetesDesiredState.ManagedByValue}";
        var managedNamespaces = await _client.CoreV1.ListNamespaceAsync(labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var ns in managedNamespaces.Items)
        {
            var bindings = await _client.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(ns.Metadata.Name, labelSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var rb in bindings.Items)
            {
                if (wanted.Contains((ns.Metadata.Name, rb.Metadata.Name))) continue;
                try
                {
                    await _client.RbacAuthorizationV1.DeleteNamespacedRoleBindingAsync(rb.Metadata.Name, ns.Metadata.Name, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
                {
                }
                deleted.Add($"rolebinding/{ns.Metadata.Name}/{rb.Metadata.Name}");
            }
        }
        return new KubernetesApplyResult(applied, deleted, conflicts);
    }

    private static async Task ApplyOneAsync<T>(string what, Func<Task<T>> call, List<string> applied, List<string> conflicts)
    {
        try
        {
            await call().ConfigureAwait(false);
            applied.Add(what);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            conflicts.Add($"{what}: {ex.Response.Content}");
        }
    }
}

public sealed record KubernetesApplyResult(IReadOnlyList<string> Applied, IReadOnlyList<string> Deleted, IReadOnlyList<string> Conflicts);
