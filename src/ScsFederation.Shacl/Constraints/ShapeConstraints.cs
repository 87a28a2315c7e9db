using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Shapes;
using ScsFederation.Shacl.Validation;

namespace ScsFederation.Shacl.Constraints;

/// <summary>sh:property: each value node is validated against the property shape; its results go to the same report.</summary>
internal sealed class PropertyConstraint(Shape property) : Constraint("Property")
{
    public Shape Property { get; } = property;

    public override string DefaultMessage => "";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        foreach (var v in values)
        {
            run.Validate(Property, v, sink);
            if (sink.Done) return;
        }
    }
}

/// <summary>sh:node: each value node conforms to the shape (one result per failing value, nested results not copied).</summary>
internal sealed class NodeConstraint(Shape target) : ValueConstraint("Node")
{
    public override string DefaultMessage => $"Value does not have shape {target.Node}";

    public override bool Accepts(ValidationRun run, RdfTerm value) => run.Conforms(value, target);
}

internal sealed class NotConstraint(Shape target) : ValueConstraint("Not")
{
    public override string DefaultMessage => $"Value does have shape {target.Node}";

    public override bool Accepts(ValidationRun run, RdfTerm value) => !run.Conforms(value, target);
}

/// <summary>sh:and / sh:or / sh:xone over a list of shapes, judged on each value node.</summary>
internal sealed class LogicalConstraint(string component, IReadOnlyList<Shape> members) : ValueConstraint(component)
{
    public override string DefaultMessage => component switch
    {
        "And" => "Value does not conform to every shape of sh:and",
        "Or" => "Value does not conform to any shape of sh:or",
        _ => "Value does not conform to exactly one shape of sh:xone",
    };

    public override bool Accepts(ValidationRun run, RdfTerm value)
    {
        switch (component)
        {
            case "And":
                foreach (var m in members) if (!run.Conforms(value, m)) return false;
                return true;
            case "Or":
                foreach (var m in members) if (run.Conforms(value, m)) return true;
                return false;
            default:
                int n = 0;
                foreach (var m in members) if (run.Conforms(value, m) && ++n > 1) return false;
                return n == 1;
        }
    }
}

/// <summary>
/// sh:qualifiedValueShape with sh:qualifiedMinCount / sh:qualifiedMaxCount; with sh:qualifiedValueShapesDisjoint
/// a value only counts when it conforms to none of the sibling property shapes' qualified shapes.
/// </summary>
internal sealed class QualifiedCountConstraint(Shape qualified, long limit, bool isMin) : Constraint(isMin ? "QualifiedMinCount" : "QualifiedMaxCount")
{
    /// <summary>Filled after all shapes are compiled (siblings may be compiled later).</summary>
    public IReadOnlyList<Shape> Siblings { get; set; } = [];

    public override string DefaultMessage => isMin
        ? $"Less than {limit} values have shape {qualified.Node}"
        : $"More than {limit} values have shape {qualified.Node}";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        long count = 0;
        foreach (var v in values)
        {
            if (!run.Conforms(v, qualified)) continue;
            bool sibling = false;
            foreach (var s in Siblings) if (run.Conforms(v, s)) { sibling = true; break; }
            if (!sibling) count++;
        }
        if (isMin ? count < limit : count > limit) sink.Add(shape, this, focus, null);
    }
}

/// <summary>sh:closed true: every predicate of a value node is a sh:path IRI of the shape's property shapes or ignored; one result per other triple.</summary>
internal sealed class ClosedConstraint(IReadOnlySet<RdfTerm> allowed) : Constraint("Closed")
{
    public override string DefaultMessage => "Predicate is not allowed (closed shape)";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        foreach (var v in values)
        {
            foreach (var (p, o) in run.Data.Triples.Out(v))
            {
                if (allowed.Contains(p)) continue;
                sink.Add(shape, this, focus, o, p is Iri iri ? new Paths.PredicatePath(iri) : null);
                if (sink.Done) return;
            }
        }
    }
}
