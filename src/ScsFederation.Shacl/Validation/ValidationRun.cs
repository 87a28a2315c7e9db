using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Shapes;

namespace ScsFederation.Shacl.Validation;

/// <summary>
/// State of one validation: the data graph, a cache of "does node N conform to shape S" (sh:node, sh:or,
/// sh:class-heavy Gaia-X shapes ask the same question many times), and a guard against recursive shapes.
/// </summary>
internal sealed class ValidationRun(DataGraph data, ValidationOptions options, CancellationToken cancellationToken)
{
    private readonly Dictionary<(RdfTerm, Shape), bool> _conforms = new();
    private readonly HashSet<(RdfTerm, Shape)> _inProgress = new();
    private long _work;

    public DataGraph Data { get; } = data;

    public void Validate(Shape shape, RdfTerm focus, IResultSink sink)
    {
        if (shape.Deactivated) return;
        if (++_work > options.MaxWork)
            throw new ShaclException(ShaclErrorCodes.LimitExceeded, $"validation needed more than {options.MaxWork} shape evaluations");
        if ((_work & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<RdfTerm> values = shape.Path is null ? [focus] : shape.Path.Values(Data.Triples, focus);
        foreach (var constraint in shape.Constraints)
        {
            constraint.Evaluate(this, shape, focus, values, sink);
            if (sink.Done) return;
        }
    }

    /// <summary>
    /// Whether <paramref name="node"/> conforms to <paramref name="shape"/> (no result of any severity).
    /// A shape that (indirectly) asks about the same node again is assumed to conform: SHACL leaves recursion
    /// undefined, and this keeps hostile shapes from looping.
    /// </summary>
    public bool Conforms(RdfTerm node, Shape shape)
    {
        var key = (node, shape);
        if (_conforms.TryGetValue(key, out var known)) return known;
        if (!_inProgress.Add(key)) return true;
        var sink = new ConformanceSink();
        try { Validate(shape, node, sink); }
        finally { _inProgress.Remove(key); }
        _conforms[key] = !sink.Done;
        return !sink.Done;
    }
}

/// <summary>Limits for one validation.</summary>
public sealed class ValidationOptions
{
    public static readonly ValidationOptions Default = new();

    /// <summary>At most this many (focus node, shape) evaluations; more raises <see cref="ShaclErrorCodes.LimitExceeded"/>.</summary>
    public long MaxWork { get; init; } = 10_000_000;
}
