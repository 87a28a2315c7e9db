using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Credentials.X509;

/// <summary>Trust settings of <see cref="X5uChainCheck"/>.</summary>
public sealed class X5uCheckOptions
{
    /// <summary>Roots the chain may end in (e.g. eIDAS/EV anchors the Gaia-X registry lists).</summary>
    public IReadOnlyList<X509Certificate2> TrustedRoots { get; init; } = [];

    /// <summary>Lab use only: accept a chain ending in its own self-signed root that is not in <see cref="TrustedRoots"/>.</summary>
    public bool AllowSelfSignedRoot { get; init; }

    /// <summary>The instant the certificates must be valid at (default: now).</summary>
    public DateTimeOffset? Now { get; init; }
}
