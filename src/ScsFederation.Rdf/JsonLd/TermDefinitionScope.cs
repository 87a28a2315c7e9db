namespace ScsFederation.Rdf.JsonLd;

/// <summary>What the term definitions of one local context share while they are being created.</summary>
internal sealed class TermDefinitionScope(
    Dictionary<string, object?> localContext, string? baseUrl, bool protectedDefault, bool overrideProtected,
    List<string> remoteContexts, bool validateScopedContext)
{
    public Dictionary<string, object?> LocalContext { get; } = localContext;

    public Dictionary<string, bool> Defined { get; } = new(StringComparer.Ordinal);

    public string? BaseUrl { get; } = baseUrl;

    public bool ProtectedDefault { get; } = protectedDefault;

    public bool OverrideProtected { get; } = overrideProtected;

    public List<string> RemoteContexts { get; } = remoteContexts;

    public bool ValidateScopedContext { get; } = validateScopedContext;
}
