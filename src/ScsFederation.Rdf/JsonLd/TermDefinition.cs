namespace ScsFederation.Rdf.JsonLd;

/// <summary>One term definition of an active context (JSON-LD 1.1 API section 4.1). Immutable once stored.</summary>
internal sealed class TermDefinition
{
    /// <summary>IRI, blank node identifier or keyword the term expands to; null for a term defined with <c>"@id": null</c>.</summary>
    public string? IriMapping { get; set; }

    public bool Prefix { get; set; }

    public bool Protected { get; set; }

    public bool Reverse { get; set; }

    /// <summary>Type mapping: an IRI, or <c>@id</c>, <c>@vocab</c>, <c>@json</c>, <c>@none</c>; null when absent.</summary>
    public string? TypeMapping { get; set; }

    public ContainerKinds Container { get; set; }

    /// <summary>True when the definition has a language mapping (which may be null, meaning "no language").</summary>
    public bool HasLanguage { get; set; }

    public string? Language { get; set; }

    public bool HasDirection { get; set; }

    public string? Direction { get; set; }

    public string? Nest { get; set; }

    public string? Index { get; set; }

    public bool HasLocalContext { get; set; }

    /// <summary>The scoped (term-specific) context, kept unprocessed; it is processed where it applies.</summary>
    public object? LocalContext { get; set; }

    public string? BaseUrl { get; set; }

    /// <summary>Same definition apart from the protected flag (protected term redefinition check).</summary>
    public bool SameAs(TermDefinition other) =>
        string.Equals(IriMapping, other.IriMapping, StringComparison.Ordinal)
        && Prefix == other.Prefix
        && Reverse == other.Reverse
        && string.Equals(TypeMapping, other.TypeMapping, StringComparison.Ordinal)
        && Container == other.Container
        && HasLanguage == other.HasLanguage
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && HasDirection == other.HasDirection
        && string.Equals(Direction, other.Direction, StringComparison.Ordinal)
        && string.Equals(Nest, other.Nest, StringComparison.Ordinal)
        && string.Equals(Index, other.Index, StringComparison.Ordinal)
        && HasLocalContext == other.HasLocalContext
        && JsonTree.DeepEquals(LocalContext, other.LocalContext);
}
