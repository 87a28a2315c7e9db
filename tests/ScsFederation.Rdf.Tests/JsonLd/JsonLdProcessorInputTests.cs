using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>The input forms of the public API (bytes, JsonElement, JsonNode, stream) give the same dataset.</summary>
public sealed class JsonLdProcessorInputTests
{
    private const string Document = """
    {
      "@context": {"ex": "http://example.org/", "ex:list": {"@container": "@list"}, "data": {"@id": "ex:data", "@type": "@json"}},
      "@id": "ex:s",
      "ex:n": [1, 2.5, 1e21, true, {"@value": "Hallo", "@language": "DE"}],
      "ex:list": ["a", {"@id": "ex:o"}],
      "data": {"z": [1.0, "x"], "a": null}
    }
    """;

    [Fact]
    public async Task AllInputForms_GiveTheSameQuads()
    {
        var bytes = Encoding.UTF8.GetBytes(Document);
        var fromBytes = await JsonLdProcessor.ToRdfAsync(bytes);
        using var doc = JsonDocument.Parse(bytes);
        var fromElement = await JsonLdProcessor.ToRdfAsync(doc.RootElement);
        var fromNode = await JsonLdProcessor.ToRdfAsync(JsonNode.Parse(Document)!);
        var fromStream = await JsonLdProcessor.ToRdfAsync(new MemoryStream(bytes));

        var expected = fromBytes.Quads.Select(q => q.ToString()).Order().ToArray();
        Assert.Equal(11, expected.Length); // 5 values of ex:n, list link + 2 first + 2 rest, 1 JSON literal
        foreach (var other in new[] { fromElement, fromNode, fromStream })
        {
            // Blank node labels are issued in document order, so the same input gives the same labels.
            Assert.Equal(expected, other.Quads.Select(q => q.ToString()).Order().ToArray());
        }

        // Literal forms the RDF conversion defines (JSON-LD 1.1 API 8.6): integer, canonical double, boolean, lower-cased language, JCS for @json.
        Assert.Contains(expected, q => q.Contains("\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"));
        Assert.Contains(expected, q => q.Contains("\"2.5E0\"^^<http://www.w3.org/2001/XMLSchema#double>"));
        Assert.Contains(expected, q => q.Contains("\"1.0E21\"^^<http://www.w3.org/2001/XMLSchema#double>"));
        Assert.Contains(expected, q => q.Contains("\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>"));
        Assert.Contains(expected, q => q.Contains("\"Hallo\"@de"));
        Assert.Contains(expected, q => q.Contains("\"{\"a\":null,\"z\":[1,\"x\"]}\"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>"));
    }

    [Fact]
    public async Task ExpandForms_Agree()
    {
        var fromBytes = await JsonLdProcessor.ExpandAsync(Encoding.UTF8.GetBytes(Document));
        var fromNode = await JsonLdProcessor.ExpandAsync(JsonNode.Parse(Document)!);
        Assert.True(JsonNode.DeepEquals(fromBytes, fromNode));
        Assert.Equal("http://example.org/s", fromBytes[0]!["@id"]!.GetValue<string>());
    }

    /// <summary>An expand context supplied by the caller applies before the document's own (here: a document without any @context).</summary>
    [Fact]
    public async Task ExpandContextJson_AppliesBeforeTheDocument()
    {
        var options = new JsonLdOptions { ExpandContextJson = """{"@context": {"@vocab": "https://vocab.example/", "id": "@id"}}""" };
        var dataset = await JsonLdProcessor.ToRdfAsync(Encoding.UTF8.GetBytes("""{"id": "https://s.example/", "name": "x"}"""), options);
        var quad = Assert.Single(dataset.Quads);
        Assert.Equal("https://s.example/", ((ScsFederation.Rdf.Model.Iri)quad.Subject).Value);
        Assert.Equal("https://vocab.example/name", ((ScsFederation.Rdf.Model.Iri)quad.Predicate).Value);
        Assert.Empty((await JsonLdProcessor.ToRdfAsync(Encoding.UTF8.GetBytes("""{"id": "https://s.example/", "name": "x"}"""))).Quads);
    }

    [Fact]
    public async Task StreamOverLimit_IsRefused()
    {
        var e = await Assert.ThrowsAsync<JsonLdException>(() =>
            JsonLdProcessor.ToRdfAsync(new MemoryStream(new byte[5000]), new JsonLdOptions { MaxDocumentBytes = 1000 }));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
    }
}
