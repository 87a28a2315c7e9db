using Xunit.Abstractions;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// The engine against Keystone's own RuleProcessor (Debian 12's python3-keystone), on 500
/// seeded random rule sets and assertions: identical outcome and identical result.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int CaseCount = 500;
    private const int Seed = 4242;

    private static readonly Lazy<(List<(JsonObject Mapping, JsonObject Assertion)> Cases, Dictionary<string, JsonObject> Keystone)> Batch = new(() =>
    {
        var generator = new DifferentialCaseGenerator(Seed);
        var cases = new List<(JsonObject, JsonObject)>();
        var requests = new List<JsonObject>();
        for (var i = 0; i < CaseCount; i++)
        {
            var (mapping, assertion) = generator.Next();
            cases.Add((mapping, assertion));
            requests.Add(new JsonObject
            {
                ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["op"] = "process",
                ["mapping"] = mapping.DeepClone(),
                ["assertion"] = assertion.DeepClone(),
            });
        }

        return (cases, KeystoneDriver.Run(requests));
    });

    public static TheoryData<int> CaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < CaseCount; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndexes))]
    public void SameOutcomeAsKeystone(int index)
    {
        var (cases, keystone) = Batch.Value;
        var (mapping, assertion) = cases[index];
        var expected = keystone[index.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var (outcome, result, message) = OutcomeJson.Evaluate(mapping, OutcomeJson.KeystoneAssertion(assertion));
        var context = $"case {index}\nmapping:   {mapping.ToJsonString()}\nassertion: {assertion.ToJsonString()}";

        Assert.True(
            expected["outcome"]!.GetValue<string>() == outcome,
            $"Keystone: {expected["outcome"]} ({expected["message"]}), engine: {outcome} ({message})\n{context}");
        if (outcome == "mapped")
        {
            var orderDefined = !OutcomeJson.HasSetOrderedLists(mapping);
            var want = OutcomeJson.Normalize(expected["result"]!, orderDefined);
            var got = OutcomeJson.Normalize(result!, orderDefined);
            Assert.True(JsonNode.DeepEquals(want, got), $"Keystone: {want.ToJsonString()}\nengine:   {got.ToJsonString()}\n{context}");
        }
    }

    [Fact]
    public void GeneratedCasesCoverEveryOutcomeAndCondition()
    {
        var (cases, keystone) = Batch.Value;
        var outcomes = keystone.Values.GroupBy(r => r["outcome"]!.GetValue<string>()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var needed in new[] { "mapped", "no_match", "direct_mapping_error", "validation_error", "schema_error" })
        {
            Assert.True(outcomes.GetValueOrDefault(needed) > 0, $"no generated case has outcome {needed}: {string.Join(", ", outcomes)}");
        }

        output.WriteLine($"Keystone outcomes over {cases.Count} cases: {string.Join(", ", outcomes.OrderBy(o => o.Key))}");
        Assert.True(outcomes.GetValueOrDefault("mapped") >= 100, $"too few mapped cases: {string.Join(", ", outcomes)}");
        Assert.False(outcomes.ContainsKey("crash"), "Keystone crashed on a generated case");
        var text = string.Join('\n', cases.Select(c => c.Mapping.ToJsonString()));
        foreach (var key in new[] { "any_one_of", "not_any_of", "whitelist", "blacklist", "\"regex\":true", "\"group_ids\"", "\"groups\"", "\"projects\"", "\"local\"", "{0}", "{1}" })
        {
            Assert.Contains(key, text);
        }

        Assert.Contains(cases, c => c.Assertion.Any(a => a.Value!.GetValue<string>().Contains(';')));
        Assert.Contains(cases, c => c.Mapping["rules"]!.AsArray().Count > 1);
    }
}
