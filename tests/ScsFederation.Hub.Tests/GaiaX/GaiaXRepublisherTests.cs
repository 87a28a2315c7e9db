using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.X509;
using ScsFederation.Gxdch.Tests;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.GaiaX;
using ScsFederation.Hub.Keys;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Hub.Tests.GaiaX;

/// <summary>
/// The hub's republication check with its real parts (issuer identity with a lab chain, the SQLite store, the GXDCH
/// stand-in): the first run publishes and labels, an unchanged provider is left alone, a changed federation entry
/// republishes, and without a published issuer key nothing is published.
/// </summary>
[Collection(StandInCollection.Name)]
public sealed class GaiaXRepublisherTests(GxdchStandIn standIn) : IAsyncLifetime
{
    private const string Did = "did:web:hub.example:providers:p1";
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-republisher-").FullName;
    private FederationConfig _config = null!;
    private EfPublicationStore _store = null!;
    private IssuerIdentity _identity = null!;

    private sealed class Clients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false });
    }

    public async Task InitializeAsync()
    {
        var hub = await HubTestDatabase.MigratedAsync("sqlite", _folder);
        hub.Issuer = "https://hub.example";
        hub.AllowedFetchHosts = ["127.0.0.1"];
        hub.Signing.KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        hub.GaiaX = new GaiaXPublicationSettings
        {
            Notary = new GxdchServiceSettings { Url = standIn.Base + "notary", Did = standIn.NotaryDid },
            Compliance = new GxdchComplianceSettings { Url = standIn.Base + "compliance", Did = standIn.ComplianceDid },
            RepublishHours = 0,
        };
        var chainFile = Path.Combine(_folder, "chain.pem");
        hub.DidWeb = new DidWebSettings { AllowSelfSigned = true, Issuers = [new DidWebIssuer { Did = Did, Algorithm = "ES256", CertificateChain = chainFile }] };
        _config = new FederationConfig
        {
            Hub = hub,
            Providers = [new CloudProvider
            {
                Id = "p1", DisplayName = "P1",
                Kubernetes = new KubernetesSettings { Cluster = "k1", ApiServer = "https://k1.example:6443" },
                GaiaX = new GaiaXProviderSettings
                {
                    LegalName = "P1 GmbH", RegistrationNumber = new GaiaXRegistrationNumber { VatId = "DE333333333" },
                    HeadquartersAddress = new GaiaXAddress { CountryCode = "DE" },
                    TermsAndConditions = new GaiaXDocument { Url = "https://p1.example/terms", Hash = new string('c', 64) },
                    DataAccountExport = new GaiaXDataAccountExport(),
                },
            }],
        };
        var kek = KeyEncryptionKey.Load(hub);
        var keys = new FileIssuerKeyStore(_folder);
        var jwk = JsonWebKey.Generate("ES256");
        await keys.AddAsync(IssuerIdentity.Seal(kek, Did, jwk, "ES256", DateTimeOffset.UtcNow), default);
        await File.WriteAllTextAsync(chainFile, IssuerCertificates.CreateLabChainPem(jwk.ToPublic(), "hub.example", DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(400)));
        _identity = new IssuerIdentity(_config, keys, kek, new TrustAnchorRegistry(new Clients(), hub), TimeProvider.System, NullLogger<IssuerIdentity>.Instance);
        _store = new EfPublicationStore(new HubDbContextFactory(hub));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private GaiaXRepublisher Republisher() => new(_config, _identity, _store, new Clients(), TimeProvider.System, NullLogger<GaiaXRepublisher>.Instance);

    [Fact]
    public async Task Publishes_once_then_only_when_the_federation_entry_changes()
    {
        await _identity.RefreshAsync(default);

        var first = Assert.Single(await Republisher().RunOnceAsync(default));
        Assert.Equal("published", first.Action);
        var published = (await _store.CurrentAsync("p1", default))!;
        Assert.NotNull(published.Label);                    // compliance.submit defaults to true
        Assert.Contains(published.Credentials, c => c.Id.EndsWith("/services/kubernetes-k1", StringComparison.Ordinal));

        Assert.Equal("current", Assert.Single(await Republisher().RunOnceAsync(default)).Action);
        Assert.Equal(published.Id, (await _store.CurrentAsync("p1", default))!.Id);

        _config.Providers[0].Kubernetes!.ApiServer = "https://k1-new.example:6443";
        var changed = Assert.Single(await Republisher().RunOnceAsync(default));
        Assert.Equal("published", changed.Action);
        var republished = (await _store.CurrentAsync("p1", default))!;
        Assert.NotEqual(published.Id, republished.Id);
        Assert.NotEqual(published.InputHash, republished.InputHash);
        var offering = republished.Credentials.Single(c => c.Id.EndsWith("/services/kubernetes-k1", StringComparison.Ordinal));
        Assert.Contains("k1-new.example", System.Text.Encoding.UTF8.GetString(CompactJws.Parse(offering.Body).Payload));
    }

    [Fact]
    public async Task Without_a_published_issuer_key_nothing_is_published()
    {
        // No RefreshAsync: the issuer identity has published nothing, so there is no key to sign with.
        var outcome = Assert.Single(await Republisher().RunOnceAsync(default));
        Assert.Equal("refused", outcome.Action);
        Assert.Equal(PublicationRefusal.IssuerKeyMissing, outcome.Reason);
        Assert.Null(await _store.CurrentAsync("p1", default));
    }
}
