using ScsFederation.Rdf.Turtle;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Report;

namespace ScsFederation.Shacl.Tests.Engine;

/// <summary>Small shapes/data written inline as Turtle, for engine tests.</summary>
internal static class Ttl
{
    public const string Prefixes = "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix ex: <http://example.org/> .\n";

    public static Rdf.Model.RdfDataset Parse(string turtle) => new TurtleParser().Parse(Prefixes + turtle);

    public static ValidationReport Validate(string shapes, string data) => ShapesGraph.Load(Parse(shapes)).Validate(new DataGraph(Parse(data)));

    public static string[] Components(ValidationReport r) => [.. r.Results.Select(x => x.SourceConstraintComponent.Value.Replace(Sh.Namespace, "sh:")).Order()];
}
