using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Upstreams;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Issue #11 finding 12: an upstream whose discovery document lies about its endpoints (a hostile loopback server,
/// since a real OP cannot easily be made to lie). Endpoints the hub calls must be https (http only to loopback) on
/// the authority's host or an allowed fetch host; nothing is sent anywhere else; the browser never sees upstream
/// error bodies or internal URLs.
/// </summary>
public sealed class UpstreamEndpointPolicyTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-endpoints-").FullName;

    private static readonly string Jwks = new JsonObject { ["keys"] = new JsonArray() }.ToJsonString();

    /// <summary>An "OP" whose discovery names the endpoints <paramref name="lie"/> chooses (defaults: its own origin).</summary>
    private static HostileHttpServer Liar(Action<JsonObject, string> lie, Func<HostileRequest, HostileResponse?>? other = null)
    {
        HostileHttpServer? self = null;
        self = new HostileHttpServer(r =>
        {
            var origin = self!.Origin;
            if (r.Target == "/.well-known/openid-configuration")
            {
                var doc = new JsonObject
                {
                    ["issuer"] = origin,
                    ["authorization_endpoint"] = origin + "/auth",
                    ["token_endpoint"] = origin + "/token",
                    ["userinfo_endpoint"] = origin + "/me",
                    ["jwks_uri"] = origin + "/jwks",
                };
                lie(doc, origin);
                return new HostileResponse(200, doc.ToJsonString());
            }
            return other?.Invoke(r) ?? (r.Target == "/jwks" ? new HostileResponse(200, Jwks) : new HostileResponse(404, "{}"));
        });
        return self;
    }

    private static UpstreamIdentityProvider Upstream(HostileHttpServer op) =>
        new() { Id = "liar", Type = UpstreamTypes.Oidc, Authority = op.Origin, ClientId = "hub", ClientSecret = "hub-client-secret" };

    private static OidcUpstreamClient Client(HubSettings hub, ScsFederation.Hub.Operations.UpstreamHealth? health = null) =>
        new(new SingleClientFactory(), hub, TimeProvider.System, health ?? new ScsFederation.Hub.Operations.UpstreamHealth(TimeProvider.System), NullLogger<OidcUpstreamClient>.Instance);

    [Fact]
    public async Task Readiness_learns_the_refusal_code_of_a_lying_discovery_and_forgets_it_after_a_good_read()
    {
        var health = new ScsFederation.Hub.Operations.UpstreamHealth(TimeProvider.System);
        var lying = true;
        await using var op = Liar((doc, origin) => { if (lying) doc["jwks_uri"] = "http://10.20.30.40/jwks"; });
        var client = Client(new HubSettings(), health);

        await Assert.ThrowsAsync<UpstreamLoginException>(() => client.GetMetadataAsync(Upstream(op), forceRefresh: true, default));
        Assert.Equal(UpstreamEndpointPolicy.RefusalCode, health.Snapshot()["liar"].LastError);
        Assert.Null(health.Snapshot()["liar"].MetadataReadAt);

        lying = false;
        await client.GetMetadataAsync(Upstream(op), forceRefresh: true, default);
        Assert.Null(health.Snapshot()["liar"].LastError);
        Assert.NotNull(health.Snapshot()["liar"].MetadataReadAt);
    }

    private sealed class SingleClientFactory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
    }

    [Theory]
    [InlineData("jwks_uri")]
    [InlineData("token_endpoint")]
    [InlineData("userinfo_endpoint")]
    public async Task An_endpoint_on_another_host_is_refused_and_never_contacted(string field)
    {
        await using var elsewhere = new HostileHttpServer(_ => new HostileResponse(200, Jwks), "127.0.0.2");
        await using var op = Liar((doc, _) => doc[field] = elsewhere.Origin + "/x");

        var ex = await Assert.ThrowsAsync<UpstreamLoginException>(() => Client(new HubSettings()).GetMetadataAsync(Upstream(op), forceRefresh: true, default));

        Assert.Equal(UpstreamEndpointPolicy.RefusalCode, ex.Code);
        Assert.Contains(field, ex.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task An_endpoint_on_a_host_the_operator_allowed_is_used()
    {
        await using var elsewhere = new HostileHttpServer(_ => new HostileResponse(200, Jwks), "127.0.0.2");
        await using var op = Liar((doc, _) => doc["jwks_uri"] = elsewhere.Origin + "/jwks");

        var metadata = await Client(new HubSettings { AllowedFetchHosts = ["127.0.0.2"] }).GetMetadataAsync(Upstream(op), forceRefresh: true, default);

        Assert.Equal(elsewhere.Origin + "/jwks", metadata.JwksUri);
        Assert.Single(elsewhere.Requests);
    }

    [Theory]
    [InlineData("token_endpoint", "http://idp.example/token")]
    [InlineData("jwks_uri", "http://idp.example/jwks")]
    [InlineData("userinfo_endpoint", "http://idp.example/me")]
    [InlineData("authorization_endpoint", "http://idp.example/auth")]
    [InlineData("token_endpoint", "https://user:pass@idp.example/token")]
    [InlineData("jwks_uri", "file:///etc/passwd")]
    public async Task Plain_http_to_a_host_that_is_not_loopback_is_refused_even_on_an_allowed_host(string field, string value)
    {
        await using var op = Liar((doc, _) => doc[field] = value);

        var ex = await Assert.ThrowsAsync<UpstreamLoginException>(() => Client(new HubSettings { AllowedFetchHosts = ["idp.example"] }).GetMetadataAsync(Upstream(op), forceRefresh: true, default));

        Assert.Equal(UpstreamEndpointPolicy.RefusalCode, ex.Code);
    }

    [Theory]
    [InlineData("http://idp.example", true, true)]
    [InlineData("http://idp.example", false, true)]
    [InlineData("http://127.0.0.1:9311", true, false)]
    [InlineData("https://idp.example", false, false)]
    public void AllowHttp_is_only_for_loopback_authorities(string authority, bool allowHttp, bool refused)
    {
        var yaml = $"hub:\n  issuer: http://127.0.0.1:8085\nupstreams:\n  - id: u\n    type: oidc\n    authority: {authority}\n    clientId: hub\n    allowHttp: {(allowHttp ? "true" : "false")}\n";
        var errors = Record.Exception(() => FederationFileReader.Parse(yaml, Path.Combine(Path.GetTempPath(), "f.yaml"), _ => null)) is FederationConfigException ex ? ex.Errors : [];

        Assert.Equal(refused, errors.Any(e => e.Path.StartsWith("/upstreams/0/", StringComparison.Ordinal)));
        if (refused && allowHttp) Assert.Contains(errors, e => e.Path == "/upstreams/0/allowHttp");
    }

    /// <summary>The whole hub, started on a free loopback port, with the liar as its only upstream.</summary>
    private async Task<(WebApplication Hub, HttpClient Browser)> StartHubAsync(HostileHttpServer op)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var config = new FederationConfig
        {
            Hub = new HubSettings { Issuer = $"http://127.0.0.1:{port}", DataFolder = _folder, Storage = new StorageSettings { Provider = "sqlite" } },
            Upstreams = [Upstream(op)],
        };
        var hub = await HubHost.CreateAsync(config, configure: b => b.Logging.SetMinimumLevel(LogLevel.Critical));
        await hub.StartAsync();
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(config.Hub.Issuer) };
        return (hub, browser);
    }

    [Fact]
    public async Task The_error_page_names_neither_the_refused_endpoint_nor_the_discovery_url()
    {
        await using var op = Liar((doc, _) => doc["token_endpoint"] = "http://10.20.30.40:8080/internal/token");
        var (hub, browser) = await StartHubAsync(op);
        await using var _ = hub;
        using var __ = browser;

        var page = await browser.GetAsync("/login/liar");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, page.StatusCode);
        Assert.Contains(UpstreamEndpointPolicy.RefusalCode, html);
        Assert.DoesNotContain("10.20.30.40", html);
        Assert.DoesNotContain(op.Origin, html);
    }

    [Fact]
    public async Task The_error_page_does_not_echo_the_token_endpoints_error_body()
    {
        const string secret = "INTERNAL-DETAIL-at-http://10.9.9.9/admin";
        await using var op = Liar((_, _) => { }, r => r.Target == "/token"
            ? new HostileResponse(400, new JsonObject { ["error"] = "invalid_grant", ["error_description"] = secret }.ToJsonString())
            : null);
        var (hub, browser) = await StartHubAsync(op);
        await using var _ = hub;
        using var __ = browser;

        var start = await browser.GetAsync("/login/liar");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var state = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
        var callback = await browser.GetAsync($"/signin-oidc/liar?code=any-code&state={Uri.EscapeDataString(state)}");
        var html = await callback.Content.ReadAsStringAsync();

        Assert.Contains(op.Requests, r => r.Target == "/token"); // the hub did redeem the code there
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("code_exchange_failed", html);
        Assert.DoesNotContain("INTERNAL-DETAIL", html);
        Assert.DoesNotContain("10.9.9.9", html);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
