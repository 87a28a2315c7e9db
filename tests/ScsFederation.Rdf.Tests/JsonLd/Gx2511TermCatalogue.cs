using System.Text.Json.Nodes;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Class and property terms of the cached Gaia-X 25.11 context, by how the context defines them.</summary>
internal sealed record Gx2511TermCatalogue(IReadOnlyList<string> Classes, IReadOnlyList<(string Term, string Kind)> Properties)
{
    public static Gx2511TermCatalogue Load()
    {
        var path = RepositoryRoot.Combine("schemas", "contexts", "gx-25.11-development.context.jsonld");
        var vc2 = JsonNode.Parse(File.ReadAllBytes(RepositoryRoot.Combine("schemas", "contexts", "w3c-credentials-v2.jsonld")))!["@context"]!.AsObject();
        var context = JsonNode.Parse(File.ReadAllBytes(path))!["@context"]!.AsObject();
        var classes = new List<string>();
        var properties = new List<(string, string)>();
        foreach (var (term, definition) in context)
        {
            if (definition is not JsonObject d || term.StartsWith('@') || vc2.ContainsKey(term)) continue;
            if (char.IsUpper(term[0])) classes.Add(term);
            else if (d.ContainsKey("@context")) properties.Add((term, "scoped"));
            else if (d["@type"] is JsonValue t) properties.Add((term, t.GetValue<string>()));
            else properties.Add((term, "plain"));
        }
        return new Gx2511TermCatalogue(classes, properties);
    }
}
