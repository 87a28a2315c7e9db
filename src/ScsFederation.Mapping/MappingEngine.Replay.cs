namespace ScsFederation.Mapping;

public static partial class MappingEngine
{
    /// <summary>For every rule whose remote part matches: its index and the values each direct map captured, in order (see <see cref="MappingReplay"/>).</summary>
    internal static IReadOnlyList<(int Rule, IReadOnlyList<IReadOnlyList<string>> Maps)> CaptureDirectMaps(KeystoneMappingRuleSet ruleSet, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        var result = new List<(int, IReadOnlyList<IReadOnlyList<string>>)>();
        var maps = DirectMaps.Rent();
        foreach (var rule in ruleSet.RuleArray)
        {
            maps.Clear();
            if (!MatchRemote(rule, assertion, maps)) continue;
            var captured = new List<IReadOnlyList<string>>(maps.Count);
            for (var k = 0; k < maps.Count; k++) captured.Add([.. maps[k]]);
            result.Add((rule.Index, captured));
        }
        return result;
    }
}
