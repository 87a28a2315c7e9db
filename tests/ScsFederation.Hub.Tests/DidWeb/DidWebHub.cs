using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.X509;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.Keys;

namespace ScsFederation.Hub.Tests.DidWeb;

/// <summary>
/// The hub's did:web part on a loopback port, wired as HubHost wires it (AddIssuerIdentity, MapDidWebEndpoints), with
/// one issuer <c>did:web:127.0.0.1%3A&lt;port&gt;[:path]</c>, a registry stand-in, and a CA the stand-in trusts.
/// </summary>
internal sealed class DidWebHub : IAsyncDisposable
{
    private WebApplication _app = null!;

    public string Folder { get; } = Directory.CreateTempSubdirectory("scsfed-didweb-").FullName;
    public FederationConfig Config { get; private set; } = null!;
    public DidWebIssuer Issuer => Config.Hub.DidWeb.Issuers[0];
    public DidWebAddress Address => DidWebAddress.Parse(Issuer.Did)!;
    public GaiaXRegistryStandIn Registry { get; private set; } = null!;
    public IssuerIdentity Identity => _app.Services.GetRequiredService<IssuerIdentity>();
    public IIssuerKeyStore Store => _app.Services.GetRequiredService<IIssuerKeyStore>();
    public SigningKeyRotationTests.MovableClock Clock { get; } = new(DateTimeOffset.UtcNow);
    public HttpClient Http { get; } = new();

    public ECDsa TrustedCaKey { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public X509Certificate2 TrustedCa { get; private set; } = null!;

    public static async Task<DidWebHub> StartAsync(string[] path, string algorithm = "PS256")
    {
        var hub = new DidWebHub();
        hub.Registry = await GaiaXRegistryStandIn.StartAsync();
        var request = new CertificateRequest("CN=Stand-in trust anchor", hub.TrustedCaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        hub.TrustedCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        hub.Registry.Trust(hub.TrustedCa);

        var port = FreePort();
        var registry = new Uri(hub.Registry.BaseUrl);
        hub.Config = new FederationConfig
        {
            Hub = new HubSettings
            {
                Issuer = $"http://127.0.0.1:{port}",
                DataFolder = hub.Folder,
                AllowedFetchHosts = [registry.Host],
                DidWeb = new DidWebSettings
                {
                    Registry = hub.Registry.BaseUrl, CredentialLifetimeDays = 30,
                    Issuers = [new DidWebIssuer { Did = string.Join(':', [$"did:web:127.0.0.1%3A{port}", .. path]), Algorithm = algorithm }],
                },
            },
        };
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddSingleton(hub.Config);
        builder.Services.AddSingleton(hub.Config.Hub);
        builder.Services.AddSingleton<TimeProvider>(hub.Clock);
        builder.Services.AddSingleton(KeyEncryptionKey.Load(hub.Config.Hub));
        builder.Services.AddIssuerIdentity(hub.Config);
        // The test drives publication itself (RefreshAsync), not the 10-minute schedule.
        builder.Services.Remove(builder.Services.Single(s => s.ImplementationType == typeof(IssuerIdentityService)));
        hub._app = builder.Build();
        hub._app.MapDidWebEndpoints(hub.Config);
        await hub._app.StartAsync();
        return hub;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The public JWKs of the issuer's keys not yet published (the hub generates one at its first check).</summary>
    public async Task<JsonWebKey> PendingKeyAsync()
    {
        var keys = await Store.ListAsync(Issuer.Did, default);
        return JsonWebKey.Parse(keys.Where(k => k.PublishedAt is null).MaxBy(k => k.CreatedAt)!.PublicJwk);
    }

    /// <summary>Leaf for <paramref name="key"/> with SAN <paramref name="san"/> issued by <paramref name="ca"/> (default: the trusted CA), then the CA.</summary>
    public string ChainFor(JsonWebKey key, string? san = null, X509Certificate2? ca = null, ECDsa? caKey = null)
    {
        var now = DateTimeOffset.UtcNow;
        return IssuerCertificates.IssueLeafPem(key, san ?? Address.Host, ca ?? TrustedCa, caKey ?? TrustedCaKey, now.AddMinutes(-5), now.AddDays(90))
               + (ca ?? TrustedCa).ExportCertificatePem() + "\n";
    }

    /// <summary>Configures <paramref name="pem"/> as the issuer's chain file and runs the publication check.</summary>
    public async Task<IssuerStatus> PublishAsync(string pem)
    {
        var file = Path.Combine(Folder, $"chain-{Guid.NewGuid():n}.pem");
        await File.WriteAllTextAsync(file, pem);
        Issuer.CertificateChain = file;
        await Identity.RefreshAsync(default);
        return Identity.Statuses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await Registry.DisposeAsync();
        Http.Dispose();
        TrustedCaKey.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
