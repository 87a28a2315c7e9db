using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>
/// The federation file's hardening settings: demo accounts only on a loopback hub, rate limits and the absolute
/// session lifetime with their defaults, and out-of-range values reported with their JSON path.
/// </summary>
public sealed class HubHardeningConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-hardening-").FullName;

    private static string File_(string issuer, string extra = "", bool demo = false) => $"""
        hub:
          issuer: {issuer}
        {extra}{(demo ? "  demo:\n    enabled: true\n    users:\n      - username: alice\n        password: alice\n" : "")}
        """;

    private FederationConfig Parse(string yaml) => FederationFileReader.Parse(yaml, Path.Combine(_folder, "federation.yaml"), _ => null);

    private IReadOnlyList<ConfigError> Errors(string yaml) => Assert.Throws<FederationConfigException>(() => Parse(yaml)).Errors;

    [Theory]
    [InlineData("https://hub.example.org")]
    [InlineData("https://10.0.0.5:8443")]
    [InlineData("https://127.0.0.1.nip.io")]
    public void Demo_accounts_on_a_reachable_issuer_are_refused(string issuer)
    {
        var error = Assert.Single(Errors(File_(issuer, demo: true)));
        Assert.Equal("/hub/demo/enabled", error.Path);
        Assert.Contains("loopback", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://localhost:8080")]
    [InlineData("https://[::1]:8443")]
    public void Demo_accounts_on_loopback_load(string issuer) => Assert.True(Parse(File_(issuer, demo: true)).Hub.Demo.Enabled);

    [Fact]
    public void A_hub_without_demo_on_a_reachable_issuer_loads() => Assert.False(Parse(File_("https://hub.example.org")).Hub.Demo.Enabled);

    [Fact]
    public void Rate_limits_and_session_lifetime_have_defaults()
    {
        var hub = Parse(File_("https://hub.example.org")).Hub;
        Assert.Equal((30, 60), (hub.RateLimits.Login.PermitLimit, hub.RateLimits.Login.WindowSeconds));
        Assert.Equal((300, 60), (hub.RateLimits.Token.PermitLimit, hub.RateLimits.Token.WindowSeconds));
        Assert.Equal(12, hub.Session.AbsoluteHours);
    }

    [Fact]
    public void Configured_rate_limits_and_session_lifetime_are_read()
    {
        var hub = Parse(File_("https://hub.example.org", "  rateLimits:\n    login: { permitLimit: 5, windowSeconds: 10 }\n  session:\n    absoluteHours: 4\n")).Hub;
        Assert.Equal((5, 10), (hub.RateLimits.Login.PermitLimit, hub.RateLimits.Login.WindowSeconds));
        Assert.Equal(300, hub.RateLimits.Token.PermitLimit);
        Assert.Equal(4, hub.Session.AbsoluteHours);
    }

    [Fact]
    public void Out_of_range_values_are_reported_with_their_paths_all_at_once()
    {
        var errors = Errors(File_("https://hub.example.org", "  rateLimits:\n    token: { permitLimit: 0, windowSeconds: 60 }\n  session:\n    absoluteHours: 0\n"));
        Assert.Contains(errors, e => e.Path == "/hub/rateLimits/token/permitLimit");
        Assert.Contains(errors, e => e.Path == "/hub/session/absoluteHours");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
