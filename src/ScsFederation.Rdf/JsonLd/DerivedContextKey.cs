namespace ScsFederation.Rdf.JsonLd;

/// <summary>Cache key: the local context (by reference for JSON objects, by value for URLs) and the processing flags.</summary>
internal readonly record struct DerivedContextKey(object Local, string? BaseUrl, bool OverrideProtected, bool Propagate);
