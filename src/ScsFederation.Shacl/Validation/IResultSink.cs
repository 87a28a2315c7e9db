using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Constraints;
using ScsFederation.Shacl.Paths;
using ScsFederation.Shacl.Report;
using ScsFederation.Shacl.Shapes;

namespace ScsFederation.Shacl.Validation;

/// <summary>Where constraints put their results: the report, or a conformance check that stops at the first one.</summary>
internal interface IResultSink
{
    /// <summary>True once further results cannot change the outcome (conformance checks stop early).</summary>
    bool Done { get; }

    void Add(Shape shape, Constraint constraint, RdfTerm focus, RdfTerm? value, PropertyPath? path = null, string? message = null);
}

internal sealed class ConformanceSink : IResultSink
{
    public bool Done { get; private set; }

    public void Add(Shape shape, Constraint constraint, RdfTerm focus, RdfTerm? value, PropertyPath? path, string? message) => Done = true;
}

internal sealed class ReportSink : IResultSink
{
    public List<ValidationResult> Results { get; } = [];

    public bool Done => false;

    public void Add(Shape shape, Constraint constraint, RdfTerm focus, RdfTerm? value, PropertyPath? path, string? message)
    {
        IReadOnlyList<Literal> messages = shape.Messages.Count > 0
            ? shape.Messages
            : [Literal.Plain(message ?? constraint.DefaultMessage)];
        Results.Add(new ValidationResult(focus, path ?? shape.Path, value, shape.Node, constraint.Component, shape.Severity, messages));
    }
}
