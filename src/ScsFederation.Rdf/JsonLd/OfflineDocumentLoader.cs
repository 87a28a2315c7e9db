using System.Reflection;
using System.Text.Json;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// The default document loader: serves only documents listed in an index (URL → file) from a local
/// cache, so processing never touches the network. <see cref="Default"/> uses the copy of
/// <c>schemas/contexts/</c> embedded in this assembly. An operator may chain a <see cref="HttpDocumentLoader"/>
/// with a host allow-list as <c>fallback</c>; without one an unknown URL is an error naming it.
/// </summary>
public sealed class OfflineDocumentLoader : IJsonLdDocumentLoader
{
    private const string ResourcePrefix = "ScsFederation.Rdf.contexts.";
    private static readonly Lazy<OfflineDocumentLoader> DefaultInstance = new(FromEmbeddedResources);

    private readonly Dictionary<string, RemoteDocument> _documents;
    private readonly IJsonLdDocumentLoader? _fallback;

    private OfflineDocumentLoader(Dictionary<string, RemoteDocument> documents, IJsonLdDocumentLoader? fallback)
    {
        _documents = documents;
        _fallback = fallback;
    }

    /// <summary>The contexts shipped with the project (<c>schemas/contexts/</c>), embedded at build time.</summary>
    public static OfflineDocumentLoader Default => DefaultInstance.Value;

    /// <summary>URLs this loader can serve.</summary>
    public IReadOnlyCollection<string> Urls => _documents.Keys;

    /// <summary>Loads a cache directory with an <c>index.json</c> mapping URL → file name (relative to the directory).</summary>
    public static OfflineDocumentLoader FromDirectory(string directory, IJsonLdDocumentLoader? fallback = null)
    {
        var indexPath = Path.Combine(directory, "index.json");
        if (!File.Exists(indexPath))
            throw new FileNotFoundException($"context cache index not found: {indexPath}", indexPath);
        var documents = new Dictionary<string, RemoteDocument>(StringComparer.Ordinal);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + Path.DirectorySeparatorChar;
        foreach (var (url, file) in ReadIndex(File.ReadAllBytes(indexPath), indexPath))
        {
            var full = Path.GetFullPath(Path.Combine(root, file));
            if (!full.StartsWith(root, StringComparison.Ordinal))
                throw new InvalidDataException($"{indexPath}: file '{file}' for '{url}' is outside the cache directory");
            documents[url] = new RemoteDocument(url, File.ReadAllBytes(full));
        }
        return new OfflineDocumentLoader(documents, fallback);
    }

    /// <summary>The embedded cache chained with another loader for URLs it does not hold.</summary>
    public static OfflineDocumentLoader WithFallback(IJsonLdDocumentLoader fallback) =>
        new(Default._documents, fallback ?? throw new ArgumentNullException(nameof(fallback)));

    /// <summary>A loader over documents given in memory (URL → UTF-8 JSON); for tests and tools.</summary>
    public static OfflineDocumentLoader FromDocuments(IEnumerable<KeyValuePair<string, byte[]>> documents, IJsonLdDocumentLoader? fallback = null)
    {
        var map = new Dictionary<string, RemoteDocument>(StringComparer.Ordinal);
        foreach (var (url, content) in documents) map[url] = new RemoteDocument(url, content);
        return new OfflineDocumentLoader(map, fallback);
    }

    public ValueTask<RemoteDocument> LoadDocumentAsync(string url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_documents.TryGetValue(url, out var document)) return ValueTask.FromResult(document);
        // Contexts are often referenced with and without a trailing fragment; the fragment never selects a different document.
        int hash = url.IndexOf('#');
        if (hash >= 0 && _documents.TryGetValue(url[..hash], out document)) return ValueTask.FromResult(document);
        if (_fallback is not null) return _fallback.LoadDocumentAsync(url, cancellationToken);
        throw new JsonLdDocumentLoadException(url, "not in the offline context cache (schemas/contexts/index.json) and no network loader is configured");
    }

    private static OfflineDocumentLoader FromEmbeddedResources()
    {
        var assembly = typeof(OfflineDocumentLoader).Assembly;
        var documents = new Dictionary<string, RemoteDocument>(StringComparer.Ordinal);
        var indexBytes = ReadResource(assembly, ResourcePrefix + "index.json")
            ?? throw new InvalidOperationException("embedded context index (schemas/contexts/index.json) missing from the assembly");
        foreach (var (url, file) in ReadIndex(indexBytes, "embedded index.json"))
        {
            var content = ReadResource(assembly, ResourcePrefix + file)
                ?? throw new InvalidOperationException($"embedded context file '{file}' for '{url}' missing from the assembly");
            documents[url] = new RemoteDocument(url, content);
        }
        return new OfflineDocumentLoader(documents, null);
    }

    private static byte[]? ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>Index format: <c>{ "url": "file" }</c> or <c>{ "url": { "file": "..." , ...} }</c>.</summary>
    private static IEnumerable<(string Url, string File)> ReadIndex(byte[] json, string source)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{source}: the index must be a JSON object of URL → file");
        var entries = new List<(string, string)>();
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            string? file = p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString(),
                JsonValueKind.Object when p.Value.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String => f.GetString(),
                _ => null,
            };
            if (string.IsNullOrEmpty(file))
                throw new InvalidDataException($"{source}: entry '{p.Name}' names no file");
            entries.Add((p.Name, file));
        }
        return entries;
    }
}
