using System.Runtime.CompilerServices;

namespace ScsFederation.Rdf.JsonLd;

using JsonMap = Dictionary<string, object?>;

/// <summary>
/// Context processing, term definition creation and IRI expansion (JSON-LD 1.1 API sections 4.1–4.3).
/// One instance per processor call: it holds the call's options, loader and dereferenced contexts.
/// </summary>
internal sealed class ContextProcessor
{
    private static readonly string[] ContextKeywordsNotTerms =
        ["@base", "@direction", "@import", "@language", "@propagate", "@protected", "@version", "@vocab"];

    private readonly JsonLdOptions _options;
    private readonly IJsonLdDocumentLoader _loader;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, RemoteDocument> _dereferenced = new(StringComparer.Ordinal);

    public ContextProcessor(JsonLdOptions options, IJsonLdDocumentLoader loader, CancellationToken cancellationToken)
    {
        _options = options;
        _loader = loader;
        _cancellationToken = cancellationToken;
    }

    public bool IsJsonLd10 => _options.ProcessingMode == JsonLdProcessingMode.JsonLd10;

    /// <summary>Context Processing Algorithm (4.1.2), with results cached on the active context they derive from.</summary>
    public ActiveContext Process(ActiveContext active, object? localContext, string? baseUrl, List<string>? remoteContexts = null,
        bool overrideProtected = false, bool propagate = true, bool validateScopedContext = true)
    {
        bool cacheable = localContext is not null && (remoteContexts is null || remoteContexts.Count == 0) && validateScopedContext;
        if (!cacheable)
            return ProcessUncached(active, localContext, baseUrl, remoteContexts ?? [], overrideProtected, propagate, validateScopedContext);

        var key = new DerivedContextKey(localContext!, baseUrl, overrideProtected, propagate);
        if (active.TryGetDerived(key, out var cached)) return cached;
        var result = ProcessUncached(active, localContext, baseUrl, [], overrideProtected, propagate, validateScopedContext);
        active.AddDerived(key, result);
        return result;
    }

    private ActiveContext ProcessUncached(ActiveContext active, object? localContext, string? baseUrl, List<string> remoteContexts,
        bool overrideProtected, bool propagate, bool validateScopedContext)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        // Scoped contexts nest inside term definitions; deep nesting must end in an error, not a stack overflow.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        // Cloned lazily: a context that is only a list of URLs then reuses the cached per-URL results.
        var result = active;
        bool owned = false;
        ActiveContext Own()
        {
            if (!owned)
            {
                result = result.Clone();
                owned = true;
            }
            return result;
        }

        if (localContext is JsonMap lcMap && lcMap.TryGetValue("@propagate", out var propagateValue))
        {
            if (propagateValue is not bool p)
                throw new JsonLdException(JsonLdErrorCode.InvalidPropagateValue, "@propagate must be true or false");
            propagate = p;
        }

        if (!propagate && result.PreviousContext is null) Own().PreviousContext = active;

