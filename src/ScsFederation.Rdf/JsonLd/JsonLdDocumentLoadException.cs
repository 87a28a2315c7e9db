namespace ScsFederation.Rdf.JsonLd;

/// <summary>A document loader could not, or would not, deliver <see cref="Url"/>.</summary>
public sealed class JsonLdDocumentLoadException : Exception
{
    public JsonLdDocumentLoadException(string url, string reason, Exception? inner = null)
        : base($"cannot load '{url}': {reason}", inner)
    {
        Url = url;
        Reason = reason;
    }

    public string Url { get; }

    public string Reason { get; }
}
