using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// The active context of JSON-LD processing. Immutable once built (context processing works on a
/// clone), so processed contexts can be cached and shared between calls and threads.
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

    // Caches. Active contexts are shared across calls and threads (root contexts are cached per
    // document loader), so these are concurrent and bounded. Derivations keyed by a JSON object
    // (inline or scoped contexts) are held weakly: they live only as long as that object does, so
    // caching never pins a caller's document in memory.
    private const int MaxCachedUrlDerivations = 256;
    private const int MaxCachedKeyExpansions = 4096;
    private ConcurrentDictionary<DerivedContextKey, ActiveContext>? _urlDerived;
    private ConditionalWeakTable<object, ConcurrentDictionary<DerivedContextKey, ActiveContext>>? _objectDerived;
    private ConcurrentDictionary<string, string?>? _keyExpansions;
    private ConcurrentDictionary<string, string?>? _typeExpansions;

    public bool TryGetDerived(DerivedContextKey key, [NotNullWhen(true)] out ActiveContext? derived)
    {
        derived = null;
        if (key.Local is string)
            return _urlDerived is not null && _urlDerived.TryGetValue(key, out derived);
        return _objectDerived is not null && _objectDerived.TryGetValue(key.Local, out var byFlags) && byFlags.TryGetValue(key, out derived);
    }

    public void AddDerived(DerivedContextKey key, ActiveContext derived)
    {
        if (key.Local is string)
        {
            var cache = LazyInitializer.EnsureInitialized(ref _urlDerived, () => new ConcurrentDictionary<DerivedContextKey, ActiveContext>());
            if (cache.Count < MaxCachedUrlDerivations) cache.TryAdd(key, derived);
            return;
        }
        var table = LazyInitializer.EnsureInitialized(ref _objectDerived, () => new ConditionalWeakTable<object, ConcurrentDictionary<DerivedContextKey, ActiveContext>>());
        table.GetValue(key.Local, static _ => new ConcurrentDictionary<DerivedContextKey, ActiveContext>()).TryAdd(key, derived);
    }

    public bool TryGetKeyExpansion(string key, out string? expanded)
    {
        expanded = null;
        return _keyExpansions is not null && _keyExpansions.TryGetValue(key, out expanded);
    }

    public void AddKeyExpansion(string key, string? expanded)
    {
        var cache = LazyInitializer.EnsureInitialized(ref _keyExpansions, () => new ConcurrentDictionary<string, string?>(StringComparer.Ordinal));
        if (cache.Count < MaxCachedKeyExpansions) cache.TryAdd(key, expanded);
    }

    public bool TryGetTypeExpansion(string value, out string? expanded)
    {
        expanded = null;
        return _typeExpansions is not null && _typeExpansions.TryGetValue(value, out expanded);
    }

    public void AddTypeExpansion(string value, string? expanded)
    {
        var cache = LazyInitializer.EnsureInitialized(ref _typeExpansions, () => new ConcurrentDictionary<string, string?>(StringComparer.Ordinal));
        if (cache.Count < MaxCachedKeyExpansions) cache.TryAdd(value, expanded);
    }

    public ActiveContext Clone() => new(this);

    public TermDefinition? GetTerm(string term) => Terms.TryGetValue(term, out var d) ? d : null;
}
