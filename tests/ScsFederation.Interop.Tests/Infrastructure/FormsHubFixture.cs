using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// A second hub (port 8087, fresh storage) with demo accounts, for the browser-facing forms and headers: the
/// interop federation has none, and its clock can be moved forward here to test session lifetimes.
/// </summary>
public sealed class FormsHubFixture : IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:8087";
    public const string User = "dora";
    public const string Password = "dora-demo-password";
    public const string ConsentClient = "consent-app";
    public const string ConsentRedirect = "http://127.0.0.1:8090/callback";

    public ShiftedClock Clock { get; } = new();

    public HubInstance Hub { get; private set; } = null!;

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "scsfed-forms-" + Guid.NewGuid().ToString("n")[..8]);

    /// <summary>The federation file of a demo hub on <paramref name="issuer"/>, with <paramref name="extraHub"/> lines under <c>hub:</c>.</summary>
    public static FederationConfig DemoConfig(string issuer, string folder, string extraHub = "") => FederationFileReader.Parse($"""
        hub:
          issuer: {issuer}
          dataFolder: data
        {extraHub}
          demo:
            enabled: true
            users:
              - username: {User}
                password: {Password}
                groups: [demo-users]
        clients:
          - clientId: {ConsentClient}
            type: public
            displayName: Consent test app
            consent: explicit
            redirectUris: [{ConsentRedirect}]
            grantTypes: [authorization_code]
        """, Path.Combine(folder, "federation.yaml"), _ => null);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataFolder);
        var config = DemoConfig(Issuer, DataFolder, "  session:\n    absoluteHours: 1");
        await TestStorage.ApplyAsync(config.Hub, DataFolder);
        Hub = new HubInstance(config, b => b.Services.AddSingleton<TimeProvider>(Clock));
        await Hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class FormsHubCollection : ICollectionFixture<FormsHubFixture>
{
    public const string Name = "forms hub";
}
