using System.Text.Json.Nodes;
using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

/// <summary>The <c>kubernetes</c> local entry: groups, namespaces with ClusterRoles, placeholders, export for Keystone.</summary>
public sealed class KubernetesExtensionTests
{
    private const string Rules = """
    {"rules":[
      {"remote":[{"type":"UserName"},{"type":"Team","whitelist":["^[a-z]+$"],"regex":true},{"type":"Role","any_one_of":["developer"]}],
       "local":[
         {"user":{"name":"{0}"}},
         {"group":{"id":"devs"}},
         {"kubernetes":{"cluster":"prod","groups":["oidc:{1}","all-devs"],"namespaces":[{"name":"{1}","clusterRole":"edit"},{"name":"shared","clusterRole":"view"}]}}
       ]},
      {"remote":[{"type":"Role","any_one_of":["admin"]}],
       "local":[{"kubernetes":{"cluster":"prod","groups":["cluster-admins"],"namespaces":[{"name":"shared","clusterRole":"admin"}]}}]}
    ]}
    """;

    [Fact]
    public void NamespacesAndClusterRolesFollowPlaceholders()
    {
        var result = Mapped(Rules, Env(("UserName", "ann"), ("Team", "web;data"), ("Role", "developer")));
        var grant = Assert.Single(result.Kubernetes);
        Assert.Equal("prod", grant.Cluster);
        // A group with text around the placeholder is formatted like Keystone (Python list text) ...
        Assert.Equal(["oidc:['web', 'data']", "all-devs"], grant.Groups);
        // ... a namespace that is exactly one placeholder gets one binding per value.
        Assert.Equal(
            [new KubernetesNamespaceRole("web", "edit"), new KubernetesNamespaceRole("data", "edit"), new KubernetesNamespaceRole("shared", "view")],
            grant.Namespaces);
    }

    [Fact]
    public void GrantsOfSeveralRulesMergePerCluster()
    {
        var result = Mapped(Rules, Env(("UserName", "ann"), ("Team", "web"), ("Role", "developer;admin")));
        var grant = Assert.Single(result.Kubernetes);
        Assert.Equal(["oidc:web", "all-devs", "cluster-admins"], grant.Groups);
        Assert.Equal(
            [new KubernetesNamespaceRole("web", "edit"), new KubernetesNamespaceRole("shared", "view"), new KubernetesNamespaceRole("shared", "admin")],
            grant.Namespaces);
    }

    [Fact]
    public void KubernetesOnlyLoginStillMaps()
    {
        var result = Mapped(Rules, Env(("Role", "admin")));
        Assert.Equal("cluster-admins", Assert.Single(Assert.Single(result.Kubernetes).Groups));
        Assert.Empty(result.GroupIds);
    }

    [Fact]
    public void CraftedAssertionCannotProduceAnInvalidNamespace()
    {
        const string rules = """{"rules":[{"remote":[{"type":"Team"}],"local":[{"kubernetes":{"cluster":"prod","namespaces":[{"name":"team-{0}","clusterRole":"edit"}]}}]}]}""";
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Team", "../kube-system"))));
        Assert.Equal(MappingErrorKind.InvalidKubernetesGrant, e.Kind);
        Assert.Equal("$.rules[0].local[0].kubernetes.namespaces[0].name", e.JsonPath);
    }

    [Fact]
    public void PlaceholderOutOfRangeInExtensionIsDirectMappingError()
    {
        const string rules = """{"rules":[{"remote":[{"type":"Team"}],"local":[{"kubernetes":{"cluster":"prod","groups":["{3}"]}}]}]}""";
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Team", "a"))));
        Assert.Equal(MappingErrorKind.DirectMapping, e.Kind);
    }

    [Fact]
    public void ResultJsonCarriesTheExtension()
    {
        var json = JsonNode.Parse(MappingResultJson.ToJson(Mapped(Rules, Env(("Role", "admin")))))!;
        Assert.Equal("prod", json["kubernetes"]![0]!["cluster"]!.GetValue<string>());
        Assert.Equal("admin", json["kubernetes"]![0]!["namespaces"]![0]!["clusterRole"]!.GetValue<string>());
        Assert.Equal("ephemeral", json["user"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void ExportRemovesTheExtensionOnly()
    {
        var export = JsonNode.Parse(KeystoneMappingRuleSet.Parse(Rules).ToKeystoneJson())!;
        Assert.DoesNotContain("kubernetes", export.ToJsonString());
        Assert.Equal(2, export["rules"]![0]!["local"]!.AsArray().Count); // user and group kept, the kubernetes-only entry dropped
        Assert.Empty(export["rules"]![1]!["local"]!.AsArray());
        Assert.Equal("devs", export["rules"]![0]!["local"]![1]!["group"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void KeystoneAcceptsTheExportAndMapsItLikeTheEngine()
    {
        var ruleSet = KeystoneMappingRuleSet.Parse(Rules);
        var original = JsonNode.Parse(Rules)!;
        var export = JsonNode.Parse(ruleSet.ToKeystoneJson())!;
        var assertion = new JsonObject { ["UserName"] = "ann", ["Team"] = "web;data", ["Role"] = "developer" };
        var responses = KeystoneDriver.Run(
        [
            new JsonObject { ["id"] = "original", ["op"] = "validate", ["mapping"] = original },
            new JsonObject { ["id"] = "export", ["op"] = "validate", ["mapping"] = export.DeepClone() },
            new JsonObject { ["id"] = "process", ["op"] = "process", ["mapping"] = export.DeepClone(), ["assertion"] = assertion.DeepClone() },
        ]);

        Assert.Equal("schema_error", responses["original"]["outcome"]!.GetValue<string>()); // Keystone refuses the extension itself
        Assert.Equal("valid", responses["export"]["outcome"]!.GetValue<string>());
        var (outcome, result, _) = OutcomeJson.Evaluate(original, OutcomeJson.KeystoneAssertion(assertion));
        Assert.Equal("mapped", outcome);
        Assert.True(JsonNode.DeepEquals(OutcomeJson.Normalize(responses["process"]["result"]!, true), OutcomeJson.Normalize(result!, true)),
            $"Keystone: {responses["process"]["result"]!.ToJsonString()}\nengine:   {result!.ToJsonString()}");
    }
}
