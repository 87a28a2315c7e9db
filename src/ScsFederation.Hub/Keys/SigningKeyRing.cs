using System.Collections.Immutable;
using Microsoft.IdentityModel.Tokens;

namespace ScsFederation.Hub.Keys;

/// <summary>One key as the token pipeline sees it.</summary>
public sealed record RingKey(string KeyId, string Algorithm, AsymmetricSecurityKey Key, DateTimeOffset ActivatesAt, DateTimeOffset RetiresAt, DateTimeOffset ExpiresAt)
{
    public SigningCredentials Credentials { get; } = new(Key, Algorithm);
}

/// <summary>
/// The keys in force now: every published key (JWKS, validation of the hub's own tokens) and the one active
/// key per algorithm that signs. Replaced as a whole by <see cref="SigningKeyRotationService"/>, so readers never
/// see a half-updated set.
/// </summary>
public sealed class SigningKeyRing
{
    private volatile Snapshot _current = new([], ImmutableDictionary<string, RingKey>.Empty);

    public sealed record Snapshot(ImmutableArray<RingKey> Published, ImmutableDictionary<string, RingKey> ActiveByAlgorithm);

    public Snapshot Current => _current;

    public void Replace(Snapshot snapshot) => _current = snapshot;

    /// <summary>The key that signs for <paramref name="algorithm"/> now; RS256 when the algorithm has none.</summary>
    public RingKey Active(string algorithm)
    {
        var snap = _current;
        if (snap.ActiveByAlgorithm.TryGetValue(algorithm, out var key)) return key;
        if (snap.ActiveByAlgorithm.TryGetValue(SecurityAlgorithms.RsaSha256, out key)) return key;
        throw new InvalidOperationException("the signing key ring is empty; the rotation service has not run");
    }
}
