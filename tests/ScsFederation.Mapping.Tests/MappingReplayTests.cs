using System.Globalization;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// The Keystone mapping onboarding installs (<see cref="MappingReplay.KeystoneRules"/>) fed with the hub's replay
/// claims (<see cref="MappingReplay.Capture"/>) gives, in Keystone's real RuleProcessor, the result the hub's engine
/// gave on the original rules and assertion — and nothing at all without the hub's replay claims.
/// </summary>
public sealed class MappingReplayTests
{
    private const int CaseCount = 300;

    [Fact]
    public void Keystone_replaying_the_hubs_claims_maps_exactly_what_the_hub_mapped()
    {
        var generator = new DifferentialCaseGenerator(777);
        var requests = new List<JsonObject>();
        var expected = new Dictionary<string, (JsonNode Result, bool OrderDefined, string Context)>();
        for (var i = 0; i < CaseCount; i++)
        {
            var (mapping, assertion) = generator.Next();
            var (outcome, result, _) = OutcomeJson.Evaluate(mapping, OutcomeJson.KeystoneAssertion(assertion));
            if (outcome != "mapped") continue;
            var ruleSet = KeystoneMappingRuleSet.Parse(mapping.ToJsonString());
            var replay = MappingReplay.Capture(ruleSet, OutcomeJson.KeystoneAssertion(assertion));
            // What mod_auth_openidc puts in Keystone's environment: OIDC-<claim>, array values joined with ';'.
            var environment = new JsonObject();
            foreach (var (type, values) in replay) environment[MappingAssertion.Prefix + type] = string.Join(';', values);
            var export = JsonNode.Parse(ruleSet.ToKeystoneJson(indented: false))!.AsObject();
            var replayMapping = new JsonObject { ["rules"] = MappingReplay.KeystoneRules(export["rules"]!.AsArray()) };
            if (export["schema_version"] is { } version) replayMapping["schema_version"] = version.DeepClone();
            var id = i.ToString(CultureInfo.InvariantCulture);
            requests.Add(new JsonObject { ["id"] = id, ["op"] = "process", ["mapping"] = replayMapping, ["assertion"] = environment });
            // The raw upstream attributes alone reach no replay rule.
            requests.Add(new JsonObject { ["id"] = id + "-raw", ["op"] = "process", ["mapping"] = replayMapping.DeepClone(), ["assertion"] = assertion.DeepClone() });
            expected[id] = (KeystonePart(result!), !OutcomeJson.HasSetOrderedLists(mapping), $"case {i}\nmapping: {mapping.ToJsonString()}\nassertion: {assertion.ToJsonString()}\nreplay: {replayMapping.ToJsonString()}\nenv: {environment.ToJsonString()}");
        }

        Assert.True(expected.Count >= 20, $"only {expected.Count} mapped cases");
        var keystone = KeystoneDriver.Run(requests);
        foreach (var (id, (want, orderDefined, context)) in expected)
        {
            var got = keystone[id];
            Assert.True(got["outcome"]!.GetValue<string>() == "mapped", $"Keystone: {got.ToJsonString()}\n{context}");
            Assert.True(JsonNode.DeepEquals(OutcomeJson.Normalize(want, orderDefined), OutcomeJson.Normalize(got["result"]!, orderDefined)),
                $"hub: {want.ToJsonString()}\nKeystone: {got["result"]!.ToJsonString()}\n{context}");
            Assert.NotEqual("mapped", keystone[id + "-raw"]["outcome"]!.GetValue<string>());
        }
    }

    private static JsonNode KeystonePart(JsonNode result)
    {
        var copy = result.DeepClone().AsObject();
        copy.Remove("kubernetes");
        return copy;
    }
}
