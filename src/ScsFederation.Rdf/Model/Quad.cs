namespace ScsFederation.Rdf.Model;

/// <summary>
/// One RDF quad. <see cref="Graph"/> is null for the default graph. Predicates are IRIs except in
/// generalized RDF, which the JSON-LD processor may produce when asked to.
/// </summary>
public sealed class Quad : IEquatable<Quad>
{
    public Quad(RdfTerm subject, RdfTerm predicate, RdfTerm @object, RdfTerm? graph = null)
    {
        Subject = subject ?? throw new ArgumentNullException(nameof(subject));
        Predicate = predicate ?? throw new ArgumentNullException(nameof(predicate));
        Object = @object ?? throw new ArgumentNullException(nameof(@object));
        Graph = graph;
    }

    public RdfTerm Subject { get; }

    public RdfTerm Predicate { get; }

    public RdfTerm Object { get; }

    public RdfTerm? Graph { get; }

    public bool Equals(Quad? other) =>
        other is not null && Subject.Equals(other.Subject) && Predicate.Equals(other.Predicate)
        && Object.Equals(other.Object) && (Graph is null ? other.Graph is null : Graph.Equals(other.Graph));

    public override bool Equals(object? obj) => obj is Quad q && Equals(q);

    private int _hash;

    public override int GetHashCode()
    {
        int h = _hash;
        if (h == 0) _hash = h = HashCode.Combine(Subject, Predicate, Object, Graph) | 1;
        return h;
    }

    public override string ToString() => $"{Subject} {Predicate} {Object} {Graph}";
}
