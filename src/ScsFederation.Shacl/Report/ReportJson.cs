using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Report;

/// <summary>
/// The report as JSON that is also JSON-LD: the short keys are mapped to the SHACL IRIs by the inline
/// context, so a JSON-LD processor reads the same sh:ValidationReport graph the Turtle form writes.
/// Nodes are <c>{"@id": …}</c>, literals <c>{"@value": …, "@type"|"@language": …}</c>.
/// </summary>
internal static class ReportJson
{
    // Relaxed escaping: IRIs in resultPathText keep their angle brackets readable.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ValidationReport report, bool indented) => ToJson(report).ToJsonString(indented ? Indented : Compact);

    public static JsonObject ToJson(ValidationReport report) => new()
    {
        ["@context"] = new JsonObject
        {
            ["sh"] = Sh.Namespace,
            ["conforms"] = "sh:conforms",
            ["results"] = new JsonObject { ["@id"] = "sh:result", ["@container"] = "@set" },
            ["focusNode"] = "sh:focusNode",
            ["resultPath"] = new JsonObject { ["@id"] = "sh:resultPath", ["@type"] = "@id" },
            ["resultPathText"] = "urn:scsfed:shacl:resultPathText",
            ["value"] = "sh:value",
            ["sourceShape"] = new JsonObject { ["@id"] = "sh:sourceShape", ["@type"] = "@id" },
            ["sourceConstraintComponent"] = new JsonObject { ["@id"] = "sh:sourceConstraintComponent", ["@type"] = "@id" },
            ["severity"] = new JsonObject { ["@id"] = "sh:resultSeverity", ["@type"] = "@id" },
            ["message"] = "sh:resultMessage",
        },
        ["@type"] = "sh:ValidationReport",
        ["conforms"] = report.Conforms,
        ["results"] = new JsonArray([.. report.Results.Select(Result)]),
    };

    private static JsonNode Result(ValidationResult r)
    {
        var o = new JsonObject
        {
            ["@type"] = "sh:ValidationResult",
            ["focusNode"] = Term(r.FocusNode),
        };
        if (r.ResultPath is { } path)
        {
            o["resultPath"] = path.ToJsonLd();
            o["resultPathText"] = path.ToString();
        }
        if (r.Value is { } v) o["value"] = Term(v);
        o["sourceShape"] = Id(r.SourceShape);
        o["sourceConstraintComponent"] = r.SourceConstraintComponent.Value;
        o["severity"] = r.Severity.Value;
        o["message"] = new JsonArray([.. r.Messages.Select(Term)]);
        return o;
    }

    private static string Id(RdfTerm t) => t is BlankNode b ? "_:" + b.Label : t.ToString()!;

    public static JsonNode Term(RdfTerm t) => t switch
    {
        Literal l when l.Language is not null => new JsonObject { ["@value"] = l.Lexical, ["@language"] = l.Language },
        Literal l when l.Datatype.Equals(RdfVocabulary.XsdString) => new JsonObject { ["@value"] = l.Lexical },
        Literal l => new JsonObject { ["@value"] = l.Lexical, ["@type"] = l.Datatype.Value },
        _ => new JsonObject { ["@id"] = Id(t) },
    };
}
