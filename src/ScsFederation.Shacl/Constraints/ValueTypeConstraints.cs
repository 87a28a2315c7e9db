using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Literals;
using ScsFederation.Shacl.Validation;

namespace ScsFederation.Shacl.Constraints;

/// <summary>sh:class: the value is a SHACL instance of the class, through rdfs:subClassOf in the data graph.</summary>
internal sealed class ClassConstraint(RdfTerm cls) : ValueConstraint("Class")
{
    public override string DefaultMessage => $"Value is not an instance of {cls}";

    public override bool Accepts(ValidationRun run, RdfTerm value) => value.Kind != RdfTermKind.Literal && run.Data.IsInstanceOf(value, cls);
}

/// <summary>sh:datatype: a literal with exactly this datatype and a well-formed lexical form (an ill-formed xsd:integer fails).</summary>
internal sealed class DatatypeConstraint(Iri datatype) : ValueConstraint("Datatype")
{
    public override string DefaultMessage => $"Value does not have datatype {datatype.Value}";

    public override bool Accepts(ValidationRun run, RdfTerm value) =>
        value is Literal l && l.Datatype.Equals(datatype) && XsdLexical.IsWellFormed(l);
}

internal sealed class NodeKindConstraint(Iri kind) : ValueConstraint("NodeKind")
{
    private readonly bool _blank = kind.Equals(Sh.BlankNode) || kind.Equals(Sh.BlankNodeOrIRI) || kind.Equals(Sh.BlankNodeOrLiteral);
    private readonly bool _iri = kind.Equals(Sh.IRI) || kind.Equals(Sh.BlankNodeOrIRI) || kind.Equals(Sh.IRIOrLiteral);
    private readonly bool _literal = kind.Equals(Sh.Literal) || kind.Equals(Sh.BlankNodeOrLiteral) || kind.Equals(Sh.IRIOrLiteral);

    public override string DefaultMessage => $"Value does not have node kind {kind.Value}";

    public override bool Accepts(ValidationRun run, RdfTerm value) => value.Kind switch
    {
        RdfTermKind.BlankNode => _blank,
        RdfTermKind.Iri => _iri,
        _ => _literal,
    };
}

internal sealed class InConstraint(IReadOnlyList<RdfTerm> members) : ValueConstraint("In")
{
    private readonly HashSet<RdfTerm> _members = [.. members];

    public override string DefaultMessage => $"Value is not one of the {_members.Count} allowed values";

    public override bool Accepts(ValidationRun run, RdfTerm value) => _members.Contains(value);
}

/// <summary>sh:minInclusive … sh:maxExclusive; values that cannot be compared with the bound fail (SHACL §4.3).</summary>
internal sealed class RangeConstraint(string component, Literal bound, Func<int, bool> ok, string relation) : ValueConstraint(component)
{
    public override string DefaultMessage => $"Value is not {relation} {bound.Lexical}";

    public override bool Accepts(ValidationRun run, RdfTerm value) =>
        value is Literal l && LiteralComparer.Compare(l, bound) is { } c && ok(c);
}

internal sealed class LengthConstraint(string component, long limit, bool isMin) : ValueConstraint(component)
{
    public override string DefaultMessage => isMin ? $"Value has less than {limit} characters" : $"Value has more than {limit} characters";

    // Length in characters (code points), as XPath fn:string-length; blank nodes have no string form and fail.
    public override bool Accepts(ValidationRun run, RdfTerm value)
    {
        string? text = value switch { Literal l => l.Lexical, Iri i => i.Value, _ => null };
        if (text is null) return false;
        long length = CodePoints(text);
        return isMin ? length >= limit : length <= limit;
    }

    private static long CodePoints(string s)
    {
        long n = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            n++;
        }
        return n;
    }
}

internal sealed class PatternConstraint(XPathRegex regex) : ValueConstraint("Pattern")
{
    public override string DefaultMessage => $"Value does not match pattern \"{regex.Pattern}\"";

    public override bool Accepts(ValidationRun run, RdfTerm value) => value switch
    {
        Literal l => regex.IsMatch(l.Lexical),
        Iri i => regex.IsMatch(i.Value),
        _ => false,
    };
}

/// <summary>sh:languageIn with SPARQL langMatches (basic filtering, RFC 4647): "en" matches "en-GB", not "eng".</summary>
internal sealed class LanguageInConstraint(IReadOnlyList<string> ranges) : ValueConstraint("LanguageIn")
{
    public override string DefaultMessage => $"Language does not match any of {string.Join(", ", ranges)}";

    public override bool Accepts(ValidationRun run, RdfTerm value)
    {
        if (value is not Literal { Language: { Length: > 0 } tag }) return false;
        foreach (var range in ranges)
        {
            if (range == "*") return true;
            if (tag.Equals(range, StringComparison.OrdinalIgnoreCase)) return true;
            if (tag.Length > range.Length && tag[range.Length] == '-' && tag.StartsWith(range, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
