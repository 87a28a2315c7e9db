namespace ScsFederation.Mapping.Tests;

/// <summary>Small builders for hand-written cases.</summary>
internal static class MappingTestInput
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Env(params (string Key, string Value)[] pairs) =>
        AssertionAttributes.FromEnvironment(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    public static MappingResult Mapped(string rulesJson, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        var outcome = MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rulesJson), assertion);
        Assert.True(outcome.IsMapped, "expected a mapped result, got no match");
        return outcome.Result!;
    }
}
