using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// Initial (empty) active contexts per document loader, base IRI and processing limits. Every context
/// derived from one is cached on it, so a credential whose @context lists the usual URLs costs a
/// dictionary lookup instead of re-processing hundreds of term definitions. Keyed weakly by the loader:
/// what a URL means is the loader's answer, and a discarded loader takes its cache with it.
/// </summary>
internal static class RootContextCache
{
    private const int MaxRootsPerLoader = 256;

    private static readonly ConditionalWeakTable<IJsonLdDocumentLoader, ConcurrentDictionary<RootKey, ActiveContext>> Roots = new();

    public static ActiveContext Get(IJsonLdDocumentLoader loader, string? baseIri, JsonLdOptions options)
    {
        var key = new RootKey(baseIri, options.ProcessingMode, options.MaxRemoteContextChain, options.MaxJsonDepth);
        var roots = Roots.GetValue(loader, static _ => new ConcurrentDictionary<RootKey, ActiveContext>());
        if (roots.TryGetValue(key, out var root)) return root;
        root = new ActiveContext(baseIri, baseIri);
        if (roots.Count < MaxRootsPerLoader) root = roots.GetOrAdd(key, root);
        return root;
    }

    private readonly record struct RootKey(string? BaseIri, JsonLdProcessingMode Mode, int MaxRemoteContextChain, int MaxJsonDepth);
}
