namespace ScsFederation.Rdf.Model;

/// <summary>The three kinds of RDF term. A switch on <see cref="RdfTerm.Kind"/> is cheaper than type tests on hot paths.</summary>
public enum RdfTermKind : byte
{
    Iri,
    BlankNode,
    Literal,
}

/// <summary>An RDF term: IRI, blank node or literal. Terms are immutable and compare by value.</summary>
public abstract class RdfTerm : IEquatable<RdfTerm>
{
    private protected RdfTerm() { }

    public abstract RdfTermKind Kind { get; }

    public abstract bool Equals(RdfTerm? other);

    public sealed override bool Equals(object? obj) => obj is RdfTerm t && Equals(t);

    public abstract override int GetHashCode();

    public static bool operator ==(RdfTerm? a, RdfTerm? b) => ReferenceEquals(a, b) || (a is not null && a.Equals(b));

    public static bool operator !=(RdfTerm? a, RdfTerm? b) => !(a == b);
}

/// <summary>An absolute IRI. Common vocabulary IRIs are shared instances (see <see cref="RdfVocabulary"/>).</summary>
public sealed class Iri : RdfTerm
{
    public Iri(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    public string Value { get; }

    public override RdfTermKind Kind => RdfTermKind.Iri;

    public override bool Equals(RdfTerm? other) =>
        ReferenceEquals(this, other) || (other is Iri i && string.Equals(Value, i.Value, StringComparison.Ordinal));

    // Cached: terms are immutable and hashed on every dataset insert / dictionary lookup (hot in parsers
    // and canonicalization). A benign race only computes the same value twice.
    private int _hash;

    public override int GetHashCode()
    {
        int h = _hash;
        if (h == 0) _hash = h = Value.GetHashCode() | 1;
        return h;
    }

    public override string ToString() => Value;
}

/// <summary>A blank node; <see cref="Label"/> is the label without the <c>_:</c> prefix.</summary>
public sealed class BlankNode : RdfTerm
{
    public BlankNode(string label) => Label = label ?? throw new ArgumentNullException(nameof(label));

    public string Label { get; }

    public override RdfTermKind Kind => RdfTermKind.BlankNode;

    public override bool Equals(RdfTerm? other) =>
        ReferenceEquals(this, other) || (other is BlankNode b && string.Equals(Label, b.Label, StringComparison.Ordinal));

    private int _hash;

    public override int GetHashCode()
    {
        int h = _hash;
        if (h == 0) _hash = h = HashCode.Combine(1, Label) | 1;
        return h;
    }

    public override string ToString() => "_:" + Label;
}

/// <summary>
/// A literal. <see cref="Language"/> is set only for rdf:langString (and i18n direction literals when
/// rdfDirection=i18n-datatype is not used); <see cref="Direction"/> is the base direction ("ltr"/"rtl") or null.
/// </summary>
public sealed class Literal : RdfTerm
{
    public Literal(string lexical, Iri datatype, string? language = null, string? direction = null)
    {
        Lexical = lexical ?? throw new ArgumentNullException(nameof(lexical));
        Datatype = datatype ?? throw new ArgumentNullException(nameof(datatype));
        Language = language;
        Direction = direction;
    }

    public static Literal Plain(string lexical) => new(lexical, RdfVocabulary.XsdString);

    public static Literal LanguageTagged(string lexical, string language) => new(lexical, RdfVocabulary.RdfLangString, language);

    public string Lexical { get; }

    public Iri Datatype { get; }

    public string? Language { get; }

    public string? Direction { get; }

    public override RdfTermKind Kind => RdfTermKind.Literal;

    public override bool Equals(RdfTerm? other) =>
        ReferenceEquals(this, other) ||
        (other is Literal l
         && string.Equals(Lexical, l.Lexical, StringComparison.Ordinal)
         && Datatype.Equals(l.Datatype)
         && string.Equals(Language, l.Language, StringComparison.Ordinal)
         && string.Equals(Direction, l.Direction, StringComparison.Ordinal));

    private int _hash;

    public override int GetHashCode()
    {
        int h = _hash;
        if (h == 0) _hash = h = HashCode.Combine(Lexical, Datatype.Value, Language, Direction) | 1;
        return h;
    }

    public override string ToString() => Language is null ? $"\"{Lexical}\"^^<{Datatype.Value}>" : $"\"{Lexical}\"@{Language}";
}