        var contexts = localContext as List<object?> ?? [localContext];
        foreach (var item in contexts)
        {
            if (item is null)
            {
                if (!overrideProtected && result.HasProtectedTerms)
                    throw new JsonLdException(JsonLdErrorCode.InvalidContextNullification, "cannot nullify a context with protected terms");
                var previous = result;
                result = new ActiveContext(active.OriginalBaseUrl, active.OriginalBaseUrl);
                owned = true;
                if (!propagate) result.PreviousContext = previous;
                continue;
            }

            if (item is string contextReference)
            {
                // At top level go through Process so the result is cached per (context, URL).
                result = remoteContexts.Count == 0 && validateScopedContext && !ReferenceEquals(item, localContext)
                    ? Process(result, contextReference, baseUrl)
                    : ProcessRemoteContext(result, contextReference, baseUrl, remoteContexts, validateScopedContext);
                owned = false; // possibly a cached, shared instance now
                continue;
            }

            if (item is not JsonMap context)
                throw new JsonLdException(JsonLdErrorCode.InvalidLocalContext, "a context must be an object, a string or null");
            Own();

            if (context.TryGetValue("@version", out var version))
            {
                if (version is not double v || v != 1.1)
                    throw new JsonLdException(JsonLdErrorCode.InvalidVersionValue, "@version must be 1.1");
                if (IsJsonLd10)
                    throw new JsonLdException(JsonLdErrorCode.ProcessingModeConflict, "@version 1.1 in json-ld-1.0 processing mode");
            }

            if (context.TryGetValue("@import", out var importValue))
                context = MergeImport(context, importValue, baseUrl);

            if (context.TryGetValue("@base", out var baseValue) && remoteContexts.Count == 0)
            {
                if (baseValue is null)
                    result.BaseIri = null;
                else if (baseValue is string b && IriReference.IsAbsolute(b))
                    result.BaseIri = b;
                else if (baseValue is string rel && result.BaseIri is not null)
                    result.BaseIri = IriReference.Resolve(result.BaseIri, rel);
                else
                    throw new JsonLdException(JsonLdErrorCode.InvalidBaseIri, $"@base value {Describe(baseValue)} is not an IRI");
            }

            if (context.TryGetValue("@vocab", out var vocabValue))
            {
                if (vocabValue is null)
                {
                    result.Vocab = null;
                }
                else if (vocabValue is string vocab)
                {
                    if (IsJsonLd10 && !IriReference.IsAbsolute(vocab) && !vocab.StartsWith("_:", StringComparison.Ordinal))
                        throw new JsonLdException(JsonLdErrorCode.InvalidVocabMapping, $"@vocab '{vocab}' must be an absolute IRI in json-ld-1.0 mode");
                    var expanded = ExpandIri(result, vocab, documentRelative: true, vocabRelative: true);
                    if (expanded is null || (!IriReference.IsAbsolute(expanded) && !expanded.StartsWith("_:", StringComparison.Ordinal) && IsJsonLd10))
                        throw new JsonLdException(JsonLdErrorCode.InvalidVocabMapping, $"@vocab '{vocab}' is not an IRI or blank node identifier");
                    result.Vocab = expanded;
                }
                else
                {
                    throw new JsonLdException(JsonLdErrorCode.InvalidVocabMapping, "@vocab must be a string or null");
                }
            }

            if (context.TryGetValue("@language", out var languageValue))
            {
                if (languageValue is null) result.DefaultLanguage = null;
                else if (languageValue is string language) result.DefaultLanguage = language.ToLowerInvariant();
                else throw new JsonLdException(JsonLdErrorCode.InvalidDefaultLanguage, "@language must be a string or null");
            }

            if (context.TryGetValue("@direction", out var directionValue))
            {
                if (IsJsonLd10)
                    throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@direction is not allowed in json-ld-1.0 mode");
                if (directionValue is null) result.DefaultDirection = null;
                else if (directionValue is "ltr" or "rtl") result.DefaultDirection = (string)directionValue;
                else throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, $"@direction {Describe(directionValue)} is not \"ltr\" or \"rtl\"");
            }

            if (context.TryGetValue("@propagate", out var propagateEntry))
            {
                if (IsJsonLd10)
                    throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@propagate is not allowed in json-ld-1.0 mode");
                if (propagateEntry is not bool)
                    throw new JsonLdException(JsonLdErrorCode.InvalidPropagateValue, "@propagate must be true or false");
            }

