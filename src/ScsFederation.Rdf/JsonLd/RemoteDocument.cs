namespace ScsFederation.Rdf.JsonLd;

/// <summary>A document returned by an <see cref="IJsonLdDocumentLoader"/>: its final URL and its UTF-8 JSON content.</summary>
public sealed class RemoteDocument
{
    private object? _parsed;
    private bool _isParsed;
    private readonly object _parseLock = new();

    public RemoteDocument(string documentUrl, ReadOnlyMemory<byte> content, string? contentType = "application/ld+json", string? contextUrl = null)
    {
        DocumentUrl = documentUrl ?? throw new ArgumentNullException(nameof(documentUrl));
        Content = content;
        ContentType = contentType;
        ContextUrl = contextUrl;
    }

    /// <summary>The URL after redirects; used as the base URL of the loaded document.</summary>
    public string DocumentUrl { get; }

    public ReadOnlyMemory<byte> Content { get; }

    public string? ContentType { get; }

    /// <summary>A context URL from an HTTP Link header, when the loader saw one.</summary>
    public string? ContextUrl { get; }

    /// <summary>
    /// The parsed JSON, cached on the instance: loaders that cache documents (the offline loader does)
    /// then also share the parse, and the processor's context cache can key on the same object.
    /// </summary>
    internal object? GetParsed(int maxDepth)
    {
        if (_isParsed) return _parsed;
        lock (_parseLock)
        {
            if (!_isParsed)
            {
                _parsed = JsonTree.Parse(Content.Span, maxDepth, DocumentUrl);
                _isParsed = true;
            }
        }
        return _parsed;
    }
}
