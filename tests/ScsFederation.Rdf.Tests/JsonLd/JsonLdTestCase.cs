using System.Text.Json;
using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>One entry of a W3C JSON-LD manifest (toRdf or expand).</summary>
internal sealed record JsonLdTestCase(
    string Suite,
    string Id,
    string Name,
    bool IsNegative,
    bool IsSyntaxOnly,
    string Input,
    string? Expect,
    string? ExpectErrorCode,
    string? SpecVersion,
    string? ProcessingMode,
    string? Base,
    string? ExpandContext,
    string? RdfDirection,
    bool ProduceGeneralizedRdf)
{
    public string InputUrl => TestSuiteDocumentLoader.SuiteBase + Input;

    public JsonLdOptions CreateOptions(IJsonLdDocumentLoader loader)
    {
        var options = new JsonLdOptions
        {
            Base = Base ?? InputUrl,
            DocumentLoader = loader,
            ProduceGeneralizedRdf = ProduceGeneralizedRdf,
            // json-ld-1.0-only tests describe 1.0 behaviour: run them in 1.0 mode.
            ProcessingMode = ProcessingMode == "json-ld-1.0" || SpecVersion == "json-ld-1.0" ? JsonLdProcessingMode.JsonLd10 : JsonLdProcessingMode.JsonLd11,
            RdfDirection = RdfDirection switch
            {
                "i18n-datatype" => RdfDirectionMode.I18nDatatype,
                "compound-literal" => RdfDirectionMode.CompoundLiteral,
                _ => RdfDirectionMode.None,
            },
        };
        if (ExpandContext is not null) options.ExpandContextUrl = TestSuiteDocumentLoader.SuiteBase + ExpandContext;
        return options;
    }

    /// <summary>Reads every entry of <paramref name="manifestFile"/> inside the vendored <paramref name="suiteFolder"/>.</summary>
    public static IReadOnlyList<JsonLdTestCase> ReadManifest(string suite, string suiteFolder, string manifestFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(suiteFolder, manifestFile)));
        var cases = new List<JsonLdTestCase>();
        foreach (var t in doc.RootElement.GetProperty("sequence").EnumerateArray())
        {
            var types = t.GetProperty("@type").EnumerateArray().Select(x => x.GetString()!).ToArray();
            JsonElement option = t.TryGetProperty("option", out var o) ? o : default;
            string? Opt(string name) => option.ValueKind == JsonValueKind.Object && option.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            bool OptBool(string name) => option.ValueKind == JsonValueKind.Object && option.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
            cases.Add(new JsonLdTestCase(
                suite,
                t.GetProperty("@id").GetString()!,
                t.GetProperty("name").GetString()!,
                types.Contains("jld:NegativeEvaluationTest"),
                types.Contains("jld:PositiveSyntaxTest"),
                t.GetProperty("input").GetString()!,
                t.TryGetProperty("expect", out var e) ? e.GetString() : null,
                t.TryGetProperty("expectErrorCode", out var ec) ? ec.GetString() : null,
                Opt("specVersion"),
                Opt("processingMode"),
                Opt("base"),
                Opt("expandContext"),
                Opt("rdfDirection"),
                OptBool("produceGeneralizedRdf")));
        }
        return cases;
    }
}
