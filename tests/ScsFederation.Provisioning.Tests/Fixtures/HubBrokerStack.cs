using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Storage;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// The hub as the provisioning broker's trigger, all real on loopback: the hub process on :9366 with demo accounts
/// and an upstream (oidc-provider on :9313, whose people's groups tests change between logins),
/// the admin API, just-in-time provisioning after logins and a schedule; provider cloud-a is a Keystone on :9353
/// (onboarded through the admin API when the stack starts), provider cloud-b a Keystone on :9354 left for the
/// onboarding tests (its rules grant only a group nobody has, so no login provisions anything there); provider
/// cloud-k is a Kubernetes cluster (the in-test API contract server on :9373).
/// </summary>
public sealed class HubBrokerStack : IAsyncLifetime
{
    public const string HubUrl = "http://127.0.0.1:9366";
    public const string PortalRedirect = "http://127.0.0.1:9/portal/callback";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "scsfed-broker-tests", Guid.NewGuid().ToString("n")[..8]);
    public const string UpstreamUrl = "http://127.0.0.1:9313";
    /// <summary>A second oidc-provider (upstream <c>peer-b</c>) whose people carry peer's names, addresses and, set by a test, groups.</summary>
    public const string HostileUpstreamUrl = "http://127.0.0.1:9316";
    private HubProcess? _hub;
    private NodeProcess? _upstream;
    private NodeProcess? _hostileUpstream;

    public string AdminToken { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    public KeystoneInstance CloudA { get; private set; } = null!;

    public KeystoneInstance CloudB { get; private set; } = null!;

    /// <summary>Provider cloud-k's cluster: the in-test server implementing the Kubernetes API contract.</summary>
    public KubernetesContractServer Cluster { get; } = new(9373);

    public FederationConfig Config { get; private set; } = null!;

    /// <summary>The running hub's SQLite database (WAL), for tests that play another hub instance.</summary>
    public HubDbContextFactory Database() =>
        new(new HubSettings { Storage = new StorageSettings { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(_root, "data", "hub.db")}" } });

    public string HubLog => _hub?.Output ?? "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        CloudA = new KeystoneInstance("broker-a", 9353, Path.Combine(_root, "keystone-a"), password);
        CloudB = new KeystoneInstance("broker-b", 9354, Path.Combine(_root, "keystone-b"), password);
        await Task.WhenAll(CloudA.StartAsync(), CloudB.StartAsync());
        // oidc-provider as an upstream whose people's groups a test can change between logins.
        _upstream = await NodeProcess.StartServerAsync("oidc/upstream-op.mjs", "9313", "hub-client", "hub-upstream-secret", HubUrl + "/signin-oidc/peer");
        _hostileUpstream = await NodeProcess.StartServerAsync("oidc/upstream-op.mjs", "9316", "hub-client", "hub-peer-b-secret", HubUrl + "/signin-oidc/peer-b");

        var rulesB = Path.Combine(_root, "mapping-cloud-b.json");
        await File.WriteAllTextAsync(rulesB, """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["cloud-b-operators"] } ],
                           "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "b-{0}", "roles": [ { "name": "member" } ] } ] } ] } ] }
            """);
        var rulesH = Path.Combine(_root, "mapping-cloud-h.json");
        await File.WriteAllTextAsync(rulesH, """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["cloud-h-operators"] } ],
                           "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "h-{0}", "roles": [ { "name": "member" } ] } ] } ] } ] }
            """);
        var rulesK = Path.Combine(_root, "mapping-cloud-k.json");
        await File.WriteAllTextAsync(rulesK, """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["scs-admins"] } ],
                           "local": [ { "user": { "name": "{0}" } },
                                      { "kubernetes": { "cluster": "k-test", "groups": ["scs-admins"], "namespaces": [ { "name": "team-{0}", "clusterRole": "edit" } ] } } ] } ] }
            """);
        var federation = Path.Combine(_root, "federation.yaml");
        await File.WriteAllTextAsync(federation, $$"""
            hub:
              issuer: {{HubUrl}}
              dataFolder: {{Path.Combine(_root, "data")}}
              adminToken: ${env:SCSFED_TEST_ADMIN_TOKEN}
              provisioning:
                onLogin: true
                intervalMinutes: 60
                leaseSeconds: 30
              demo:
                enabled: true
                users:
                  - { username: bob, password: bob-pass, email: bob@example.org, groups: [scs-admins] }
                  - { username: carol, password: carol-pass, email: carol@example.org, groups: [scs-admins] }
                  - { username: dave, password: dave-pass, email: dave@example.org, groups: [visitors] }
                  # The hostile upstream of HostileUpstreamProvisioningTests: upstream peer's alice, her address, her groups.
                  - { username: alice, password: alice-pass, email: alice@example.org, groups: [cloud-h-operators, scs-admins, "system:masters"] }
            upstreams:
              - id: peer
                type: oidc
                authority: {{UpstreamUrl}}
                clientId: hub-client
                clientSecret: hub-upstream-secret
                scopes: [openid, email, profile, groups]
              # The hostile OIDC upstream of HostileUpstreamProvisioningTests: same people, names and addresses as peer.
              - id: peer-b
                type: oidc
                authority: {{HostileUpstreamUrl}}
                clientId: hub-client
                clientSecret: hub-peer-b-secret
                scopes: [openid, email, profile, groups]
            providers:
              - id: cloud-a
                mapping: {{Path.Combine(RepositoryRoot.Path, "samples", "interop", "mapping-cloud-a.json")}}
                keystone:
                  url: {{CloudA.Url}}
                  domain: scs-fed
                  admin:
                    password: ${env:SCSFED_CLOUD_PASSWORD}
              - id: cloud-b
                mapping: {{rulesB}}
                keystone:
                  url: {{CloudB.Url}}
                  domain: scs-fed-b
                  publicUrl: http://127.0.0.1:9362
                  clientId: keystone-cloud-b
                  admin:
                    password: ${env:SCSFED_CLOUD_PASSWORD}
              # cloud-a's Keystone again, own domain: grants only upstream peer's people (HostileUpstreamProvisioningTests).
              - id: cloud-h
                mapping: {{rulesH}}
                upstreams: [peer]
                keystone:
                  url: {{CloudA.Url}}
                  domain: scs-fed-h
                  admin:
                    password: ${env:SCSFED_CLOUD_PASSWORD}
              - id: cloud-k
                mapping: {{rulesK}}
                kubernetes:
                  cluster: k-test
                  apiServer: {{Cluster.Url}}
            clients:
              - clientId: portal
                type: public
                redirectUris: [{{PortalRedirect}}]
                consent: none
              - clientId: keystone-cloud-b
                clientSecret: keystone-cloud-b-secret-0123456789
                redirectUris: [http://127.0.0.1:9362/v3/auth/OS-FEDERATION/identity_providers/scsfed-hub/protocols/openid/websso/redirect]
                consent: none
                provider: cloud-b
            """);
        var env = new Dictionary<string, string> { ["SCSFED_CLOUD_PASSWORD"] = password, ["SCSFED_TEST_ADMIN_TOKEN"] = AdminToken };
        Config = FederationFileReader.Load(federation, name => env.GetValueOrDefault(name) ?? Environment.GetEnvironmentVariable(name));
        _hub = await HubProcess.StartAsync(federation, HubUrl, env);

        // cloud-a must trust the hub before its users can be linked to the hub's identity provider.
        using var admin = AdminClient();
        var onboard = await admin.PostAsync("/admin/providers/cloud-a/onboard", null);
        if (!onboard.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"onboarding cloud-a through the admin API failed ({(int)onboard.StatusCode}): {await onboard.Content.ReadAsStringAsync()}\n{HubLog}");
        }
    }

    /// <summary>What the upstream will say a person's groups are at their next login.</summary>
    public static Task SetUpstreamGroupsAsync(string person, params string[] groups) => SetGroupsAtAsync(UpstreamUrl, person, groups);

    /// <summary>What the hostile upstream peer-b will say a person's groups are at their next login.</summary>
    public static Task SetHostileUpstreamGroupsAsync(string person, params string[] groups) => SetGroupsAtAsync(HostileUpstreamUrl, person, groups);

    private static async Task SetGroupsAtAsync(string upstream, string person, string[] groups)
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{upstream}/test/groups/{person}", new StringContent(System.Text.Json.JsonSerializer.Serialize(groups)));
        response.EnsureSuccessStatusCode();
    }

    public HttpClient AdminClient(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(HubUrl), Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return http;
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty answer");

    public async Task DisposeAsync()
    {
        if (_hub is not null) await _hub.DisposeAsync();
        if (_upstream is not null) await _upstream.DisposeAsync();
        if (_hostileUpstream is not null) await _hostileUpstream.DisposeAsync();
        Cluster.Dispose();
        foreach (var k in new[] { CloudA, CloudB })
        {
            if (k is not null) await k.StopAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for inspection when a file is still held; it lives under the temp folder.
        }
    }
}
