namespace ScsFederation.Saml;

/// <summary>
/// One-time use of assertions. The hub backs this with its database so a replay is caught across instances.
/// </summary>
public interface ISamlReplayCache
{
    /// <summary>Records <paramref name="key"/> until <paramref name="notOnOrAfter"/>; false when it was already recorded.</summary>
    ValueTask<bool> TryAddAsync(string key, DateTimeOffset notOnOrAfter, CancellationToken cancellationToken);
}
