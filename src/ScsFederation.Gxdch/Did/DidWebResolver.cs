using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Did;

/// <summary>A resolved DID document, or why it could not be had.</summary>
public sealed record DidResolution(JsonObject? Document, string? Reason, string? Detail)
{
    public bool Ok => Document is not null;
}

/// <summary>
/// Resolves did:web DIDs over HTTPS under an <see cref="OutboundPolicy"/> (the DID's host must be
/// allowed: a service answer's <c>kid</c> must not make the hub fetch arbitrary hosts). The fetched
/// document's <c>id</c> must be the DID asked for, so a host cannot answer for another DID. Documents
/// are cached for <see cref="CacheFor"/>; failures are not cached, so a rotated key is picked up on
/// the next attempt.
/// </summary>
public sealed class DidWebResolver(HttpClient http, OutboundPolicy policy, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (JsonObject Document, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMinutes(5);

    public async Task<DidResolution> ResolveAsync(string didOrDidUrl, CancellationToken cancellationToken = default)
    {
        var did = DidWebAddress.DidOf(didOrDidUrl);
        if (_cache.TryGetValue(did, out var cached) && cached.Until > _time.GetUtcNow()) return new(cached.Document, null, null);
        // Loopback DIDs map to http; the outbound policy refuses those unless the operator enabled it.
        if (DidWebAddress.Parse(did) is not { } address) return new(null, GxdchRefusal.DidUnsupported, $"{did} is not a did:web DID this resolver can turn into a URL");
        var url = new Uri(address.DocumentUrl);

        var answer = await ServiceCall.SendAsync(http, policy, ServiceCall.Get(url, "application/did+json"), configuredByOperator: false, System.Net.HttpStatusCode.OK, cancellationToken);
        if (!answer.Ok) return new(null, answer.Reason, $"resolving {did}: {answer.Detail}");
        JsonObject? document;
        try { document = JsonNode.Parse(answer.Body!, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject; }
        catch (JsonException e) { return new(null, GxdchRefusal.ResponseMalformed, $"the DID document of {did} is not JSON: {e.Message}"); }
        if (document is null) return new(null, GxdchRefusal.ResponseMalformed, $"the DID document of {did} is not a JSON object");
        var id = (document["id"] as JsonValue)?.TryGetValue(out string? s) == true ? s : null;
        if (id != did) return new(null, GxdchRefusal.DidDocumentMismatch, $"{OutboundPolicy.Redacted(url)} holds the DID document of {id ?? "(no id)"}, not of {did}");
        _cache[did] = (document, _time.GetUtcNow() + CacheFor);
        return new(document, null, null);
    }
}
