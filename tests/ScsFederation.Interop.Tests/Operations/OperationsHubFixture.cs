using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Operations;

/// <summary>
/// A hub process (issuer :8091, Prometheus listener :9465, JSON logs) with demo accounts, a machine client and an
/// OIDC upstream that is not there (:9 discards), for the operations surface: health probes, metrics, logs.
/// Always on SQLite (also in the PostgreSQL run): the readiness test takes the database file away.
/// </summary>
public sealed class OperationsHubFixture : IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:8091";
    public const string Metrics = "http://127.0.0.1:9465/metrics";
    public const string DemoPassword = "ops-demo-password-4711";
    public const string MachineClient = "ops-machine";
    public const string MachineSecret = "ops-machine-secret-0123456789abcdef";
    public string AdminToken { get; } = "ops-admin-" + Guid.NewGuid().ToString("n");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "scsfed-ops-" + Guid.NewGuid().ToString("n")[..8]);

    public string Database => Path.Combine(Folder, "data", "hub.db");

    public HubProcess Hub { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, "federation.yaml");
        await File.WriteAllTextAsync(file, $$"""
            hub:
              issuer: {{Issuer}}
              dataFolder: data
              adminToken: ${env:OPS_ADMIN_TOKEN}
              operations:
                logFormat: json
                prometheusPort: 9465
              demo:
                enabled: true
                users:
                  - { username: olga, password: {{DemoPassword}}, groups: [ops] }
            upstreams:
              - id: gone
                type: oidc
                authority: http://127.0.0.1:9
                clientId: hub
                clientSecret: gone-upstream-secret-0123456789
            clients:
              - clientId: {{MachineClient}}
                clientSecret: {{MachineSecret}}
                grantTypes: [client_credentials]
            """);
        Hub = await HubProcess.StartAsync(file, Issuer, new Dictionary<string, string> { ["OPS_ADMIN_TOKEN"] = AdminToken });
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class OperationsHubCollection : ICollectionFixture<OperationsHubFixture>
{
    public const string Name = "operations hub";
}
