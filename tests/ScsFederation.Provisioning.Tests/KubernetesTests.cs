using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Kubernetes;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// The Kubernetes side through the official KubernetesClient against an in-test server implementing the apiserver
/// contract (no kube-apiserver can be installed on these machines; see the README).
/// </summary>
public sealed class KubernetesTests
{
    private static readonly CloudProvider Provider = new() { Id = "kube-a", Kubernetes = new KubernetesSettings { Cluster = "k1", GroupPrefix = "hub:" } };

    private static AccountProviderGrant Grant(string account, string[] groups, params (string Ns, string Role)[] namespaces) =>
        new(account, "kube-a", new MappingResult(new MappedUser(null, account, null, null, null), [], [], [],
            [new KubernetesGrant("k1", groups, namespaces.Select(n => new KubernetesNamespaceRole(n.Ns, n.Role)).ToList()), new KubernetesGrant("other-cluster", ["x"], [new KubernetesNamespaceRole("elsewhere", "admin")])]));

    private static IKubernetes Client(KubernetesContractServer server) => new k8s.Kubernetes(new KubernetesClientConfiguration { Host = server.Url });

    [Fact]
    public async Task Server_side_apply_creates_namespaces_and_group_role_bindings_and_is_idempotent()
    {
        using var server = new KubernetesContractServer(9370);
        var state = KubernetesDesiredState.Build(Provider, [Grant("alice", ["team-red"], ("red", "edit")), Grant("bob", ["team-red", "ops"], ("red", "edit"), ("ops", "admin"))]);
        var applier = new KubernetesRbacApplier(Client(server));

        var first = await applier.ApplyAsync(state, force: false, CancellationToken.None);
        Assert.Empty(first.Conflicts);
        Assert.Equal(["namespace/ops", "namespace/red", "rolebinding/ops/scsfed-admin", "rolebinding/red/scsfed-edit"], first.Applied.Order());
        var binding = server.Get("RoleBinding/red/scsfed-edit")!;
        Assert.Equal(["hub:ops", "hub:team-red"], binding["subjects"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Order());
        Assert.All(binding["subjects"]!.AsArray(), s => Assert.Equal("Group", s!["kind"]!.GetValue<string>()));
        Assert.Equal("ClusterRole", binding["roleRef"]!["kind"]!.GetValue<string>());
        Assert.Equal("edit", binding["roleRef"]!["name"]!.GetValue<string>());
        Assert.Null(server.Get("Namespace/elsewhere")); // other cluster's grant
        Assert.All(server.Requests.Where(r => r.Method == "PATCH"), r =>
        {
            Assert.StartsWith("application/apply-patch+yaml", r.ContentType);
            Assert.Contains("fieldManager=scsfed", r.Query);
        });

        var version = binding["metadata"]!["resourceVersion"]!.GetValue<string>();
        var second = await applier.ApplyAsync(state, force: false, CancellationToken.None);
        Assert.Empty(second.Deleted);
        Assert.Equal(version, server.Get("RoleBinding/red/scsfed-edit")!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_binding_no_grant_needs_is_deleted_and_foreign_bindings_stay()
    {
        using var server = new KubernetesContractServer(9371);
        var applier = new KubernetesRbacApplier(Client(server));
        await applier.ApplyAsync(KubernetesDesiredState.Build(Provider, [Grant("alice", ["team-red"], ("red", "edit"), ("red", "view"))]), false, CancellationToken.None);
        server.Seed("RoleBinding/red/ops-debug", JsonNode.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"ops-debug","namespace":"red"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"admin"},"subjects":[{"kind":"User","name":"ops"}]}""")!.AsObject(), "kubectl");

        var result = await applier.ApplyAsync(KubernetesDesiredState.Build(Provider, [Grant("alice", ["team-red"], ("red", "view"))]), false, CancellationToken.None);

        Assert.Equal(["rolebinding/red/scsfed-edit"], result.Deleted);
        Assert.Null(server.Get("RoleBinding/red/scsfed-edit"));
        Assert.NotNull(server.Get("RoleBinding/red/scsfed-view"));
        Assert.NotNull(server.Get("RoleBinding/red/ops-debug"));
        Assert.NotNull(server.Get("Namespace/red")); // namespaces are never deleted
    }

    [Fact]
    public async Task A_binding_owned_by_another_field_manager_is_a_reported_conflict_not_overwritten()
    {
        using var server = new KubernetesContractServer(9372);
        var applier = new KubernetesRbacApplier(Client(server));
        server.Seed("Namespace/red", JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"red"}}""")!.AsObject(), "kubectl");
        server.Seed("RoleBinding/red/scsfed-edit", JsonNode.Parse("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"scsfed-edit","namespace":"red"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},"subjects":[{"kind":"Group","name":"someone-else"}]}""")!.AsObject(), "kubectl");

        var result = await applier.ApplyAsync(KubernetesDesiredState.Build(Provider, [Grant("alice", ["team-red"], ("red", "edit"))]), false, CancellationToken.None);

        Assert.Contains(result.Conflicts, c => c.StartsWith("rolebinding/red/scsfed-edit", StringComparison.Ordinal) && c.Contains("kubectl", StringComparison.Ordinal));
        Assert.Equal("someone-else", server.Get("RoleBinding/red/scsfed-edit")!["subjects"]![0]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Manifests_hold_the_same_objects_for_gitops()
    {
        var state = KubernetesDesiredState.Build(Provider, [Grant("alice", ["team-red"], ("red", "edit")), Grant("bob", ["ops"], ("red", "edit"))]);
        var folder = Path.Combine(Path.GetTempPath(), "scsfed-manifests-" + Guid.NewGuid().ToString("n")[..8]);
        try
        {
            var files = KubernetesManifestWriter.Write(state, folder);
            var file = Assert.Single(files);
            Assert.Equal(Path.Combine(folder, "k1", "red.yaml"), file);
            var objects = KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file));
            var ns = Assert.IsType<V1Namespace>(objects[0]);
            Assert.Equal("red", ns.Metadata.Name);
            Assert.Equal("scsfed", ns.Metadata.Labels["app.kubernetes.io/managed-by"]);
            var rb = Assert.IsType<V1RoleBinding>(objects[1]);
            Assert.Equal("red", rb.Metadata.NamespaceProperty);
            Assert.Equal("edit", rb.RoleRef.Name);
            Assert.Equal(["hub:ops", "hub:team-red"], rb.Subjects.Select(s => s.Name).Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
