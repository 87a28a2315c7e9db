using System.Globalization;
using System.Runtime.CompilerServices;
using ScsFederation.Rdf.Json;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.JsonLd;

using JsonList = List<object?>;
using JsonMap = Dictionary<string, object?>;

/// <summary>
/// Deserialize JSON-LD to RDF (JSON-LD 1.1 API section 8.1), walking the expanded document directly
/// instead of building a node map first: the produced dataset is the same set of quads (node-map
/// merging only removes duplicates, which <see cref="RdfDataset"/> drops anyway) without the copies.
/// Quads with ill-formed IRIs or language tags are skipped, as the algorithm requires.
/// </summary>
internal sealed class RdfDeserializer
{
    private const string I18nNamespace = "https://www.w3.org/ns/i18n#";

    private readonly JsonLdOptions _options;
    private readonly RdfDataset _dataset;
    private readonly Dictionary<string, Iri> _iris = new(StringComparer.Ordinal);
    private readonly HashSet<string> _illFormed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BlankNode> _blankNodes = new(StringComparer.Ordinal);
    private int _blankNodeCounter;

    public RdfDeserializer(JsonLdOptions options, int capacity)
    {
        _options = options;
        _dataset = new RdfDataset(capacity);
        foreach (var known in new[] { RdfVocabulary.RdfType, RdfVocabulary.RdfFirst, RdfVocabulary.RdfRest, RdfVocabulary.RdfNil,
                     RdfVocabulary.XsdString, RdfVocabulary.XsdBoolean, RdfVocabulary.XsdInteger, RdfVocabulary.XsdDouble,
                     RdfVocabulary.RdfLangString, RdfVocabulary.RdfJson, RdfVocabulary.RdfValue, RdfVocabulary.RdfLanguage, RdfVocabulary.RdfDirection })
            _iris[known.Value] = known;
    }

