using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>A bad federation file stops the hub with the field path and what is wrong.</summary>
public sealed class FederationFileReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-config-").FullName;

    private const string Valid = """
        hub:
          issuer: http://127.0.0.1:8085
        upstreams:
          - id: peer
            type: oidc
            authority: http://127.0.0.1:9311
            clientId: hub-client
            clientSecret: ${env:PEER_SECRET}
        clients:
          - clientId: rp-test
            clientSecret: rp-secret-1
            redirectUris: [http://127.0.0.1:8090/callback]
        """;

    private FederationConfig Parse(string yaml, Dictionary<string, string>? env = null) =>
        FederationFileReader.Parse(yaml, Path.Combine(_folder, "federation.yaml"), name => env is not null && env.TryGetValue(name, out var v) ? v : null);

    private IReadOnlyList<ConfigError> Errors(string yaml, Dictionary<string, string>? env = null) =>
        Assert.Throws<FederationConfigException>(() => Parse(yaml, env ?? new() { ["PEER_SECRET"] = "s" })).Errors;

    [Fact]
    public void A_valid_file_loads_with_secrets_from_the_environment_and_paths_resolved()
    {
        var config = Parse(Valid, new() { ["PEER_SECRET"] = "from-env" });
        Assert.Equal("http://127.0.0.1:8085", config.Hub.Issuer);
        Assert.Equal("from-env", config.Upstreams[0].ClientSecret);
        Assert.Equal(Path.Combine(_folder, "data"), config.Hub.DataFolder);
        Assert.Equal("sqlite", config.Hub.Storage.Provider);
    }

    [Fact]
    public void A_missing_environment_variable_is_named()
    {
        var errors = Errors(Valid, new());
        Assert.Contains(errors, e => e.Path == "/upstreams/0/clientSecret" && e.Message.Contains("PEER_SECRET"));
    }

    [Fact]
    public void An_environment_default_is_used_when_the_variable_is_unset()
    {
        var config = Parse(Valid.Replace("${env:PEER_SECRET}", "${env:PEER_SECRET:-fallback}"), new());
        Assert.Equal("fallback", config.Upstreams[0].ClientSecret);
    }

    [Fact]
    public void An_unknown_field_is_reported_at_its_path()
    {
        var errors = Errors(Valid.Replace("  issuer:", "  isuer: x\n  issuer:"));
        Assert.Contains(errors, e => e.Path == "/hub/isuer" && e.Message.Contains("unknown field"));
    }

    [Fact]
    public void A_wrong_type_is_reported_at_its_path()
    {
        var errors = Errors(Valid.Replace("  issuer: http://127.0.0.1:8085", "  issuer: http://127.0.0.1:8085\n  clockSkewSeconds: lots"));
        Assert.Contains(errors, e => e.Path == "/hub/clockSkewSeconds");
    }

    [Fact]
    public void Reauthenticate_upstream_hours_default_to_12_and_a_bound_beyond_the_refresh_token_lifetime_is_refused_at_its_path()
    {
        var withTokens = (string settings) => Valid.Replace("  issuer: http://127.0.0.1:8085", "  issuer: http://127.0.0.1:8085\n  tokens:\n" + settings);
        Assert.Equal(12, Parse(Valid, new() { ["PEER_SECRET"] = "s" }).Hub.Tokens.ReauthenticateUpstreamHours);
        Assert.Equal(4, Parse(withTokens("    reauthenticateUpstreamHours: 4\n"), new() { ["PEER_SECRET"] = "s" }).Hub.Tokens.ReauthenticateUpstreamHours);

        Assert.Contains(Errors(withTokens("    refreshTokenDays: 1\n    reauthenticateUpstreamHours: 48\n")), e => e.Path == "/hub/tokens/reauthenticateUpstreamHours" && e.Message.Contains("24"));
        Assert.Contains(Errors(withTokens("    reauthenticateUpstreamHours: 0\n")), e => e.Path == "/hub/tokens/reauthenticateUpstreamHours");
    }

    [Fact]
    public void Provisioning_settings_load_and_a_too_short_schedule_is_refused()
    {
        var withProvisioning = (string settings) => Valid.Replace("  issuer: http://127.0.0.1:8085", "  issuer: http://127.0.0.1:8085\n  provisioning:\n" + settings);
        var config = Parse(withProvisioning("    onLogin: true\n    intervalMinutes: 30\n"), new() { ["PEER_SECRET"] = "s" });
        Assert.True(config.Hub.Provisioning.OnLogin);
        Assert.Equal(30, config.Hub.Provisioning.IntervalMinutes);
        Assert.Equal(120, config.Hub.Provisioning.LeaseSeconds);

        Assert.Contains(Errors(withProvisioning("    intervalMinutes: 2\n")), e => e.Path == "/hub/provisioning/intervalMinutes" && e.Message.Contains("at least 5"));
        Assert.Contains(Errors(withProvisioning("    leaseSeconds: 5\n")), e => e.Path == "/hub/provisioning/leaseSeconds");
        Assert.Contains(Errors(withProvisioning("    onlogin: true\n")), e => e.Path == "/hub/provisioning/onlogin" && e.Message.Contains("unknown field"));
    }

    [Fact]
    public void An_oidc_upstream_without_authority_is_refused()
    {
        var errors = Errors(Valid.Replace("    authority: http://127.0.0.1:9311\n", ""));
        Assert.Contains(errors, e => e.Path == "/upstreams/0" && e.Message.Contains("authority"));
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var errors = Errors(Valid + """

              - clientId: rp-test
                clientSecret: another-secret
                redirectUris: [http://127.0.0.1:8091/cb]
            """);
        Assert.Contains(errors, e => e.Path == "/clients/1/clientId" && e.Message.Contains("twice"));
    }

    [Fact]
    public void Plain_http_issuers_and_redirects_are_refused_off_loopback()
    {
        var errors = Errors(Valid.Replace("issuer: http://127.0.0.1:8085", "issuer: http://hub.example.org")
                                 .Replace("http://127.0.0.1:8090/callback", "http://rp.example.org/cb"));
        Assert.Contains(errors, e => e.Path == "/hub/issuer" && e.Message.Contains("https"));
        Assert.Contains(errors, e => e.Path == "/clients/0/redirectUris/0" && e.Message.Contains("loopback"));
    }

    [Fact]
    public void A_confidential_client_without_secret_and_a_dangling_provider_reference_are_refused()
    {
        var errors = Errors(Valid.Replace("    clientSecret: rp-secret-1\n", "    provider: cloud-x\n"));
        Assert.Contains(errors, e => e.Path == "/clients/0/clientSecret");
        Assert.Contains(errors, e => e.Path == "/clients/0/provider" && e.Message.Contains("cloud-x"));
    }

    [Fact]
    public void A_missing_mapping_file_is_named_with_its_resolved_path()
    {
        var errors = Errors(Valid + "\nproviders:\n  - id: cloud-a\n    mapping: rules/missing.json\n");
        Assert.Contains(errors, e => e.Path == "/providers/0/mapping" && e.Message.Contains(Path.Combine(_folder, "rules", "missing.json")));
    }

    [Fact]
    public void Broken_yaml_reports_the_line()
    {
        var errors = Errors("hub:\n  issuer: [unclosed\n");
        Assert.Contains(errors, e => e.Message.Contains("line"));
    }

    [Fact]
    public void Identifiers_must_be_lower_case()
    {
        var errors = Errors(Valid.Replace("id: peer", "id: Peer Upstream"));
        Assert.Contains(errors, e => e.Path == "/upstreams/0/id" && e.Message.Contains("identifier"));
    }

    [Fact]
    public void A_missing_file_is_an_error_not_a_crash()
    {
        var ex = Assert.Throws<FederationConfigException>(() => FederationFileReader.Load(Path.Combine(_folder, "nope.yaml")));
        Assert.Contains("file not found", ex.Message);
    }

    [Fact]
    public void The_shipped_samples_are_valid()
    {
        Assert.True(FederationFileReader.Load(RepositoryRoot.Combine("samples", "federation.yaml"), _ => null).Hub.Demo.Enabled);
        Assert.Contains(FederationFileReader.Load(RepositoryRoot.Combine("samples", "interop", "federation.yaml"), _ => null).Upstreams, u => u.Id == "peer");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
