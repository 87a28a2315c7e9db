namespace ScsFederation.Rdf.Model;

/// <summary>
/// Reuses one instance per distinct IRI and blank-node label while a document is parsed.
/// Shared instances make later equality checks mostly reference comparisons and cut allocations
/// (a 165k-triple shapes file uses only a few thousand distinct IRIs). Lookups take spans so a
/// repeated IRI costs no string allocation. Not thread-safe: one per parse.
/// </summary>
public sealed class RdfTermInterner
{
    private readonly Dictionary<string, Iri> _iris;
    private readonly Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> _iriLookup;
    private readonly Dictionary<string, BlankNode> _blankNodes;
    private readonly Dictionary<string, BlankNode>.AlternateLookup<ReadOnlySpan<char>> _blankLookup;

    public RdfTermInterner()
        : this(0)
    {
    }

    /// <param name="capacity">Expected number of distinct IRIs (and blank nodes); presizing avoids rehashing while parsing.</param>
    public RdfTermInterner(int capacity)
    {
        _iris = new Dictionary<string, Iri>(Math.Max(16, capacity), StringComparer.Ordinal);
        _blankNodes = new Dictionary<string, BlankNode>(Math.Max(4, capacity / 2), StringComparer.Ordinal);
        _iriLookup = _iris.GetAlternateLookup<ReadOnlySpan<char>>();
        _blankLookup = _blankNodes.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var iri in new[]
                 {
                     RdfVocabulary.RdfType, RdfVocabulary.RdfFirst, RdfVocabulary.RdfRest, RdfVocabulary.RdfNil,
                     RdfVocabulary.RdfValue, RdfVocabulary.RdfDirection, RdfVocabulary.RdfLanguage,
                     RdfVocabulary.RdfLangString, RdfVocabulary.RdfJson, RdfVocabulary.XsdString,
                     RdfVocabulary.XsdBoolean, RdfVocabulary.XsdInteger, RdfVocabulary.XsdDouble,
                 })
        {
            _iris[iri.Value] = iri;
        }
    }

    public Iri Iri(ReadOnlySpan<char> value)
    {
        if (_iriLookup.TryGetValue(value, out var iri)) return iri;
        iri = new Iri(value.ToString());
        _iris[iri.Value] = iri;
        return iri;
    }

    public Iri Iri(string value)
    {
        if (_iris.TryGetValue(value, out var iri)) return iri;
        iri = new Iri(value);
        _iris[value] = iri;
        return iri;
    }

    public BlankNode BlankNode(ReadOnlySpan<char> label)
    {
        if (_blankLookup.TryGetValue(label, out var node)) return node;
        node = new BlankNode(label.ToString());
        _blankNodes[node.Label] = node;
        return node;
    }
}
