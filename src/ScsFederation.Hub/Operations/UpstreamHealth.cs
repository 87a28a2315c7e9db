using System.Collections.Concurrent;

namespace ScsFederation.Hub.Operations;

/// <summary>
/// What this instance last saw of each upstream: when its discovery document / SAML metadata was last read, the
/// last failure (a stable code, never an upstream's error body or an internal URL), and login counts. Readiness
/// reports it and the operator console will show it. Per instance, on purpose: each instance reads upstreams itself.
/// </summary>
public sealed class UpstreamHealth(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public sealed class Entry
    {
        private long _loginsSucceeded, _loginsRefused;
        public DateTimeOffset? MetadataReadAt { get; internal set; }
        public DateTimeOffset? MetadataValidUntil { get; internal set; }
        public string? LastError { get; internal set; }
        public DateTimeOffset? LastErrorAt { get; internal set; }
        public long LoginsSucceeded => Interlocked.Read(ref _loginsSucceeded);
        public long LoginsRefused => Interlocked.Read(ref _loginsRefused);
        internal void CountLogin(bool succeeded)
        {
            if (succeeded) Interlocked.Increment(ref _loginsSucceeded);
            else Interlocked.Increment(ref _loginsRefused);
        }
    }

    private Entry For(string upstream) => _entries.GetOrAdd(upstream, _ => new Entry());

    public IReadOnlyDictionary<string, Entry> Snapshot() => _entries;

    /// <summary>Discovery/metadata read and accepted; clears the last error.</summary>
    public void MetadataRead(string upstream, DateTimeOffset? validUntil = null)
    {
        var e = For(upstream);
        e.MetadataReadAt = clock.GetUtcNow();
        e.MetadataValidUntil = validUntil;
        e.LastError = null;
        e.LastErrorAt = null;
    }

    /// <summary>Discovery/metadata could not be read or was refused; <paramref name="code"/> is a stable reason such as <c>upstream_unreachable</c>.</summary>
    public void MetadataFailed(string upstream, string code)
    {
        var e = For(upstream);
        e.LastError = code;
        e.LastErrorAt = clock.GetUtcNow();
    }

    public void Login(string upstream, bool succeeded) => For(upstream).CountLogin(succeeded);
}
