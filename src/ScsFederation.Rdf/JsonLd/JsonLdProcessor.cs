using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.JsonLd;

using JsonList = List<object?>;
using JsonMap = Dictionary<string, object?>;

/// <summary>
/// JSON-LD 1.1 processor entry points: expansion and deserialization to RDF. Errors are
/// <see cref="JsonLdException"/>s carrying the specification's error code.
/// </summary>
public static class JsonLdProcessor
{
    /// <summary>Expands a JSON-LD document given as UTF-8 JSON.</summary>
    public static Task<JsonArray> ExpandAsync(ReadOnlyMemory<byte> utf8Json, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var document = ParseInput(utf8Json, options);
        var expanded = ExpandTree(document, options.Base, options, cancellationToken);
        return Task.FromResult((JsonArray)JsonTree.ToNode(expanded)!);
    }

    /// <summary>Expands a parsed JSON-LD document.</summary>
    public static Task<JsonArray> ExpandAsync(JsonElement document, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var expanded = ExpandTree(JsonTree.FromElement(document, options.MaxJsonDepth), options.Base, options, cancellationToken);
        return Task.FromResult((JsonArray)JsonTree.ToNode(expanded)!);
    }

    /// <summary>Expands a JSON-LD document held as a <see cref="JsonNode"/>.</summary>
    public static Task<JsonArray> ExpandAsync(JsonNode document, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var expanded = ExpandTree(JsonTree.FromNode(document, options.MaxJsonDepth), options.Base, options, cancellationToken);
        return Task.FromResult((JsonArray)JsonTree.ToNode(expanded)!);
    }

    /// <summary>Loads the document at <paramref name="url"/> through the document loader and expands it (base: the document URL).</summary>
    public static async Task<JsonArray> ExpandFromUrlAsync(string url, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var (document, documentUrl) = await LoadInputAsync(url, options, cancellationToken).ConfigureAwait(false);
        var expanded = ExpandTree(document, options.Base ?? documentUrl, options, cancellationToken);
        return (JsonArray)JsonTree.ToNode(expanded)!;
    }

    /// <summary>Deserializes a JSON-LD document (UTF-8 JSON) to an RDF dataset.</summary>
    public static Task<RdfDataset> ToRdfAsync(ReadOnlyMemory<byte> utf8Json, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var document = ParseInput(utf8Json, options);
        return Task.FromResult(ToRdfTree(document, options.Base, options, cancellationToken, EstimateQuads(utf8Json.Length)));
    }

    /// <summary>Deserializes a parsed JSON-LD document to an RDF dataset.</summary>
    public static Task<RdfDataset> ToRdfAsync(JsonElement document, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        return Task.FromResult(ToRdfTree(JsonTree.FromElement(document, options.MaxJsonDepth), options.Base, options, cancellationToken));
    }

    /// <summary>Deserializes a JSON-LD document held as a <see cref="JsonNode"/> to an RDF dataset.</summary>
    public static Task<RdfDataset> ToRdfAsync(JsonNode document, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        return Task.FromResult(ToRdfTree(JsonTree.FromNode(document, options.MaxJsonDepth), options.Base, options, cancellationToken));
    }

    /// <summary>Reads UTF-8 JSON-LD from a stream (at most <see cref="JsonLdOptions.MaxDocumentBytes"/>) and deserializes it to RDF.</summary>
    public static async Task<RdfDataset> ToRdfAsync(Stream utf8Json, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var bytes = await ReadLimitedAsync(utf8Json, options.MaxDocumentBytes, cancellationToken).ConfigureAwait(false);
        return ToRdfTree(ParseInput(bytes, options), options.Base, options, cancellationToken, EstimateQuads(bytes.Length));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream input, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var buffer = new MemoryStream();
        var chunk = new byte[65536];
        int read;
        while ((read = await input.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"document is larger than the limit of {maxBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>Loads the document at <paramref name="url"/> through the document loader and deserializes it to RDF.</summary>
    public static async Task<RdfDataset> ToRdfFromUrlAsync(string url, JsonLdOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new JsonLdOptions();
        var (document, documentUrl) = await LoadInputAsync(url, options, cancellationToken).ConfigureAwait(false);
        return ToRdfTree(document, options.Base ?? documentUrl, options, cancellationToken);
    }

    private static object? ParseInput(ReadOnlyMemory<byte> utf8Json, JsonLdOptions options)
    {
        if (utf8Json.Length > options.MaxDocumentBytes)
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"document is {utf8Json.Length} bytes, more than the limit of {options.MaxDocumentBytes}");
        return JsonTree.Parse(utf8Json.Span, options.MaxJsonDepth, null);
    }

    private static async Task<(object? Document, string DocumentUrl)> LoadInputAsync(string url, JsonLdOptions options, CancellationToken cancellationToken)
    {
        var loader = options.DocumentLoader ?? OfflineDocumentLoader.Default;
        RemoteDocument remote;
        try
        {
            remote = await loader.LoadDocumentAsync(url, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonLdDocumentLoadException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, e.Message, e);
        }
        return (remote.GetParsed(options.MaxJsonDepth), remote.DocumentUrl);
    }

    // Sizing the dataset up front avoids rehashing its set as it grows (measured: ~30-40 bytes of JSON-LD per quad).
    private static int EstimateQuads(int utf8Length) => Math.Clamp(utf8Length / 40, 16, 1 << 16);

    private static RdfDataset ToRdfTree(object? document, string? baseIri, JsonLdOptions options, CancellationToken cancellationToken, int capacity = 64)
    {
        var expanded = ExpandTree(document, baseIri, options, cancellationToken);
        try
        {
            return new RdfDeserializer(options, capacity).Deserialize(expanded, cancellationToken);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw TooDeep(e);
        }
    }

    private static JsonLdException TooDeep(Exception e) =>
        new(JsonLdErrorCode.ProcessingLimitExceeded, "document is nested too deeply for the stack of this thread; lower MaxJsonDepth or use a thread with a larger stack", e);

    internal static JsonList ExpandTree(object? document, string? baseIri, JsonLdOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return ExpandTreeUnguarded(document, baseIri, options, cancellationToken);
        }
        catch (InsufficientExecutionStackException e)
        {
            throw TooDeep(e);
        }
    }

    private static JsonList ExpandTreeUnguarded(object? document, string? baseIri, JsonLdOptions options, CancellationToken cancellationToken)
    {
        var loader = options.DocumentLoader ?? OfflineDocumentLoader.Default;
        var contexts = new ContextProcessor(options, loader, cancellationToken);
        var active = RootContextCache.Get(loader, baseIri, options);

        if (options.ExpandContextUrl is not null)
            active = contexts.Process(active, options.ExpandContextUrl, baseIri);
        if (options.ExpandContextJson is not null)
        {
            var expandContext = JsonTree.Parse(System.Text.Encoding.UTF8.GetBytes(options.ExpandContextJson), options.MaxJsonDepth, "expandContext");
            if (expandContext is JsonMap m && m.TryGetValue("@context", out var inner)) expandContext = inner;
            active = contexts.Process(active, expandContext, baseIri);
        }

        var expanded = new Expander(contexts).Expand(active, null, document, baseIri);
        if (expanded is JsonMap map && map.Count == 1 && map.TryGetValue("@graph", out var graph)) expanded = graph;
        return expanded switch
        {
            null => new JsonList(),
            JsonList list => list,
            _ => new JsonList { expanded },
        };
    }
}
