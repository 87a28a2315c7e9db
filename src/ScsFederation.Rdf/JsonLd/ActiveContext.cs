namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// The active context of JSON-LD processing. Treated as immutable once built: context processing
/// clones, so a processed context can be cached and shared (see <see cref="DerivedContexts"/>).
/// </summary>
internal sealed class ActiveContext
{
    public ActiveContext(string? baseIri, string? originalBaseUrl)
    {
        BaseIri = baseIri;
        OriginalBaseUrl = originalBaseUrl;
        Terms = new Dictionary<string, TermDefinition>(StringComparer.Ordinal);
    }

    private ActiveContext(ActiveContext source)
    {
        BaseIri = source.BaseIri;
        OriginalBaseUrl = source.OriginalBaseUrl;
        Vocab = source.Vocab;
        DefaultLanguage = source.DefaultLanguage;
        DefaultDirection = source.DefaultDirection;
        PreviousContext = source.PreviousContext;
        HasProtectedTerms = source.HasProtectedTerms;
        Terms = new Dictionary<string, TermDefinition>(source.Terms, StringComparer.Ordinal);
    }

    public Dictionary<string, TermDefinition> Terms { get; }

    public string? BaseIri { get; set; }

    public string? OriginalBaseUrl { get; }

    public string? Vocab { get; set; }

    public string? DefaultLanguage { get; set; }

    public string? DefaultDirection { get; set; }

    /// <summary>The context to return to when a non-propagated (type-scoped) context stops applying.</summary>
    public ActiveContext? PreviousContext { get; set; }

    public bool HasProtectedTerms { get; set; }

    /// <summary>Contexts derived from this one by processing a given local context, so repeated contexts are processed once.</summary>
    public Dictionary<DerivedContextKey, ActiveContext>? DerivedContexts { get; set; }

    /// <summary>Memo of vocabulary-relative IRI expansion of keys, the hottest lookup during expansion.</summary>
    public Dictionary<string, string?>? VocabExpansions { get; set; }

    public ActiveContext Clone() => new(this);

    public TermDefinition? GetTerm(string term) => Terms.TryGetValue(term, out var d) ? d : null;
}

/// <summary>Cache key: the local context (by reference for JSON objects, by value for URLs) and the processing flags.</summary>
internal readonly record struct DerivedContextKey(object Local, string? BaseUrl, bool OverrideProtected, bool Propagate);
