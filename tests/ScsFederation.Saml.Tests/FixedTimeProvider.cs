namespace ScsFederation.Saml.Tests;

/// <summary>A clock standing at a chosen instant, for the clock-skew boundaries.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
