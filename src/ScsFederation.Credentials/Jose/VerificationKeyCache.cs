using System.Collections.Concurrent;

namespace ScsFederation.Credentials.Jose;

/// <summary>
/// Public keys bound to an algorithm, kept across verifications: importing an RSA or EC key into
/// OpenSSL costs more CPU than canonicalizing a typical credential. Keyed by algorithm and the JWK's
/// full JSON (so a changed member is a different key); bounded, cleared when full. Only public keys
/// are cached; the verify operations used are safe for concurrent calls.
/// </summary>
internal sealed class VerificationKeyCache
{
    private const int Capacity = 256;
    private readonly ConcurrentDictionary<string, JwsKey> _keys = new(StringComparer.Ordinal);

    /// <summary>The key for <paramref name="jwk"/> and <paramref name="alg"/>; throws <see cref="JwsKeyMismatchException"/> like <see cref="JwsKey.Create"/>.</summary>
    public JwsKey Get(JsonWebKey jwk, string alg)
    {
        var id = alg + "|" + jwk.ToPublic();
        if (_keys.TryGetValue(id, out var key)) return key;
        key = JwsKey.Create(jwk.ToPublic(), alg);
        if (_keys.Count >= Capacity) _keys.Clear();
        return _keys.GetOrAdd(id, key);
    }
}
