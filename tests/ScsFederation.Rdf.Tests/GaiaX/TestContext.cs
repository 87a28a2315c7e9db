namespace ScsFederation.Rdf.Tests.GaiaX;

/// <summary>A per-test cancellation token with a generous timeout, so a hang fails the test instead of the run.</summary>
internal static class TestContext
{
    public static CancellationToken Current => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;
}
