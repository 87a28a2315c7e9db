using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Storage;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// The login into a cloud as SCS deploys it, all real, on loopback: the hub (built from src/ScsFederation.Hub, demo
/// upstream accounts) as OpenID Provider on :9365, Keystone on :9352 onboarded by <see cref="ProviderOnboarding"/>,
/// served under Apache mod_wsgi behind mod_auth_openidc on :9361 with the site onboarding generated
/// (scripts/keystone-apache.sh). Everything is stopped by PID at the end.
/// </summary>
public sealed class WebSsoStack : IAsyncLifetime
{
    public const string HubUrl = "http://127.0.0.1:9365";
    public const string ApacheUrl = "http://127.0.0.1:9361";
    public const string ClientSecret = "keystone-cloud-a-secret-0123456789";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "scsfed-websso-tests", Guid.NewGuid().ToString("n")[..8]);
    private HubProcess? _hub;

    public KeystoneInstance Keystone { get; private set; } = null!;

    public FederationConfig Config { get; private set; } = null!;

    private string Script(string name) => Path.Combine(RepositoryRoot.Path, "scripts", name);

    public async Task InitializeAsync()
    {
        foreach (var required in new[] { "/usr/sbin/apache2", "/usr/lib/apache2/modules/mod_auth_openidc.so", "/usr/lib/apache2/modules/mod_wsgi.so", "/usr/bin/keystone-manage", "/usr/bin/openstack" })
        {
            if (!File.Exists(required)) throw new InvalidOperationException($"{required} is missing: run scripts/install-provisioning.sh");
        }
        Directory.CreateDirectory(_root);
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        Keystone = new KeystoneInstance("websso", 9352, Path.Combine(_root, "keystone"), password);

        var federation = Path.Combine(_root, "federation.yaml");
        await File.WriteAllTextAsync(federation, $$"""
            hub:
              issuer: {{HubUrl}}
              dataFolder: {{Path.Combine(_root, "data")}}
              demo:
                enabled: true
                users:
                  - { username: alice, password: alice-pass, email: alice@example.org, groups: [scs-admins] }
                  - { username: mallory, password: mallory-pass, email: mallory@example.org, groups: [visitors] }
            providers:
              - id: cloud-a
                mapping: {{Path.Combine(RepositoryRoot.Path, "samples", "interop", "mapping-cloud-a.json")}}
                keystone:
                  url: {{Keystone.Url}}
                  domain: scs-fed
                  publicUrl: {{ApacheUrl}}
                  clientId: keystone-cloud-a
                  admin:
                    password: ${env:SCSFED_CLOUD_A_PASSWORD}
            clients:
              - clientId: keystone-cloud-a
                clientSecret: {{ClientSecret}}
                redirectUris: [{{ApacheUrl}}/v3/auth/OS-FEDERATION/identity_providers/scsfed-hub/protocols/openid/websso/redirect]
                consent: none
                grantTypes: [authorization_code, refresh_token]
                provider: cloud-a
            """);
        Config = FederationFileReader.Load(federation, name => name == "SCSFED_CLOUD_A_PASSWORD" ? password : Environment.GetEnvironmentVariable(name));

        // Keystone under Apache runs as www-data, so its files must belong to www-data.
        Environment.SetEnvironmentVariable("KEYSTONE_OWNER", "www-data");
        Environment.SetEnvironmentVariable("KEYSTONE_TRUSTED_DASHBOARD", ApacheUrl + "/");
        try
        {
            await Keystone.StartAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("KEYSTONE_OWNER", null);
            Environment.SetEnvironmentVariable("KEYSTONE_TRUSTED_DASHBOARD", null);
        }

        var db = await TestDatabase.CreateAsync(Path.Combine(_root, "onboarding.db"));
        var output = Path.Combine(_root, "onboarded");
        await new ProviderOnboarding(Config, new EfOwnershipStore(db), p => KeystoneClient.Create(p.Keystone!)).OnboardAsync("cloud-a", output, CancellationToken.None);

        _hub = await HubProcess.StartAsync(federation, HubUrl, new Dictionary<string, string> { ["SCSFED_CLOUD_A_PASSWORD"] = password });

        var env = new Dictionary<string, string>
        {
            ["APACHE_RUN_DIR"] = Path.Combine(_root, "apache"),
            ["SCSFED_CLOUD_A_OIDC_CLIENT_SECRET"] = ClientSecret,
            ["SCSFED_CLOUD_A_OIDC_CRYPTO_PASSPHRASE"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        };
        var (code, outText) = await ProcessRunner.RunAsync("bash", [Script("keystone-apache.sh"), "start", "websso", Path.Combine(output, "cloud-a", "apache-keystone.conf"), Keystone.DataFolder], env, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException("Apache did not start:\n" + outText);
    }

    public async Task DisposeAsync()
    {
        await ProcessRunner.RunAsync("bash", [Script("keystone-apache.sh"), "stop", "websso"], new Dictionary<string, string> { ["APACHE_RUN_DIR"] = Path.Combine(_root, "apache") }, TimeSpan.FromMinutes(1));
        if (_hub is not null) await _hub.DisposeAsync();
        if (Keystone is not null) await Keystone.StopAsync();
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
