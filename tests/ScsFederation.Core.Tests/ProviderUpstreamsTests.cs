using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>A provider's <c>upstreams</c> list: default every upstream, only configured ids, errors with the JSON path.</summary>
public sealed class ProviderUpstreamsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string File(string providers) => $"""
        hub:
          issuer: http://127.0.0.1:8085
        upstreams:
          - id: uni-a
            type: oidc
            authority: http://127.0.0.1:9311
            clientId: hub-client
            clientSecret: s
          - id: uni-b
            type: oidc
            authority: http://127.0.0.1:9312
            clientId: hub-client
            clientSecret: s
        providers:
        {providers}
        """;

    private FederationConfig Parse(string yaml) => FederationFileReader.Parse(yaml, Path.Combine(_folder, "federation.yaml"), _ => null);

    [Fact]
    public void Without_a_list_a_provider_accepts_every_upstream_and_with_one_only_those_listed()
    {
        var config = Parse(File("  - id: open\n  - id: closed\n    upstreams: [uni-a]"));
        Assert.True(config.FindProvider("open")!.Accepts("uni-b"));
        Assert.True(config.FindProvider("closed")!.Accepts("uni-a"));
        Assert.False(config.FindProvider("closed")!.Accepts("uni-b"));
        Assert.False(config.FindProvider("closed")!.Accepts("demo"));
    }

    [Fact]
    public void An_unknown_upstream_id_is_a_configuration_error_with_its_json_path()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse(File("  - id: closed\n    upstreams: [uni-a, uni-c, demo]"))).Errors;
        Assert.Contains(errors, e => e.Path == "/providers/0/upstreams/1" && e.Message.Contains("uni-c", StringComparison.Ordinal));
        // demo is an upstream only while demo accounts are enabled.
        Assert.Contains(errors, e => e.Path == "/providers/0/upstreams/2");
        Assert.DoesNotContain(errors, e => e.Path == "/providers/0/upstreams/0");
    }
}
