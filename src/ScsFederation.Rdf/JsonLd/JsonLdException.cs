namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// A JSON-LD processing error. <see cref="Code"/> is the error code string of the JSON-LD 1.1 API
/// specification (for example "invalid @id value"), so callers and conformance tests can match on it.
/// </summary>
public sealed class JsonLdException : Exception
{
    public JsonLdException(string code, string message, Exception? inner = null)
        : base(code + ": " + message, inner)
    {
        Code = code;
        Detail = message;
    }

    /// <summary>The specification's error code.</summary>
    public string Code { get; }

    /// <summary>What went wrong, naming the term, key, IRI or URL involved.</summary>
    public string Detail { get; }
}
