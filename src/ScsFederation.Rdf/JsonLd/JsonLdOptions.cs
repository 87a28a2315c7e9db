namespace ScsFederation.Rdf.JsonLd;

/// <summary>Options of the JSON-LD processor (a subset of the JSON-LD 1.1 API <c>JsonLdOptions</c> plus safety limits).</summary>
public sealed class JsonLdOptions
{
    /// <summary>Base IRI of the document; when null the document URL (if loaded from one) is used.</summary>
    public string? Base { get; set; }

    /// <summary>A context applied before the document's own; a URL (loaded through <see cref="DocumentLoader"/>) or a JSON context.</summary>
    public string? ExpandContextUrl { get; set; }

    /// <summary>An inline context (JSON text) applied before the document's own.</summary>
    public string? ExpandContextJson { get; set; }

    public JsonLdProcessingMode ProcessingMode { get; set; } = JsonLdProcessingMode.JsonLd11;

    public RdfDirectionMode RdfDirection { get; set; } = RdfDirectionMode.None;

    /// <summary>Allow blank nodes as predicates in the produced RDF.</summary>
    public bool ProduceGeneralizedRdf { get; set; }

    /// <summary>Where remote contexts come from. Defaults to the offline cache under <c>schemas/contexts/</c>.</summary>
    public IJsonLdDocumentLoader? DocumentLoader { get; set; }

    /// <summary>Deepest nesting of JSON arrays/objects accepted; deeper input fails instead of exhausting the stack.</summary>
    public int MaxJsonDepth { get; set; } = 512;

    /// <summary>Longest chain of remote contexts (context overflow beyond it); stops cyclic context references.</summary>
    public int MaxRemoteContextChain { get; set; } = 32;

    /// <summary>Largest document (bytes) the processor parses.</summary>
    public long MaxDocumentBytes { get; set; } = 64L * 1024 * 1024;
}
