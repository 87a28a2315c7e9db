using ScsFederation.Core.Configuration;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// The interop federation (samples/interop/federation.yaml) with its real peers: oidc-provider as upstream
/// `peer` on 9311, a hostile upstream on 9312 for negative cases, and the hub on 8085 with fresh storage.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public const string RpClient = "rp-test";
    public const string RpSecret = "rp-secret";
    public const string RpRedirect = "http://127.0.0.1:8090/callback";
    public const string HostileUpstream = "hostile";
    public const string PublicClient = "public-cli";
    public const string CloudAClient = "cloud-a-test";
    public const string DeviceExplicitClient = "device-explicit";
    public const string DeviceExplicitName = "Explicit-consent device app";
    public const string AdminToken = "interop-admin-token-0123456789";

    private NodeProcess? _upstream;
    private NodeProcess? _hostile;
    private NodeProcess? _otherUpstream;

    /// <summary>A second oidc-provider (9314) whose people have upstream A's names, emails and groups (HostileUpstreamTests).</summary>
    public const string OtherUpstream = "uni-b";
    public const string OtherUpstreamUrl = "http://127.0.0.1:9314";

    public HubInstance Hub { get; private set; } = null!;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "scsfed-interop-" + Guid.NewGuid().ToString("n")[..8]);

    public async Task InitializeAsync()
    {
        var config = FederationFileReader.Load(RepositoryRoot.Combine("samples", "interop", "federation.yaml"));
        await TestStorage.ApplyAsync(config.Hub, DataFolder);
        config.Hub.AdminToken = AdminToken;
        // Another hub may hold the sample's port 8085 on a developer machine; CI uses the sample as it is.
        if (Environment.GetEnvironmentVariable("SCSFED_TEST_HUB_ISSUER") is { Length: > 0 } issuer) config.Hub.Issuer = issuer;
        config.Upstreams.Add(new UpstreamIdentityProvider
        {
            Id = HostileUpstream,
            Type = UpstreamTypes.Oidc,
            DisplayName = "Hostile upstream (negative tests)",
            Authority = "http://127.0.0.1:9312",
            ClientId = "hub-client",
            ClientSecret = "hub-secret",
            Scopes = ["openid", "email"],
        });

        config.Upstreams.Add(new UpstreamIdentityProvider
        {
            Id = OtherUpstream,
            Type = UpstreamTypes.Oidc,
            DisplayName = "University B (oidc-provider; asserts upstream A's names and groups)",
            Authority = OtherUpstreamUrl,
            ClientId = "hub-client",
            ClientSecret = "hub-secret",
            Scopes = ["openid", "email", "profile", "groups"],
        });

        config.Clients.Add(new DownstreamClient
        {
            ClientId = PublicClient,
            Type = ClientTypes.Public,
            RedirectUris = [RpRedirect],
            Consent = "none",
            GrantTypes = ["authorization_code", "refresh_token"],
        });

        config.Clients.Add(new DownstreamClient
        {
            ClientId = CloudAClient,
            ClientSecret = RpSecret,
            RedirectUris = [RpRedirect],
            Consent = "none",
            Provider = "cloud-a",
            IdTokenAlgorithm = "ES256",
            GrantTypes = ["authorization_code", "refresh_token"],
        });

        config.Clients.Add(new DownstreamClient
        {
            ClientId = DeviceExplicitClient,
            ClientSecret = RpSecret,
            DisplayName = DeviceExplicitName,
            Consent = "explicit",
            GrantTypes = ["device_code"],
        });

        _upstream = await NodeProcess.StartServerAsync("oidc/upstream-op.mjs", "9311", "hub-client", "hub-secret", config.Hub.Issuer + "/signin-oidc/peer");
        _hostile = await NodeProcess.StartServerAsync("oidc/hostile-op.mjs", "9312", "hub-client", config.Hub.Issuer + "/signin-oidc/" + HostileUpstream);
        _otherUpstream = await NodeProcess.StartServerAsync("oidc/upstream-op.mjs", "9314", "hub-client", "hub-secret", config.Hub.Issuer + "/signin-oidc/" + OtherUpstream);
        Hub = new HubInstance(config);
        await Hub.StartAsync();
    }

    /// <summary>Runs the openid-client relying party through the hub; returns its JSON result.</summary>
    public Task<System.Text.Json.JsonElement> RunRelyingPartyAsync(params string[] options) => RunRelyingPartyAsAsync(RpClient, options);

    public async Task<System.Text.Json.JsonElement> RunRelyingPartyAsAsync(string clientId, params string[] options)
    {
        // Two upstreams are configured: name the oidc-provider one unless the test picks another way.
        if (!options.Contains("--idp") && !options.Contains("--login-hint")) options = [.. options, "--idp", "peer"];
        var (exit, stdout, stderr) = await NodeProcess.RunAsync("oidc/rp.mjs", TimeSpan.FromSeconds(60),
            [Hub.Issuer, clientId, RpSecret, RpRedirect, .. options]);
        var line = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
                   ?? throw new InvalidOperationException($"rp.mjs printed nothing (exit {exit}): {stderr}");
        return System.Text.Json.JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Sets a person's groups at the upstream for their next login.</summary>
    public Task SetUpstreamGroupsAsync(string person, params string[] groups) => SetGroupsAtAsync("http://127.0.0.1:9311", person, groups);

    public async Task SetGroupsAtAsync(string upstreamUrl, string person, params string[] groups)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{upstreamUrl}/test/groups/{person}", new StringContent(System.Text.Json.JsonSerializer.Serialize(groups)));
        response.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        if (_upstream is not null) await _upstream.DisposeAsync();
        if (_hostile is not null) await _hostile.DisposeAsync();
        if (_otherUpstream is not null) await _otherUpstream.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "brokered login";
}
