using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml;

/// <summary>
/// Reuses the RSA public-key objects of trusted certificates. Importing the key from a certificate costs about as
/// much as the signature check itself; instances are rented, not shared, because RSA objects are not documented
/// as safe for concurrent use.
/// </summary>
internal static class RsaPublicKeyPool
{
    private static readonly ConditionalWeakTable<X509Certificate2, ConcurrentBag<RSA>> s_pools = new();
    private static readonly int s_maxPooled = Environment.ProcessorCount * 2;

    /// <summary>An RSA public key of <paramref name="certificate"/>, or null when the certificate's key is not RSA.</summary>
    public static RSA? Rent(X509Certificate2 certificate)
    {
        var pool = s_pools.GetValue(certificate, static _ => new ConcurrentBag<RSA>());
        return pool.TryTake(out var key) ? key : certificate.GetRSAPublicKey();
    }

    public static void Return(X509Certificate2 certificate, RSA key)
    {
        if (s_pools.TryGetValue(certificate, out var pool) && pool.Count < s_maxPooled) pool.Add(key);
        else key.Dispose();
    }
}
