using System.Diagnostics;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Tests.Canonicalization;
using ScsFederation.Rdf.Turtle;
using Xunit.Abstractions;

namespace ScsFederation.Rdf.Tests.Turtle;

/// <summary>The real Gaia-X 25.11 SHACL shapes (2.3 MB) as Turtle input.</summary>
public sealed class TurtleShapesFileTests(ITestOutputHelper output)
{
    private static readonly string ShapesPath = RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-25.11-development.shacl.ttl");

    [Fact]
    public void Shapes_file_has_164702_triples()
    {
        string text = File.ReadAllText(ShapesPath);
        var sw = Stopwatch.StartNew();
        var dataset = new TurtleParser().Parse(text);
        output.WriteLine($"parsed {dataset.Count} triples in {sw.ElapsedMilliseconds} ms");
        Assert.Equal(164_702, dataset.Count);
    }

    [Fact]
    public void Shapes_file_content_is_read_as_SHACL()
    {
        var dataset = new TurtleParser().Parse(File.ReadAllText(ShapesPath));
        const string sh = "http://www.w3.org/ns/shacl#";
        var nodeShape = new Iri(sh + "NodeShape");
        int nodeShapes = dataset.Quads.Count(q => q.Predicate.Equals(RdfVocabulary.RdfType) && q.Object.Equals(nodeShape));
        Assert.Equal(166, nodeShapes);
        Assert.Equal(1223, dataset.Quads.Count(q => q.Predicate.Equals(new Iri(sh + "path"))));
        Assert.Equal(207, dataset.Quads.Count(q => q.Predicate.Equals(new Iri(sh + "in"))));
        Assert.All(dataset.Quads, q => Assert.Null(q.Graph));
        // The LegalPerson shape targets gx:LegalPerson.
        var legalPerson = new Iri("https://w3id.org/gaia-x/development#LegalPerson");
        Assert.Contains(dataset.Quads, q => q.Predicate.Equals(new Iri(sh + "targetClass")) && q.Object.Equals(legalPerson));
    }
}
