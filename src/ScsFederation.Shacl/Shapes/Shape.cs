using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Constraints;
using ScsFederation.Shacl.Paths;

namespace ScsFederation.Shacl.Shapes;

/// <summary>
/// A compiled shape: node shape (no <see cref="Path"/>) or property shape. Immutable once the compiler has
/// filled it, so one <see cref="ShapesGraph"/> serves any number of concurrent validations.
/// </summary>
public sealed class Shape
{
    internal Shape(RdfTerm node) => Node = node;

    public RdfTerm Node { get; }

    public PropertyPath? Path { get; internal set; }

    public bool IsPropertyShape => Path is not null;

    public Iri Severity { get; internal set; } = Sh.Violation;

    public bool Deactivated { get; internal set; }

    /// <summary>sh:message values; they replace the component's default message in results.</summary>
    public IReadOnlyList<Literal> Messages { get; internal set; } = [];

    internal Constraint[] Constraints { get; set; } = [];

    internal ShapeTargets? Targets { get; set; }

    public override string ToString() => Node.ToString() ?? "";
}

/// <summary>The target declarations of a shape (§2.1.3): implicit class, sh:targetClass/Node/SubjectsOf/ObjectsOf.</summary>
internal sealed record ShapeTargets(bool ImplicitClass, IReadOnlyList<RdfTerm> Classes, IReadOnlyList<RdfTerm> Nodes, IReadOnlyList<RdfTerm> SubjectsOf, IReadOnlyList<RdfTerm> ObjectsOf);
