using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys;
using ScsFederation.Hub.Saml;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// A SAML upstream's entityID is pinned in the federation file: metadata (samlify's, for the interop test key)
/// that names another entity — another upstream's issuer — is refused at start-up, and a refresh that brings
/// such metadata is refused while the last good metadata stays in use.
/// </summary>
public sealed class SamlEntityIdPinTests : IDisposable
{
    private const string Pinned = "http://127.0.0.1:9380/saml/idp";
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-saml-pin-").FullName;
    private readonly string _metadata;
    private readonly string _original = File.ReadAllText(RepositoryRoot.Combine("samples", "interop", "saml-idp-metadata.xml"));

    public SamlEntityIdPinTests()
    {
        Assert.Contains($"entityID=\"{Pinned}\"", _original);
        _metadata = Path.Combine(_folder, "idp-metadata.xml");
        File.WriteAllText(_metadata, _original);
    }

    /// <summary>The IdP publishes metadata naming <paramref name="entityId"/> (unsigned, as the sample's).</summary>
    private void Publish(string entityId) =>
        File.WriteAllText(_metadata, _original.Replace($"entityID=\"{Pinned}\"", $"entityID=\"{entityId}\"", StringComparison.Ordinal));

    private FederationConfig Config() => FederationFileReader.Parse($"""
        hub:
          issuer: http://127.0.0.1:8085
          dataFolder: data
          demo:
            enabled: true
            users:
              - username: alice
                password: alice
        upstreams:
          - id: uni-a
            type: oidc
            authority: http://127.0.0.1:9311
            clientId: hub-client
          - id: uni-b
            type: saml
            entityId: {Pinned}
            metadata: idp-metadata.xml
            allowUnsolicited: true
        """, Path.Combine(_folder, "federation.yaml"), _ => null);

    private static IHttpClientFactory Http() => SamlMetadataSource.AddHttpClient(new ServiceCollection()).BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    private static Task<SamlServiceProvider> LoadAsync(FederationConfig config) =>
        SamlServiceProvider.LoadAsync(config, KeyEncryptionKey.Load(config.Hub), Http(), CancellationToken.None);

    [Fact]
    public async Task Metadata_naming_the_pinned_entity_loads()
    {
        var sp = await LoadAsync(Config());
        Assert.Equal(Pinned, sp.Upstreams["uni-b"].EntityId);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9311")]                 // the OIDC upstream's authority
    [InlineData("http://127.0.0.1:9380/saml/idp-strict")] // another IdP's entity
    [InlineData("http://127.0.0.1:8085/demo")]            // the demo upstream's issuer
    public async Task Metadata_naming_another_upstreams_issuer_is_refused_at_load(string published)
    {
        Publish(published);
        var ex = await Assert.ThrowsAsync<FederationConfigException>(() => LoadAsync(Config()));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("/upstreams/1/entityId", error.Path);
        Assert.Contains(published, error.Message);
        Assert.Contains(Pinned, error.Message);
    }

    [Fact]
    public async Task A_refresh_naming_another_entity_is_refused_and_the_last_good_metadata_stays()
    {
        var config = Config();
        var sp = await LoadAsync(config);
        var good = sp.Upstreams["uni-b"];
        var log = new ListLogger<SamlMetadataRefreshService>();
        var refresher = new SamlMetadataRefreshService(sp, config, Http(), TimeProvider.System, new ScsFederation.Hub.Operations.UpstreamHealth(TimeProvider.System), log);

        Publish("http://127.0.0.1:9311");
        Assert.False(await refresher.RefreshAsync(config.Upstreams[1], CancellationToken.None));
        Assert.Same(good, sp.Upstreams["uni-b"]);
        var entry = Assert.Single(log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("Keeping the previous SAML metadata of upstream uni-b", entry.Message);
        Assert.Contains("'http://127.0.0.1:9311'", entry.Message);

        // The IdP fixes its metadata: the next refresh takes it.
        Publish(Pinned);
        Assert.True(await refresher.RefreshAsync(config.Upstreams[1], CancellationToken.None));
        Assert.NotSame(good, sp.Upstreams["uni-b"]);
        Assert.Equal(Pinned, sp.Upstreams["uni-b"].EntityId);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Keeps what was logged, formatted, so tests can check the reason an operator would read.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
    }
}
