using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// The engine's outcome in the vocabulary of the Keystone driver (mapped / no_match /
/// direct_mapping_error / validation_error / schema_error), for comparison with Keystone.
/// </summary>
internal static class OutcomeJson
{
    public static (string Outcome, JsonNode? Result, string? Message) Evaluate(JsonNode mapping, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        KeystoneMappingRuleSet ruleSet;
        try
        {
            ruleSet = KeystoneMappingRuleSet.Parse(mapping.ToJsonString());
        }
        catch (MappingRuleException e)
        {
            return ("schema_error", null, e.Message);
        }

        try
        {
            var outcome = MappingEngine.Evaluate(ruleSet, assertion);
            if (outcome.Result is null)
            {
                return ("no_match", null, null);
            }

            var json = JsonNode.Parse(MappingResultJson.ToJson(outcome.Result))!.AsObject();
            json.Remove("kubernetes"); // Keystone's output has no extension
            return ("mapped", json, null);
        }
        catch (MappingEvaluationException e) when (e.Kind == MappingErrorKind.DirectMapping)
        {
            return ("direct_mapping_error", null, e.Message);
        }
        catch (MappingEvaluationException e) when (e.Kind == MappingErrorKind.InvalidLocalValue)
        {
            return ("validation_error", null, e.Message);
        }
    }

    /// <summary>Keystone's string-valued attributes, split on ';' (non-strings are ignored, as Keystone does).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KeystoneAssertion(JsonObject assertion)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in assertion)
        {
            if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                pairs.Add(new(key, v.GetValue<string>()));
            }
        }

        return AssertionAttributes.FromEnvironment(pairs);
    }

    /// <summary>
    /// group_ids are a set in Keystone (compared sorted). When a rule uses a plain whitelist or a
    /// blacklist, Keystone's value order is Python set order (hash-randomised), so group_names are
    /// then compared as a multiset.
    /// </summary>
    public static JsonNode Normalize(JsonNode result, bool orderDefined)
    {
        var copy = result.DeepClone().AsObject();
        var ids = copy["group_ids"]!.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        copy["group_ids"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
        if (!orderDefined)
        {
            var names = copy["group_names"]!.AsArray().Select(n => n!.ToJsonString()).Order(StringComparer.Ordinal).ToList();
            copy["group_names"] = new JsonArray(names.Select(n => JsonNode.Parse(n)).ToArray());
        }

        return copy;
    }

    public static bool HasSetOrderedLists(JsonNode mapping)
    {
        foreach (var rule in mapping["rules"]!.AsArray())
        {
            foreach (var remote in rule!["remote"]!.AsArray())
            {
                var regex = remote!["regex"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
                if (remote["blacklist"] is not null || (remote["whitelist"] is not null && !regex))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
