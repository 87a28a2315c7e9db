using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Report;
using ScsFederation.Shacl.Shapes;
using ScsFederation.Shacl.Validation;

namespace ScsFederation.Shacl;

/// <summary>
/// A compiled shapes graph. Load it once (the 25.11 Gaia-X shapes take a while to parse and compile) and
/// validate any number of data graphs with it, from any number of threads: nothing here changes after
/// <see cref="Load(RdfDataset[])"/>; each validation keeps its own state.
/// </summary>
public sealed class ShapesGraph
{
    private readonly IReadOnlyList<Shape> _targeted;

    private ShapesGraph(IReadOnlyList<Shape> targeted, int shapeCount)
    {
        _targeted = targeted;
        ShapeCount = shapeCount;
    }

    /// <summary>Compiles the union of the given graphs as one shapes graph.</summary>
    /// <exception cref="ShapesGraphException">The shapes are not well-formed (see <see cref="ShaclErrorCodes"/>).</exception>
    public static ShapesGraph Load(params RdfDataset[] shapes)
    {
        var (targeted, count) = ShapesCompiler.Compile(new TripleIndex(shapes.Select(s => (IEnumerable<Quad>)s.Quads)));
        return new ShapesGraph(targeted, count);
    }

    /// <summary>Shapes compiled (node and property shapes, targeted or referenced).</summary>
    public int ShapeCount { get; }

    /// <summary>Shapes that have targets (explicit or implicit class targets).</summary>
    public IReadOnlyList<Shape> TargetedShapes => _targeted;

    public ValidationReport Validate(RdfDataset data, CancellationToken cancellationToken = default) =>
        Validate(new DataGraph(data), null, cancellationToken);

    /// <exception cref="ShaclException"><see cref="ShaclErrorCodes.LimitExceeded"/> when the work limit is reached.</exception>
    public ValidationReport Validate(DataGraph data, ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var run = new ValidationRun(data, options ?? ValidationOptions.Default, cancellationToken);
        var sink = new ReportSink();
        foreach (var shape in _targeted)
        {
            if (shape.Deactivated) continue;
            foreach (var focus in FocusNodes(shape, data)) run.Validate(shape, focus, sink);
        }
        return new ValidationReport(sink.Results);
    }

    // §2.1.3: the union of all targets, each focus node once.
    private static List<RdfTerm> FocusNodes(Shape shape, DataGraph data)
    {
        var t = shape.Targets!;
        var seen = new HashSet<RdfTerm>();
        var result = new List<RdfTerm>();
        void Add(RdfTerm n) { if (seen.Add(n)) result.Add(n); }
        if (t.ImplicitClass) foreach (var n in data.InstancesOf(shape.Node)) Add(n);
        foreach (var c in t.Classes) foreach (var n in data.InstancesOf(c)) Add(n);
        foreach (var n in t.Nodes) Add(n);
        foreach (var p in t.SubjectsOf) foreach (var (s, _) in data.Triples.WithPredicate(p)) Add(s);
        foreach (var p in t.ObjectsOf) foreach (var (_, o) in data.Triples.WithPredicate(p)) Add(o);
        return result;
    }
}