    public RdfDataset Deserialize(JsonList expanded, CancellationToken cancellationToken)
    {
        foreach (var item in expanded)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is JsonMap node) ProcessNode(node, null, true);
        }
        return _dataset;
    }

    /// <summary>Emits the node's quads into <paramref name="graph"/>; returns its subject term (null when ill-formed).</summary>
    private RdfTerm? ProcessNode(JsonMap node, RdfTerm? graph, bool graphUsable)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        RdfTerm? subject = node.TryGetValue("@id", out var idValue)
            ? (idValue is string id ? NodeTerm(id) : null)
            : NewBlankNode();

        foreach (var (property, value) in node)
        {
            switch (property)
            {
                case "@id":
                case "@index":
                    continue;
                case "@type":
                    if (subject is null || !graphUsable) continue;
                    foreach (var t in (JsonList)value!)
                    {
                        if (t is string type && NodeTerm(type) is { } typeTerm)
                            _dataset.Add(new Quad(subject, RdfVocabulary.RdfType, typeTerm, graph));
                    }
                    continue;
                case "@reverse":
                    foreach (var (reverseProperty, reverseValues) in (JsonMap)value!)
                    {
                        var predicate = PredicateTerm(reverseProperty);
                        foreach (var item in (JsonList)reverseValues!)
                        {
                            if (item is not JsonMap reverseNode) continue;
                            var reverseSubject = ProcessNode(reverseNode, graph, graphUsable);
                            if (subject is not null && predicate is not null && reverseSubject is not null && graphUsable)
                                _dataset.Add(new Quad(reverseSubject, predicate, subject, graph));
                        }
                    }
                    continue;
                case "@graph":
                    // Nodes of a graph whose name is ill-formed are dropped, like the node map's graph.
                    bool namedUsable = subject is not null;
                    foreach (var item in (JsonList)value!)
                        if (item is JsonMap graphNode) ProcessNode(graphNode, subject, namedUsable);
                    continue;
                case "@included":
                    foreach (var item in (JsonList)value!)
                        if (item is JsonMap includedNode) ProcessNode(includedNode, graph, graphUsable);
                    continue;
            }

            if (property.Length > 0 && property[0] == '@') continue;
            var predicateTerm = PredicateTerm(property);
            bool emit = subject is not null && predicateTerm is not null && graphUsable;
            foreach (var item in (JsonList)value!)
            {
                var obj = ObjectTerm(item, graph, emit, graphUsable);
                if (emit && obj is not null) _dataset.Add(new Quad(subject!, predicateTerm!, obj, graph));
            }
        }
        return subject;
    }

    /// <summary>Object to RDF: node objects are processed (always), lists and compound literals only emit their quads when <paramref name="emit"/>.</summary>
    private RdfTerm? ObjectTerm(object? item, RdfTerm? graph, bool emit, bool graphUsable)
    {
        if (item is not JsonMap map) return null;
        if (map.TryGetValue("@value", out var value)) return emit ? ValueTerm(map, value, graph) : null;
        if (map.TryGetValue("@list", out var list)) return ListTerm((JsonList)list!, graph, emit, graphUsable);
        return ProcessNode(map, graph, graphUsable);
    }

    private RdfTerm? ListTerm(JsonList items, RdfTerm? graph, bool emit, bool graphUsable)
    {
        if (items.Count == 0) return RdfVocabulary.RdfNil;
        if (!emit)
        {
            foreach (var item in items) ObjectTerm(item, graph, false, graphUsable);
            return null;
        }

        RdfTerm head = NewBlankNode();
        var current = head;
        for (int i = 0; i < items.Count; i++)
        {
            var obj = ObjectTerm(items[i], graph, true, graphUsable);
            if (obj is not null) _dataset.Add(new Quad(current, RdfVocabulary.RdfFirst, obj, graph));
            RdfTerm rest = i == items.Count - 1 ? RdfVocabulary.RdfNil : NewBlankNode();
            _dataset.Add(new Quad(current, RdfVocabulary.RdfRest, rest, graph));
            current = rest;
        }
        return head;
    }

    private RdfTerm? ValueTerm(JsonMap valueObject, object? value, RdfTerm? graph)
    {
        string? datatype = valueObject.TryGetValue("@type", out var t) ? t as string : null;
        string? language = valueObject.TryGetValue("@language", out var l) ? l as string : null;
        string? direction = valueObject.TryGetValue("@direction", out var d) ? d as string : null;

        if (datatype is not null && datatype != "@json" && WellFormedIri(datatype) is null) return null;
        if (language is not null && !IsWellFormedLanguage(language)) return null;

        string lexical;
        Iri datatypeIri;
        if (datatype == "@json")
        {
            lexical = JcsSerializer.SerializeTree(value);
            datatypeIri = RdfVocabulary.RdfJson;
        }
        else if (value is bool b)
        {
            lexical = b ? "true" : "false";
            datatypeIri = datatype is null ? RdfVocabulary.XsdBoolean : GetIri(datatype);
        }
        else if (value is double number)
        {
            bool asDouble = number % 1 != 0 || Math.Abs(number) >= 1e21 || datatype == RdfVocabulary.XsdDouble.Value;
            if (asDouble)
            {
                lexical = CanonicalDouble(number);
                datatypeIri = datatype is null ? RdfVocabulary.XsdDouble : GetIri(datatype);
            }
            else
            {
                lexical = number == 0 ? "0" : number.ToString("F0", CultureInfo.InvariantCulture);
                datatypeIri = datatype is null ? RdfVocabulary.XsdInteger : GetIri(datatype);
            }
        }
        else if (value is string s)
        {
            lexical = s;
            datatypeIri = datatype is not null ? GetIri(datatype) : language is not null ? RdfVocabulary.RdfLangString : RdfVocabulary.XsdString;
        }
        else
        {
            return null;
        }

        if (direction is not null && _options.RdfDirection != RdfDirectionMode.None)
        {
            if (_options.RdfDirection == RdfDirectionMode.I18nDatatype)
                return new Literal(lexical, GetIri(I18nNamespace + (language?.ToLowerInvariant() ?? "") + "_" + direction));
            var compound = NewBlankNode();
            _dataset.Add(new Quad(compound, RdfVocabulary.RdfValue, Literal.Plain(lexical), graph));
            if (language is not null) _dataset.Add(new Quad(compound, RdfVocabulary.RdfLanguage, Literal.Plain(language.ToLowerInvariant()), graph));
            _dataset.Add(new Quad(compound, RdfVocabulary.RdfDirection, Literal.Plain(direction), graph));
            return compound;
        }

        return datatypeIri == RdfVocabulary.RdfLangString && language is not null
            ? new Literal(lexical, RdfVocabulary.RdfLangString, language)
            : new Literal(lexical, datatypeIri);
    }

    /// <summary>xsd:double canonical form as JSON-LD defines it: 1.0E0 style, mantissa without trailing zeros.</summary>
    internal static string CanonicalDouble(double value)
    {
        string e = value.ToString("E15", CultureInfo.InvariantCulture);
        int ePos = e.IndexOf('E');
        var mantissa = e.AsSpan(0, ePos).TrimEnd('0');
        int exponent = int.Parse(e.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var result = mantissa[^1] == '.' ? string.Concat(mantissa, "0") : mantissa.ToString();
        return result + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsWellFormedLanguage(string tag)
    {
        // BCP 47 shape: 1–8 letters, then subtags of 1–8 letters/digits.
        int start = 0;
        bool first = true;
        for (int i = 0; i <= tag.Length; i++)
        {
            if (i == tag.Length || tag[i] == '-')
            {
                int len = i - start;
                if (len < 1 || len > 8) return false;
                start = i + 1;
                first = false;
                continue;
            }
            char c = tag[i];
            if (first ? !char.IsAsciiLetter(c) : !char.IsAsciiLetterOrDigit(c)) return false;
        }
        return true;
    }

    private RdfTerm? NodeTerm(string id)
    {
        if (id.StartsWith("_:", StringComparison.Ordinal)) return BlankNodeFor(id);
        return WellFormedIri(id);
    }

    private RdfTerm? PredicateTerm(string property)
    {
        if (property.StartsWith("_:", StringComparison.Ordinal))
            return _options.ProduceGeneralizedRdf ? BlankNodeFor(property) : null;
        return WellFormedIri(property);
    }

    /// <summary>The interned IRI, or null when ill-formed; each distinct string is validated once.</summary>
    private Iri? WellFormedIri(string value)
    {
        if (_iris.TryGetValue(value, out var known)) return known;
        if (_illFormed.Contains(value)) return null;
        if (!IriReference.IsWellFormedAbsolute(value))
        {
            _illFormed.Add(value);
            return null;
        }
        var iri = new Iri(value);
        _iris[value] = iri;
        return iri;
    }

    private Iri GetIri(string value)
    {
        if (!_iris.TryGetValue(value, out var iri))
        {
            iri = new Iri(value);
            _iris[value] = iri;
        }
        return iri;
    }

    private BlankNode BlankNodeFor(string label)
    {
        if (!_blankNodes.TryGetValue(label, out var node))
        {
            node = NewBlankNode();
            _blankNodes[label] = node;
        }
        return node;
    }

    private BlankNode NewBlankNode() => new("b" + (_blankNodeCounter++).ToString(CultureInfo.InvariantCulture));
}
