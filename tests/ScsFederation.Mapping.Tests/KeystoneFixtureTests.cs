using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// Every rule set / assertion pair Keystone's own tests feed its engine — test_utils.py (engine
/// tests) and test_v3_federation.py (API tests) — recorded in Fixtures/keystone (see its README
/// for provenance), must give the outcome Keystone gave under its passing tests.
/// </summary>
public sealed class KeystoneFixtureTests
{
    private static readonly string[] Files = ["test_utils_cases.json", "test_v3_federation_cases.json"];

    private static JsonNode Load(string file) =>
        JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("tests", "ScsFederation.Mapping.Tests", "Fixtures", "keystone", file)))!;

    private static readonly Lazy<Dictionary<string, JsonObject>> Cases = new(() =>
        Files.SelectMany(file => Load(file)["cases"]!.AsArray().Select(c => (Id: $"{Path.GetFileNameWithoutExtension(file)}:{c!["id"]}", Case: c.AsObject())))
            .ToDictionary(c => c.Id, c => c.Case));

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

    [Theory]
    [InlineData("test_utils_cases.json", 54, 50)]
    [InlineData("test_v3_federation_cases.json", 96, 100)]
    public void FixtureFileCoversKeystonesPassingTests(string file, int testsRun, int minimumCases)
    {
        var root = Load(file);
        Assert.Equal(testsRun, root["tests_run"]!.GetValue<int>());
        Assert.Empty(root["tests_failed"]!.AsArray());
        Assert.True(root["cases"]!.AsArray().Count >= minimumCases, $"only {root["cases"]!.AsArray().Count} cases recorded in {file}");
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
