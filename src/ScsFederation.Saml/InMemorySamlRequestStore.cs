using System.Collections.Concurrent;

namespace ScsFederation.Saml;

/// <summary>Process-local <see cref="ISamlRequestStore"/>.</summary>
public sealed class InMemorySamlRequestStore : ISamlRequestStore
{
    private readonly ConcurrentDictionary<string, SamlPendingRequest> _pending = new(StringComparer.Ordinal);

    public ValueTask AddAsync(SamlPendingRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _pending[request.RequestId] = request;
        return ValueTask.CompletedTask;
    }

    public ValueTask<SamlPendingRequest?> TakeAsync(string requestId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_pending.TryRemove(requestId, out var request) ? request : null);
    }
}
