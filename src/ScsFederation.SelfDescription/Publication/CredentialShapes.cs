using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Turtle;
using ScsFederation.Shacl;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Report;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>
/// The shapes a credential set must conform to before the hub signs it, with the class hierarchy <c>sh:class</c>
/// needs (<c>gx:VatID</c> is a <c>gx:RegistrationNumber</c>). Default: the Gaia-X 25.11 shapes shipped in this assembly
/// (schemas/shapes, provenance in its README). Class-hierarchy files are read with <c>https://w3id.org/gaia-x/2511#</c>
/// rewritten to the shapes' <c>https://w3id.org/gaia-x/development#</c>. Loading compiles ~2 MB of Turtle: load once.
/// </summary>
public sealed class CredentialShapes
{
    public const string Gx2511 = "https://w3id.org/gaia-x/2511#";

    private static readonly Lazy<CredentialShapes> DefaultLazy = new(() => FromTexts(
        [Resource("gx-25.11-development.shacl.ttl")], [Resource("gx-2511-class-hierarchy.ttl")], "embedded Gaia-X 25.11"));

    private readonly RdfDataset _classes;

    private CredentialShapes(ShapesGraph shapes, RdfDataset classes, string source)
    {
        Shapes = shapes;
        _classes = classes;
        Source = source;
    }

    public ShapesGraph Shapes { get; }

    /// <summary>Where the shapes came from (for the summary).</summary>
    public string Source { get; }

    public static CredentialShapes Default => DefaultLazy.Value;

    /// <summary>The configured files, or <see cref="Default"/> when none are given.</summary>
    public static CredentialShapes Load(IReadOnlyList<string> shapeFiles, IReadOnlyList<string> classFiles)
    {
        if (shapeFiles.Count == 0 && classFiles.Count == 0) return Default;
        var shapes = shapeFiles.Count == 0 ? [Resource("gx-25.11-development.shacl.ttl")] : shapeFiles.Select(File.ReadAllText).ToList();
        var classes = classFiles.Count == 0 ? [Resource("gx-2511-class-hierarchy.ttl")] : classFiles.Select(File.ReadAllText).ToList();
        return FromTexts(shapes, classes, string.Join(", ", shapeFiles.DefaultIfEmpty("embedded Gaia-X 25.11")));
    }

    private static CredentialShapes FromTexts(IReadOnlyList<string> shapes, IReadOnlyList<string> classes, string source)
    {
        var compiled = ShapesGraph.Load([.. shapes.Select(t => new TurtleParser().Parse(t))]);
        var hierarchy = new RdfDataset();
        foreach (var text in classes)
            foreach (var q in new TurtleParser().Parse(text.Replace(Gx2511, ProviderCredentialBuilder.GxNamespace, StringComparison.Ordinal)).Quads) hierarchy.Add(q);
        return new CredentialShapes(compiled, hierarchy, source);
    }

    /// <summary>Validates a JSON-LD graph (contexts from the offline loader: nothing is fetched).</summary>
    public async Task<ValidationReport> ValidateAsync(JsonObject graph, CancellationToken cancellationToken)
    {
        var data = await JsonLdProcessor.ToRdfAsync(Encoding.UTF8.GetBytes(graph.ToJsonString()), cancellationToken: cancellationToken);
        return Shapes.Validate(new DataGraph(data, _classes), cancellationToken: cancellationToken);
    }

    private static string Resource(string name)
    {
        using var stream = typeof(CredentialShapes).Assembly.GetManifestResourceStream("ScsFederation.SelfDescription.shapes." + name)
                           ?? throw new InvalidOperationException($"{name} is not embedded in ScsFederation.SelfDescription");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
