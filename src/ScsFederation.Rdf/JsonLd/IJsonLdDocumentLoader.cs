namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// Loads remote JSON-LD documents (contexts, <c>@import</c>s, documents by URL). Implementations decide
/// what may be fetched; an unknown or refused URL is a <see cref="JsonLdDocumentLoadException"/> naming it.
/// </summary>
public interface IJsonLdDocumentLoader
{
    ValueTask<RemoteDocument> LoadDocumentAsync(string url, CancellationToken cancellationToken);
}