            bool protectedDefault = false;
            if (context.TryGetValue("@protected", out var protectedValue))
            {
                if (protectedValue is not bool pv)
                    throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, "@protected must be true or false");
                protectedDefault = pv;
            }

            var scope = new TermDefinitionScope(context, baseUrl, protectedDefault, overrideProtected, remoteContexts, validateScopedContext);
            foreach (var term in context.Keys)
            {
                if (Array.IndexOf(ContextKeywordsNotTerms, term) >= 0) continue;
                CreateTermDefinition(result, scope, term);
            }
        }

        return result;
    }

    private ActiveContext ProcessRemoteContext(ActiveContext result, string reference, string? baseUrl, List<string> remoteContexts, bool validateScopedContext)
    {
        string url = IriReference.Resolve(baseUrl, reference);
        if (!IriReference.IsAbsolute(url))
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"context reference '{reference}' cannot be resolved to an absolute IRI");

        if (!validateScopedContext && remoteContexts.Contains(url)) return result;
        // A URL already on the recursion path can only recurse forever: stop at once, naming it.
        if (remoteContexts.Contains(url))
            throw new JsonLdException(IsJsonLd10 ? JsonLdErrorCode.RecursiveContextInclusion : JsonLdErrorCode.ContextOverflow,
                $"remote context '{url}' includes itself (directly or through other contexts)");
        if (remoteContexts.Count >= _options.MaxRemoteContextChain)
            throw new JsonLdException(JsonLdErrorCode.ContextOverflow, $"more than {_options.MaxRemoteContextChain} nested remote contexts (at '{url}')");
        remoteContexts.Add(url);

        var document = Dereference(url, JsonLdErrorCode.LoadingRemoteContextFailed);
        if (document.GetParsed(_options.MaxJsonDepth) is not JsonMap top || !top.TryGetValue("@context", out var loaded))
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"'{url}' has no top-level @context");

        // Remote contexts are cached per (active context, URL): the string is the cache key.
        return Process(result, loaded, document.DocumentUrl, new List<string>(remoteContexts), false, true, validateScopedContext);
    }

    private JsonMap MergeImport(JsonMap context, object? importValue, string? baseUrl)
    {
        if (IsJsonLd10)
            throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, "@import is not allowed in json-ld-1.0 mode");
        if (importValue is not string importReference)
            throw new JsonLdException(JsonLdErrorCode.InvalidImportValue, "@import must be a string");
        string url = IriReference.Resolve(baseUrl, importReference);
        var document = Dereference(url, JsonLdErrorCode.LoadingRemoteContextFailed);
        if (document.GetParsed(_options.MaxJsonDepth) is not JsonMap top || !top.TryGetValue("@context", out var imported) || imported is not JsonMap importContext)
            throw new JsonLdException(JsonLdErrorCode.InvalidRemoteContext, $"@import '{url}' has no top-level @context object");
        // An imported context may not import again: this is also what stops @import cycles.
        if (importContext.ContainsKey("@import"))
            throw new JsonLdException(JsonLdErrorCode.InvalidContextEntry, $"@import '{url}' itself contains @import");
        var merged = new JsonMap(importContext);
        foreach (var (k, v) in context)
            if (k != "@import") merged[k] = v;
        return merged;
    }

    public RemoteDocument Dereference(string url, string errorCode)
    {
        if (_dereferenced.TryGetValue(url, out var known)) return known;
        RemoteDocument document;
        try
        {
            var pending = _loader.LoadDocumentAsync(url, _cancellationToken);
            // Expansion is synchronous (it is CPU-bound and deep); the offline loader completes
            // synchronously, and a network loader blocks this call only while it fetches.
            document = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (JsonLdException e) when (e.Code == JsonLdErrorCode.LoadingDocumentFailed)
        {
            throw new JsonLdException(errorCode, $"'{url}': {e.Detail}", e);
        }
        catch (Exception e) when (e is JsonLdDocumentLoadException or IOException or HttpRequestException or UnauthorizedAccessException)
        {
            throw new JsonLdException(errorCode, e.Message, e);
        }

        try
        {
            document.GetParsed(_options.MaxJsonDepth);
        }
        catch (JsonLdException e)
        {
            throw new JsonLdException(errorCode, $"'{url}': {e.Detail}", e);
        }
        _dereferenced[url] = document;
        return document;
    }

    /// <summary>Create Term Definition (4.2.2).</summary>
    private void CreateTermDefinition(ActiveContext active, TermDefinitionScope scope, string term)
    {
        var defined = scope.Defined;
        var localContext = scope.LocalContext;
        var baseUrl = scope.BaseUrl;
        var remoteContexts = scope.RemoteContexts;
        if (defined.TryGetValue(term, out var done))
        {
            if (done) return;
            throw new JsonLdException(JsonLdErrorCode.CyclicIriMapping, $"term '{term}' is defined in terms of itself");
        }

        if (term.Length == 0)
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, "the empty string cannot be a term");
        defined[term] = false;
        var value = localContext[term];

        if (term == "@type")
        {
            if (IsJsonLd10)
                throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, "@type cannot be redefined in json-ld-1.0 mode");
            bool ok = value is JsonMap tm && tm.Count > 0;
            if (ok)
            {
                foreach (var (k, v) in (JsonMap)value!)
                {
                    if (k == "@container" && v is "@set") continue;
                    if (k == "@protected") continue;
                    ok = false;
                }
            }
            if (!ok)
                throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, "@type may only be given @container: @set and @protected");
        }
        else if (JsonLdKeywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrorCode.KeywordRedefinition, $"keyword '{term}' cannot be redefined");
        }
        else if (JsonLdKeywords.HasKeywordForm(term))
        {
            return; // reserved for future keywords: ignored
        }

        active.Terms.Remove(term, out var previousDefinition);

        bool simpleTerm;
        JsonMap definitionMap;
        if (value is null)
        {
            definitionMap = new JsonMap { ["@id"] = null };
            simpleTerm = false;
        }
        else if (value is string s)
        {
            definitionMap = new JsonMap { ["@id"] = s };
            simpleTerm = true;
        }
        else if (value is JsonMap m)
        {
            definitionMap = m;
            simpleTerm = false;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"definition of '{term}' must be a string, an object or null");
        }

        var definition = new TermDefinition();
        if (definitionMap.TryGetValue("@protected", out var prot))
        {
            if (IsJsonLd10)
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@protected in '{term}' is not allowed in json-ld-1.0 mode");
            if (prot is not bool pb)
                throw new JsonLdException(JsonLdErrorCode.InvalidProtectedValue, $"@protected of '{term}' must be true or false");
            definition.Protected = pb;
        }
        else
        {
            definition.Protected = scope.ProtectedDefault;
        }

        if (definitionMap.TryGetValue("@type", out var typeValue))
        {
            if (typeValue is not string type)
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"@type of '{term}' must be a string");
            var expandedType = ExpandIri(active, type, false, true, scope);
            if ((expandedType is "@json" or "@none") && IsJsonLd10)
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"@type {expandedType} of '{term}' needs json-ld-1.1");
            if (expandedType is not ("@id" or "@json" or "@none" or "@vocab") && (expandedType is null || !IriReference.IsAbsolute(expandedType)))
                throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"@type '{type}' of '{term}' is not an IRI, @id, @vocab, @json or @none");
            definition.TypeMapping = expandedType;
        }

        if (definitionMap.TryGetValue("@reverse", out var reverseValue))
        {
            if (definitionMap.ContainsKey("@id") || definitionMap.ContainsKey("@nest"))
                throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, $"reverse term '{term}' cannot have @id or @nest");
            if (reverseValue is not string reverse)
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@reverse of '{term}' must be a string");
            if (JsonLdKeywords.HasKeywordForm(reverse)) return;
            var reverseIri = ExpandIri(active, reverse, false, true, scope);
            if (reverseIri is null || (!IriReference.IsAbsolute(reverseIri) && !reverseIri.StartsWith("_:", StringComparison.Ordinal)))
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@reverse '{reverse}' of '{term}' is not an IRI");
            definition.IriMapping = reverseIri;
            if (definitionMap.TryGetValue("@container", out var rc))
            {
                if (rc is null) definition.Container = ContainerKinds.None;
                else if (rc is "@set") definition.Container = ContainerKinds.Set;
                else if (rc is "@index") definition.Container = ContainerKinds.Index;
                else throw new JsonLdException(JsonLdErrorCode.InvalidReverseProperty, $"reverse term '{term}' container must be @set, @index or null");
            }
            definition.Reverse = true;
            // Property-based index on a reverse term (expand test #t0131) works as for forward terms.
            if (definitionMap.TryGetValue("@index", out var reverseIndex))
                definition.Index = ValidateIndexMapping(active, scope, term, definition, reverseIndex);
            FinishDefinition(active, term, definition, previousDefinition, scope.OverrideProtected, defined);
            return;
        }

        if (definitionMap.TryGetValue("@id", out var idValue) && !(idValue is string idString && idString == term))
        {
            if (idValue is null)
            {
                // Kept only to detect later redefinitions; the term expands to nothing.
            }
            else
            {
                if (idValue is not string id)
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@id of '{term}' must be a string");
                if (!JsonLdKeywords.IsKeyword(id) && JsonLdKeywords.HasKeywordForm(id)) return;
                var iri = ExpandIri(active, id, false, true, scope);
                if (iri is null || (!JsonLdKeywords.IsKeyword(iri) && !IriReference.IsAbsolute(iri) && !iri.StartsWith("_:", StringComparison.Ordinal)))
                    throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"@id '{id}' of '{term}' is not an IRI, blank node identifier or keyword");
                if (iri == "@context")
                    throw new JsonLdException(JsonLdErrorCode.InvalidKeywordAlias, $"'{term}' cannot alias @context");
                definition.IriMapping = iri;

                int colon = term.IndexOf(':', 1);
                bool compactForm = (colon > 0 && colon < term.Length - 1) || term.Contains('/');
                if (compactForm && !IsJsonLd10)
                {
                    defined[term] = true;
                    var termIri = ExpandIri(active, term, false, true, scope);
                    if (!string.Equals(termIri, iri, StringComparison.Ordinal))
                        throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"term '{term}' looks like an IRI but maps to a different IRI '{iri}'");
                }

                if (!term.Contains(':') && !term.Contains('/') && simpleTerm
                    && (iri.StartsWith("_:", StringComparison.Ordinal) || (iri.Length > 0 && IsGenDelim(iri[^1]))))
                    definition.Prefix = true;
            }
        }
        else if (term.IndexOf(':', 1) > 0)
        {
            int colon = term.IndexOf(':', 1);
            string prefix = term[..colon];
            string suffix = term[(colon + 1)..];
            if (localContext.ContainsKey(prefix))
                CreateTermDefinition(active, scope, prefix);
            if (active.Terms.TryGetValue(prefix, out var prefixDefinition) && prefixDefinition.IriMapping is not null)
                definition.IriMapping = prefixDefinition.IriMapping + suffix;
            else
                definition.IriMapping = term;
        }
        else if (term.Contains('/'))
        {
            var iri = ExpandIri(active, term, false, true);
            if (iri is null || !IriReference.IsAbsolute(iri))
                throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"relative term '{term}' does not expand to an IRI");
            definition.IriMapping = iri;
        }
        else if (term == "@type")
        {
            definition.IriMapping = "@type";
        }
        else if (active.Vocab is not null)
        {
            definition.IriMapping = active.Vocab + term;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidIriMapping, $"term '{term}' has no @id and there is no @vocab");
        }

        if (definitionMap.TryGetValue("@container", out var containerValue))
        {
            definition.Container = ParseContainer(term, containerValue);
            if ((definition.Container & ContainerKinds.Type) != 0)
            {
                definition.TypeMapping ??= "@id";
                if (definition.TypeMapping is not ("@id" or "@vocab"))
                    throw new JsonLdException(JsonLdErrorCode.InvalidTypeMapping, $"'{term}' has a type map, so its @type must be @id or @vocab");
            }
        }

        if (definitionMap.TryGetValue("@index", out var indexValue))
            definition.Index = ValidateIndexMapping(active, scope, term, definition, indexValue);

        if (definitionMap.TryGetValue("@context", out var scopedContext))
        {
            if (IsJsonLd10)
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"scoped @context in '{term}' needs json-ld-1.1");
            try
            {
                // Validation only: the scoped context is processed for real where it applies.
                Process(active, scopedContext, baseUrl, new List<string>(remoteContexts), true, true, false);
            }
            catch (JsonLdException e) when (e.Code != JsonLdErrorCode.InvalidScopedContext)
            {
                throw new JsonLdException(JsonLdErrorCode.InvalidScopedContext, $"scoped context of '{term}': {e.Message}", e);
            }
            definition.HasLocalContext = true;
            definition.LocalContext = scopedContext;
            definition.BaseUrl = baseUrl;
        }

        if (definitionMap.TryGetValue("@language", out var languageValue) && !definitionMap.ContainsKey("@type"))
        {
            if (languageValue is not null && languageValue is not string)
                throw new JsonLdException(JsonLdErrorCode.InvalidLanguageMapping, $"@language of '{term}' must be a string or null");
            definition.HasLanguage = true;
            definition.Language = ((string?)languageValue)?.ToLowerInvariant();
        }

        if (definitionMap.TryGetValue("@direction", out var directionValue) && !definitionMap.ContainsKey("@type"))
        {
            if (directionValue is not (null or "ltr" or "rtl"))
                throw new JsonLdException(JsonLdErrorCode.InvalidBaseDirection, $"@direction of '{term}' must be \"ltr\", \"rtl\" or null");
            definition.HasDirection = true;
            definition.Direction = (string?)directionValue;
        }

        if (definitionMap.TryGetValue("@nest", out var nestValue))
        {
            if (IsJsonLd10)
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@nest in '{term}' needs json-ld-1.1");
            if (nestValue is not string nest || (JsonLdKeywords.IsKeyword(nest) && nest != "@nest"))
                throw new JsonLdException(JsonLdErrorCode.InvalidNestValue, $"@nest of '{term}' must be a term or @nest");
            definition.Nest = nest;
        }

        if (definitionMap.TryGetValue("@prefix", out var prefixValue))
        {
            if (IsJsonLd10 || term.Contains(':') || term.Contains('/'))
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@prefix is not allowed on '{term}'");
            if (prefixValue is not bool pf)
                throw new JsonLdException(JsonLdErrorCode.InvalidPrefixValue, $"@prefix of '{term}' must be true or false");
            definition.Prefix = pf;
            if (pf && JsonLdKeywords.IsKeyword(definition.IriMapping))
                throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"keyword alias '{term}' cannot be a prefix");
        }

        foreach (var k in definitionMap.Keys)
        {
            if (k is "@id" or "@reverse" or "@container" or "@context" or "@direction" or "@index" or "@language" or "@nest" or "@prefix" or "@protected" or "@type")
                continue;
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"'{term}' has unknown entry '{k}'");
        }

        FinishDefinition(active, term, definition, previousDefinition, scope.OverrideProtected, defined);
    }

    private string ValidateIndexMapping(ActiveContext active, TermDefinitionScope scope, string term, TermDefinition definition, object? indexValue)
    {
        if (IsJsonLd10 || (definition.Container & ContainerKinds.Index) == 0)
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@index in '{term}' needs json-ld-1.1 and an @index container");
        if (indexValue is not string index || JsonLdKeywords.IsKeyword(index))
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@index of '{term}' must be a property, not {Describe(indexValue)}");
        var indexIri = ExpandIri(active, index, false, true, scope);
        if (indexIri is null || !IriReference.IsAbsolute(indexIri))
            throw new JsonLdException(JsonLdErrorCode.InvalidTermDefinition, $"@index '{index}' of '{term}' does not expand to an IRI");
        return index;
    }

    private static void FinishDefinition(ActiveContext active, string term, TermDefinition definition, TermDefinition? previousDefinition,
        bool overrideProtected, Dictionary<string, bool> defined)
    {
        if (!overrideProtected && previousDefinition is not null && previousDefinition.Protected)
        {
            if (!definition.SameAs(previousDefinition))
                throw new JsonLdException(JsonLdErrorCode.ProtectedTermRedefinition, $"protected term '{term}' cannot be redefined");
            definition = previousDefinition;
        }

        active.Terms[term] = definition;
        if (definition.Protected) active.HasProtectedTerms = true;
        defined[term] = true;
    }

    private ContainerKinds ParseContainer(string term, object? value)
    {
        if (IsJsonLd10 && (value is not string || value is "@graph" or "@id" or "@type"))
            throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"container of '{term}' is not valid in json-ld-1.0 mode");

        ContainerKinds kinds = ContainerKinds.None;
        int count = 0;
        if (value is List<object?> list)
        {
            foreach (var item in list)
            {
                var k = ParseContainerKeyword(term, item);
                if ((kinds & k) != 0)
                    throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"container of '{term}' repeats a keyword");
                kinds |= k;
                count++;
            }
        }
        else
        {
            kinds = ParseContainerKeyword(term, value);
            count = 1;
        }

        if (count > 1)
        {
            bool valid = (kinds & ContainerKinds.List) == 0;
            if ((kinds & ContainerKinds.Graph) != 0)
            {
                var others = kinds & ~(ContainerKinds.Graph | ContainerKinds.Set);
                valid &= others is ContainerKinds.None or ContainerKinds.Id or ContainerKinds.Index;
            }
            else
            {
                valid &= (kinds & ContainerKinds.Set) != 0;
                valid &= count == 2;
            }
            if (!valid)
                throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"container combination of '{term}' is not allowed");
        }
        return kinds;
    }

    private static ContainerKinds ParseContainerKeyword(string term, object? value) => value switch
    {
        "@graph" => ContainerKinds.Graph,
        "@id" => ContainerKinds.Id,
        "@index" => ContainerKinds.Index,
        "@language" => ContainerKinds.Language,
        "@list" => ContainerKinds.List,
        "@set" => ContainerKinds.Set,
        "@type" => ContainerKinds.Type,
        _ => throw new JsonLdException(JsonLdErrorCode.InvalidContainerMapping, $"container of '{term}' has invalid value {Describe(value)}"),
    };

    private static bool IsGenDelim(char c) => c is ':' or '/' or '?' or '#' or '[' or ']' or '@';

    /// <summary>IRI Expansion (4.3.2) without a local context: the form used during expansion.</summary>
    public string? ExpandIri(ActiveContext active, string? value, bool documentRelative, bool vocabRelative) =>
        ExpandIri(active, value, documentRelative, vocabRelative, null);

    /// <summary>Expansion of a <c>@type</c> value (vocabulary- and document-relative), memoized per active context.</summary>
    public string? ExpandTypeValue(ActiveContext active, string value)
    {
        if (active.TryGetTypeExpansion(value, out var known)) return known;
        var expanded = ExpandIri(active, value, true, true, null);
        active.AddTypeExpansion(value, expanded);
        return expanded;
    }

    /// <summary>Vocabulary-relative expansion of a key, memoized per active context.</summary>
    public string? ExpandKey(ActiveContext active, string key)
    {
        if (active.TryGetKeyExpansion(key, out var known)) return known;
        var expanded = ExpandIri(active, key, false, true, null);
        active.AddKeyExpansion(key, expanded);
        return expanded;
    }

    private string? ExpandIri(ActiveContext active, string? value, bool documentRelative, bool vocabRelative, TermDefinitionScope? scope)
    {
        var localContext = scope?.LocalContext;
        var defined = scope?.Defined;
        if (value is null || JsonLdKeywords.IsKeyword(value)) return value;
        if (JsonLdKeywords.HasKeywordForm(value)) return null;

        if (localContext is not null && localContext.ContainsKey(value) && (!defined!.TryGetValue(value, out var d) || !d))
            CreateTermDefinition(active, scope!, value);

        active.Terms.TryGetValue(value, out var definition);
        if (definition is not null && JsonLdKeywords.IsKeyword(definition.IriMapping)) return definition.IriMapping;
        if (vocabRelative && definition is not null) return definition.IriMapping;

        int colon = value.Length > 1 ? value.IndexOf(':', 1) : -1;
        if (colon > 0)
        {
            var prefixSpan = value.AsSpan(0, colon);
            if (prefixSpan is "_" || (value.Length > colon + 2 && value[colon + 1] == '/' && value[colon + 2] == '/')) return value;
            if (localContext is not null)
            {
                string prefix = prefixSpan.ToString();
                if (localContext.ContainsKey(prefix) && (!defined!.TryGetValue(prefix, out var pd) || !pd))
                    CreateTermDefinition(active, scope!, prefix);
            }
            // Span lookup: no substring per IRI on the hot path.
            if (active.Terms.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(prefixSpan, out var prefixDefinition)
                && prefixDefinition.IriMapping is not null && (prefixDefinition.Prefix || IsJsonLd10))
                return string.Concat(prefixDefinition.IriMapping, value.AsSpan(colon + 1));
            if (IriReference.IsAbsolute(value)) return value;
        }

        if (vocabRelative && active.Vocab is not null) return active.Vocab + value;
        if (documentRelative) return IriReference.Resolve(active.BaseIri, value);
        return value;
    }

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        double d => d.ToString(System.Globalization.CultureInfo.InvariantCulture),
        List<object?> => "an array",
        _ => "an object",
    };
}
