using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Login;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// The https side of the hub's hardening, which the loopback interop hubs cannot show: every cookie is
/// <c>__Host-</c> (Secure, Path=/, no Domain) and answers carry HSTS. The hub is built from a federation file with
/// an https issuer but not started (nothing listens).
/// </summary>
public sealed class HubHardeningTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-https-").FullName;
    private readonly List<Microsoft.AspNetCore.Builder.WebApplication> _apps = [];

    private async Task<IServiceProvider> BuildAsync(string issuer)
    {
        var config = FederationFileReader.Parse($"hub:\n  issuer: {issuer}\n  dataFolder: data\n", Path.Combine(_folder, "federation.yaml"), _ => null);
        var app = await HubHost.CreateAsync(config);
        _apps.Add(app);
        return app.Services;
    }

    [Fact]
    public async Task On_an_https_issuer_the_session_and_antiforgery_cookies_are_host_prefixed_and_secure()
    {
        var services = await BuildAsync("https://hub.example.org");

        var session = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(HubSession.Scheme).Cookie;
        Assert.Equal("__Host-scsfed.session", session.Name);
        Assert.Equal(CookieSecurePolicy.Always, session.SecurePolicy);
        Assert.Null(session.Domain);
        Assert.Equal("/", session.Path ?? "/");

        var antiforgery = services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;
        Assert.Equal("__Host-scsfed.af", antiforgery.Name);
        Assert.Equal(CookieSecurePolicy.Always, antiforgery.SecurePolicy);
        Assert.Equal("/", antiforgery.Path);
    }

    [Fact]
    public async Task On_a_loopback_http_issuer_the_cookies_keep_plain_names()
    {
        var services = await BuildAsync("http://127.0.0.1:8099");
        Assert.Equal("scsfed.session", services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(HubSession.Scheme).Cookie.Name);
        Assert.Equal("scsfed.af", services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name);
    }

    [Fact]
    public void Flow_cookies_on_https_are_host_prefixed_secure_and_at_the_root()
    {
        var cookies = new HubCookies(https: true);
        Assert.Equal("__Host-scsfed.saml.x", cookies.Name("scsfed.saml.x"));
        var options = cookies.Flow("/saml/acs/", TimeSpan.FromMinutes(10), crossSitePost: true);
        Assert.True(options.Secure);
        Assert.True(options.HttpOnly);
        Assert.Equal("/", options.Path);
        Assert.Null(options.Domain);
        Assert.Equal(SameSiteMode.None, options.SameSite);

        var plain = new HubCookies(https: false).Flow("/saml/acs/", TimeSpan.FromMinutes(10), crossSitePost: true);
        Assert.False(plain.Secure);
        Assert.Equal("/saml/acs/", plain.Path);
        Assert.Equal(SameSiteMode.Lax, plain.SameSite); // None without Secure is dropped by browsers
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Security_headers_and_hsts_only_on_https(bool https)
    {
        var response = new DefaultHttpContext().Response;
        HubHttpHardening.ApplySecurityHeaders(response, https);
        Assert.Equal("DENY", response.Headers.XFrameOptions.ToString());
        Assert.Equal("frame-ancestors 'none'", response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Equal(https, response.Headers.StrictTransportSecurity.ToString().StartsWith("max-age=", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
