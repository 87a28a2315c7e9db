using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// Every rule set / assertion pair Keystone's own test_utils.py feeds its engine (Fixtures/keystone,
/// see its README for provenance) must give the outcome Keystone gave under its passing tests.
/// </summary>
public sealed class KeystoneFixtureTests
{
    private static readonly Lazy<Dictionary<string, JsonObject>> Cases = new(() =>
    {
        var path = RepoRoot.Combine("tests", "ScsFederation.Mapping.Tests", "Fixtures", "keystone", "test_utils_cases.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!;
        return root["cases"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => c["id"]!.GetValue<string>());
    });

    public static TheoryData<string> ProcessCaseIds() => Ids("process");

    public static TheoryData<string> ValidateCaseIds() => Ids("validate");

    private static TheoryData<string> Ids(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var (id, c) in Cases.Value)
        {
            if (c["kind"]!.GetValue<string>() == kind)
            {
                data.Add(id);
            }
        }

        return data;
    }

    [Fact]
    public void FixtureFileCoversAllOfKeystonesTests()
    {
        var root = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("tests", "ScsFederation.Mapping.Tests", "Fixtures", "keystone", "test_utils_cases.json")))!;
        Assert.Equal(54, root["tests_run"]!.GetValue<int>());
        Assert.Empty(root["tests_failed"]!.AsArray());
        Assert.True(Cases.Value.Count >= 50, $"only {Cases.Value.Count} cases recorded");
    }

    [Theory]
    [MemberData(nameof(ProcessCaseIds))]
    public void ProcessGivesKeystonesOutcome(string id)
    {
        var c = Cases.Value[id];
        var mapping = new JsonObject { ["rules"] = c["rules"]!.DeepClone() };
        var expected = c["expected"]!;
        var (outcome, result, message) = OutcomeJson.Evaluate(mapping, OutcomeJson.KeystoneAssertion(c["assertion"]!.AsObject()));

        Assert.True(expected["outcome"]!.GetValue<string>() == outcome, $"{id}: Keystone gave {expected["outcome"]}, engine gave {outcome} ({message})");
        if (outcome == "mapped")
        {
            var orderDefined = !OutcomeJson.HasSetOrderedLists(mapping);
            var want = OutcomeJson.Normalize(expected["result"]!, orderDefined);
            var got = OutcomeJson.Normalize(result!, orderDefined);
            Assert.True(JsonNode.DeepEquals(want, got), $"{id}:\nKeystone: {want.ToJsonString()}\nengine:   {got.ToJsonString()}");
        }
    }

    [Theory]
    [MemberData(nameof(ValidateCaseIds))]
    public void ValidationAgreesWithKeystonesSchema(string id)
    {
        var c = Cases.Value[id];
        var expectValid = c["expected"]!["outcome"]!.GetValue<string>() == "valid";
        var json = c["mapping"]!.ToJsonString();
        if (expectValid)
        {
            KeystoneMappingRuleSet.Parse(json);
        }
        else
        {
            var e = Assert.Throws<MappingRuleException>(() => KeystoneMappingRuleSet.Parse(json));
            Assert.StartsWith("$", e.JsonPath);
            Assert.False(string.IsNullOrWhiteSpace(e.Reason));
        }
    }
}
