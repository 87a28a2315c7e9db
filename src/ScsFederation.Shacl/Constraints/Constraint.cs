using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Shapes;
using ScsFederation.Shacl.Validation;

namespace ScsFederation.Shacl.Constraints;

/// <summary>One constraint of a shape: a component with its parameter values, compiled.</summary>
internal abstract class Constraint(string component)
{
    public Iri Component { get; } = Sh.Component(component);

    public abstract string DefaultMessage { get; }

    public abstract void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink);
}

/// <summary>A constraint judged on each value node alone; a failing value gives one result with sh:value.</summary>
internal abstract class ValueConstraint(string component) : Constraint(component)
{
    public abstract bool Accepts(ValidationRun run, RdfTerm value);

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (Accepts(run, values[i])) continue;
            sink.Add(shape, this, focus, values[i]);
            if (sink.Done) return;
        }
    }
}
