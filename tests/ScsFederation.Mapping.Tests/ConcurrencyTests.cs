using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void OneRuleSetEvaluatedFromManyThreadsGivesTheSameResults()
    {
        // The engine reuses per-thread scratch state; a shared rule set must stay independent per call.
        var ruleSet = KeystoneMappingRuleSet.Parse("""
        {"rules":[{"remote":[{"type":"U"},{"type":"G","whitelist":["^g[0-9]$"],"regex":true}],
                   "local":[{"user":{"name":"{0}"}},{"groups":"{1}","domain":{"id":"d"}},{"projects":[{"name":"p-{0}","roles":[{"name":"member"}]}]}]}]}
        """);
        var failures = 0;
        Parallel.For(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var user = "u" + i;
            var result = MappingEngine.Evaluate(ruleSet, Env(("U", user), ("G", $"g{i % 10};x;g{(i + 1) % 10}"))).Result!;
            if (result.User.Name != user || result.Projects[0].Name != "p-" + user ||
                result.GroupNames.Count != 2 || result.GroupNames[0].Name != $"g{i % 10}" || result.GroupNames[1].Name != $"g{(i + 1) % 10}")
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }
}
