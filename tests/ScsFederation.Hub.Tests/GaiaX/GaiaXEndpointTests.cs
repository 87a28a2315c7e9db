using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.GaiaX;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Hub.Tests.GaiaX;

/// <summary>The hub's Gaia-X endpoints on a loopback port over a migrated SQLite database: media types, negotiation, ETag, 304, 404, 406, listing.</summary>
public sealed class GaiaXEndpointTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-gaiax-endpoints-").FullName;
    private WebApplication _app = null!;
    private readonly HttpClient _http = new();
    private string _base = "";

    public async Task InitializeAsync()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var hub = await HubTestDatabase.MigratedAsync("sqlite", _folder);
        hub.Issuer = $"http://127.0.0.1:{port}";
        var config = new FederationConfig { Hub = hub, Providers = [new CloudProvider { Id = "p1", GaiaX = new GaiaXProviderSettings() }, new CloudProvider { Id = "p2" }] };
        _base = $"http://127.0.0.1:{port}/gaia-x/providers/p1/";
        var store = new EfPublicationStore(new HubDbContextFactory(hub));
        var now = DateTimeOffset.UtcNow;
        PublishedCredential Vc(string name, string kind, string mediaType, string body) => new(_base + name, kind, "gx:X", mediaType, body, "gxdch", now, now.AddDays(1));
        await store.SaveAsync(new ProviderPublication("pub-1", "p1", "did:web:127.0.0.1%3A1:providers:p1", now, "h",
        [
            Vc("legal-person", PublishedKind.Credential, "application/vc+jwt", "eyJ.legal.person"),
            Vc("registration-number", PublishedKind.RegistrationNumber, "application/vc+ld+jwt", "eyJ.notary.vc"),
            Vc("presentation", PublishedKind.Presentation, "application/vp+jwt", "eyJ.the.vp"),
            Vc("compliance", PublishedKind.Label, "application/vc+jwt", "eyJ.the.label"),
        ]), default);

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(hub.Issuer);
        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPublicationStore>(store);
        _app = builder.Build();
        _app.MapGaiaXEndpoints(config);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept = null, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.StartsWith("http", StringComparison.Ordinal) ? path : _base + path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await _http.SendAsync(request);
    }

    [Theory]
    [InlineData("compliance", null, "application/vc+jwt", "eyJ.the.label")]
    [InlineData("compliance", "application/vc+ld+json+jwt", "application/vc+ld+json+jwt", "eyJ.the.label")]
    [InlineData("legal-person", "application/vc+ld+json+jwt;q=0.5, application/vc+jwt", "application/vc+jwt", "eyJ.legal.person")]
    [InlineData("legal-person", "*/*", "application/vc+jwt", "eyJ.legal.person")]
    [InlineData("registration-number", "application/*", "application/vc+ld+jwt", "eyJ.notary.vc")]
    [InlineData("presentation", null, "application/vp+jwt", "eyJ.the.vp")]
    [InlineData("presentation", "application/vp+ld+json+jwt", "application/vp+ld+json+jwt", "eyJ.the.vp")]
    public async Task Credentials_are_served_at_their_ids_with_the_negotiated_media_type(string path, string? accept, string mediaType, string body)
    {
        using var response = await GetAsync(path, accept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
        Assert.Equal(PublishedCredential.EtagOf(body), response.Headers.ETag!.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task If_none_match_answers_304_and_a_stale_etag_the_credential()
    {
        var etag = PublishedCredential.EtagOf("eyJ.the.label");
        using var same = await GetAsync("compliance", ifNoneMatch: etag);
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Equal(etag, same.Headers.ETag!.ToString());
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        using var stale = await GetAsync("compliance", ifNoneMatch: "\"0000\"");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [Theory]
    [InlineData("compliance", "text/html")]
    [InlineData("presentation", "application/vc+jwt")]   // a VP is not served as a VC
    [InlineData("compliance", "application/vc+jwt;q=0")]
    public async Task An_unacceptable_accept_is_406(string path, string accept)
    {
        using var response = await GetAsync(path, accept);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    [Theory]
    [InlineData("services/unknown")]
    [InlineData("http://127.0.0.1:{port}/gaia-x/providers/p2/legal-person")]     // a provider without gaiaX
    [InlineData("http://127.0.0.1:{port}/gaia-x/providers/nobody/legal-person")]
    public async Task Unknown_ids_are_404(string path)
    {
        using var response = await GetAsync(path.Replace("http://127.0.0.1:{port}/", new Uri(_base).GetLeftPart(UriPartial.Authority) + "/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_listing_names_every_resolvable_credential()
    {
        using var response = await GetAsync("");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var listing = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(_base + "presentation", (string?)listing["presentation"]);
        Assert.Equal(_base + "compliance", (string?)listing["label"]);
        Assert.Equal(4, listing["credentials"]!.AsArray().Count);
        Assert.Contains(listing["credentials"]!.AsArray(), c => (string?)c!["etag"] == PublishedCredential.EtagOf("eyJ.notary.vc") && (string?)c["mediaType"] == "application/vc+ld+jwt");
    }
}
