using System.Collections.Concurrent;

namespace ScsFederation.Saml;

/// <summary>Process-local <see cref="ISamlReplayCache"/> for a single instance and for tests.</summary>
public sealed class InMemorySamlReplayCache(TimeProvider? timeProvider = null) : ISamlReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private long _addsSincePurge;

    public ValueTask<bool> TryAddAsync(string key, DateTimeOffset notOnOrAfter, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Purge occasionally instead of per call so the hot path stays a single dictionary insert.
        if (Interlocked.Increment(ref _addsSincePurge) % 1024 == 0)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in _seen)
            {
                if (entry.Value <= now) _seen.TryRemove(entry.Key, out _);
            }
        }
        return ValueTask.FromResult(_seen.TryAdd(key, notOnOrAfter));
    }
}
