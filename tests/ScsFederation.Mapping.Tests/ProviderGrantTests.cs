using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

public sealed class ProviderGrantTests
{
    [Fact]
    public void EachProviderUsesItsOwnRulesAndFailuresAreIsolated()
    {
        var ruleSets = new Dictionary<string, KeystoneMappingRuleSet>
        {
            ["cloud-a"] = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"sub"}],"local":[{"user":{"name":"{0}"}},{"projects":[{"name":"p-{0}","roles":[{"name":"member"}]}]}]}]}"""),
            ["cloud-b"] = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"groups","any_one_of":["b-users"]}],"local":[{"group":{"id":"g"}}]}]}"""),
            ["cloud-c"] = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"sub"}],"local":[{"user":{"name":"{1}"}}]}]}"""),
            ["k8s"] = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"groups"}],"local":[{"kubernetes":{"cluster":"k1","namespaces":[{"name":"{0}","clusterRole":"view"}]}}]}]}"""),
        };
        var evaluation = ProviderGrantEvaluator.Evaluate(ruleSets, Env(("sub", "u1"), ("groups", "dev;ops")));

        Assert.Equal(["cloud-a", "k8s"], evaluation.Grants.Select(g => g.ProviderId));
        Assert.Equal("p-u1", Assert.Single(evaluation.Grants[0].Result.Projects).Name);
        Assert.Equal(["dev", "ops"], evaluation.Grants[1].Result.Kubernetes[0].Namespaces.Select(n => n.Name));
        var b = Assert.Single(evaluation.Refusals, r => r.ProviderId == "cloud-b");
        Assert.Null(b.Error);
        var c = Assert.Single(evaluation.Refusals, r => r.ProviderId == "cloud-c");
        Assert.Equal(MappingErrorKind.DirectMapping, c.Error!.Kind);
    }

    [Fact]
    public void CancellationIsHonoured()
    {
        var ruleSets = new Dictionary<string, KeystoneMappingRuleSet> { ["a"] = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"sub"}],"local":[]}]}""") };
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => ProviderGrantEvaluator.Evaluate(ruleSets, Env(("sub", "u")), cts.Token));
    }
}
