using System.Globalization;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping;

/// <summary>
/// Lets Keystone reproduce the hub's mapping result without evaluating the operator's conditions on raw upstream
/// attributes a second time. The hub evaluates the rules; for every rule that matched it hands the provider's client
/// the rule's index (<c>scsfed_rules</c>) and the values its remote part captured (<c>scsfed_rule_&lt;i&gt;_&lt;k&gt;</c>,
/// the k-th direct map). Onboarding installs <see cref="KeystoneRules"/>: each rule keeps its <c>local</c> part
/// verbatim, its remote part becomes "rule i matched at the hub" plus the captured values, so Keystone's own
/// <c>{k}</c> substitution and merge give the same user, groups and projects — and nothing an upstream asserts
/// under any other name reaches Keystone's rules.
/// </summary>
public static class MappingReplay
{
    public const string RulesClaim = "scsfed_rules";

    /// <summary>
    /// Stands for a whitelist/blacklist that captured no value: an environment variable cannot be an empty list (it
    /// would be missing, or one empty value), so the replay rule's own regex whitelist filters the marker out again.
    /// </summary>
    public const string NoValue = "scsfed:none";

    private const string AllButNoValue = "^(?!scsfed:none$)";

    public static string ValueClaim(int rule, int directMap) => string.Create(CultureInfo.InvariantCulture, $"scsfed_rule_{rule}_{directMap}");

    /// <summary>The replay claims for one assertion: empty when no rule matched.</summary>
    /// <exception cref="MappingEvaluationException">A regular expression timed out.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Capture(KeystoneMappingRuleSet ruleSet, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(assertion);
        var claims = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var matched = new List<string>();
        foreach (var (rule, maps) in MappingEngine.CaptureDirectMaps(ruleSet, assertion))
        {
            matched.Add(rule.ToString(CultureInfo.InvariantCulture));
            for (var k = 0; k < maps.Count; k++) claims[ValueClaim(rule, k)] = maps[k].Count == 0 ? [NoValue] : maps[k];
        }
        if (matched.Count > 0) claims[RulesClaim] = matched;
        return claims;
    }

    /// <summary>
    /// The Keystone mapping that replays <see cref="Capture"/> (claims read with mod_auth_openidc's <c>OIDC-</c>
    /// prefix), from the Keystone-compatible export of the rule set (<see cref="KeystoneMappingRuleSet.ToKeystoneJson"/>).
    /// </summary>
    public static JsonArray KeystoneRules(JsonArray exportedRules)
    {
        ArgumentNullException.ThrowIfNull(exportedRules);
        var result = new JsonArray();
        for (var i = 0; i < exportedRules.Count; i++)
        {
            var rule = exportedRules[i]!.AsObject();
            var remote = new JsonArray();
            var k = 0;
            foreach (var requirement in rule["remote"]!.AsArray())
            {
                // Only requirements without a condition capture values ({k}); whitelist/blacklist capture the filtered ones.
                var r = requirement!.AsObject();
                if (r.ContainsKey("any_one_of") || r.ContainsKey("not_any_of")) continue;
                var replay = new JsonObject { ["type"] = MappingAssertion.Prefix + ValueClaim(i, k++) };
                if (r.ContainsKey("whitelist") || r.ContainsKey("blacklist"))
                {
                    // Only these can capture nothing; a regex whitelist keeps order and duplicates (a plain one is a set).
                    replay["whitelist"] = new JsonArray(AllButNoValue);
                    replay["regex"] = true;
                }
                remote.Add(replay);
            }
            remote.Add(new JsonObject
            {
                ["type"] = MappingAssertion.Prefix + RulesClaim,
                ["any_one_of"] = new JsonArray(i.ToString(CultureInfo.InvariantCulture)),
            });
            result.Add(new JsonObject { ["local"] = rule["local"]!.DeepClone(), ["remote"] = remote });
        }
        return result;
    }
}
