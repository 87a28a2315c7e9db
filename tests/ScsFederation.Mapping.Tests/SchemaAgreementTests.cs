using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace ScsFederation.Mapping.Tests;

/// <summary>schemas/mapping.schema.json and the parser accept and reject the same documents.</summary>
public sealed class SchemaAgreementTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(RepositoryRoot.Combine("schemas", "mapping.schema.json"))));

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        var generator = new DifferentialCaseGenerator(7);
        for (var i = 0; i < 150; i++)
        {
            data.Add(generator.Next().Mapping.ToJsonString());
        }

        var fixtures = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("tests", "ScsFederation.Mapping.Tests", "Fixtures", "keystone", "test_utils_cases.json")))!;
        foreach (var c in fixtures["cases"]!.AsArray())
        {
            data.Add(c!["kind"]!.GetValue<string>() == "validate" ? c["mapping"]!.ToJsonString() : new JsonObject { ["rules"] = c["rules"]!.DeepClone() }.ToJsonString());
        }

        data.Add("""{"schema_version":"2.0","rules":[{"remote":[{"type":"U"}],"local":[{"projects":[{"name":"p","roles":[],"domain":{"id":"d"}}]}]}]}""");
        data.Add("""{"rules":[{"remote":[{"type":"U"}],"local":[{"projects":[{"name":"p","roles":[],"domain":{"id":"d"}}]}]}]}""");
        data.Add("""{"rules":[{"remote":[{"type":"U"}],"local":[{"kubernetes":{"cluster":"c","namespaces":[{"name":"n","clusterRole":"view"}]}}]}]}""");
        data.Add("""{"rules":[{"remote":[{"type":"U"}],"local":[{"kubernetes":{"cluster":"c"}}]}]}""");
        data.Add("""{"rules":[{"remote":[{"type":"U","regex":false}],"local":[]}]}""");
        data.Add("""{"rules":[{"remote":[{"type":"U","whitelist":["a"],"regex":false}],"local":[{"group":{"name":"n"}}]}]}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void SchemaAndParserAgree(string json)
    {
        using var document = JsonDocument.Parse(json);
        var schemaValid = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
        string? parserError = null;
        try
        {
            KeystoneMappingRuleSet.Parse(json);
        }
        catch (MappingRuleException e)
        {
            parserError = e.Message;
        }

        Assert.True(schemaValid == (parserError is null), $"schema says {(schemaValid ? "valid" : "invalid")}, parser says {parserError ?? "valid"}: {json}");
    }
}
