using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Portal;

/// <summary>
/// Ending access on a demo hub (:8097): signing out at the hub POSTs an OpenID Connect Back-Channel Logout token to
/// the relying party (a listener on :8098) that holds tokens for the person, verifiable with the hub's JWKS, and to
/// no client that holds none; revoking an application on the portal ends its refresh and access tokens at once.
/// </summary>
public sealed class SignOutAndRevokeTests : IAsyncLifetime
{
    private const string Hub = "http://127.0.0.1:8097";
    private const string Redirect = "http://127.0.0.1:8098/callback";
    private const string Secret = "backchannel-client-secret-0123456789";
    private TempHub _temp = null!;
    private HubInstance _hub = null!;
    private readonly HttpListener _rp = new();
    private readonly List<(string Path, string Body)> _received = [];

    public async Task InitializeAsync()
    {
        _temp = await TempHub.StartAsync("bcl", $$"""
            hub:
              issuer: {{Hub}}
              dataFolder: data
              demo:
                enabled: true
                users:
                  - { username: cai, password: cai-demo-password, groups: [x] }
            clients:
              - clientId: rp-with-tokens
                clientSecret: {{Secret}}
                consent: none
                redirectUris: [{{Redirect}}]
                backchannelLogoutUri: http://127.0.0.1:8098/logout/with-tokens
              - clientId: rp-without-tokens
                clientSecret: {{Secret}}
                consent: none
                redirectUris: [{{Redirect}}]
                backchannelLogoutUri: http://127.0.0.1:8098/logout/without-tokens
            """);
        _hub = _temp.Hub;
        _rp.Prefixes.Add("http://127.0.0.1:8098/logout/");
        _rp.Start();
        _ = Task.Run(async () =>
        {
            while (_rp.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _rp.GetContextAsync(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
                using var reader = new StreamReader(ctx.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                lock (_received) _received.Add((ctx.Request.Url!.AbsolutePath, body));
                ctx.Response.StatusCode = 200;
                ctx.Response.Close();
            }
        });
    }

    public async Task DisposeAsync()
    {
        _rp.Stop();
        await _temp.DisposeAsync();
    }

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Demo login as cai and the code flow of rp-with-tokens; the token answer.</summary>
    private static async Task<(BrowserSession Browser, JsonElement Tokens)> SignedInWithTokensAsync(string scope)
    {
        var browser = new BrowserSession();
        await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "cai", ["password"] = "cai-demo-password" });
        var verifier = B64(RandomNumberGenerator.GetBytes(32));
        var (callback, _) = await browser.FollowAsync($"{Hub}/connect/authorize?client_id=rp-with-tokens&response_type=code&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(Redirect)}&code_challenge={B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&code_challenge_method=S256&state=s&nonce=n",
            u => u.StartsWith(Redirect, StringComparison.Ordinal));
        using var http = new HttpClient();
        var token = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]!, ["code_verifier"] = verifier,
            ["redirect_uri"] = Redirect, ["client_id"] = "rp-with-tokens", ["client_secret"] = Secret,
        }));
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        return (browser, JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> form)
    {
        using var http = new HttpClient();
        form["client_id"] = "rp-with-tokens";
        form["client_secret"] = Secret;
        return await http.PostAsync(Hub + path, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Revoking_an_application_on_the_portal_ends_its_refresh_and_access_tokens_and_needs_the_antiforgery_token()
    {
        var (browser, tokens) = await SignedInWithTokensAsync("openid offline_access");
        using var _ = browser;
        var refresh = tokens.GetProperty("refresh_token").GetString()!;
        var access = tokens.GetProperty("access_token").GetString()!;

        var page = await browser.GetAsync(Hub + "/portal/applications");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<code>rp-with-tokens</code>", html);
        Assert.Contains("<code>offline_access</code>", html);
        Assert.DoesNotContain("rp-without-tokens", html);

        // A cross-site form cannot read the token: without it, nothing is revoked.
        var forged = await browser.PostFormAsync(Hub + "/portal/applications/revoke", new Dictionary<string, string> { ["client_id"] = "rp-with-tokens" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var stillActive = JsonDocument.Parse(await (await PostAsync("/connect/introspect", new() { ["token"] = access })).Content.ReadAsStringAsync()).RootElement;
        Assert.True(stillActive.GetProperty("active").GetBoolean());

        var revoked = await browser.SubmitFormAsync(page, new Dictionary<string, string> { ["client_id"] = "rp-with-tokens" }, action: "/portal/applications/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var again = await PostAsync("/connect/token", new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("invalid_grant", await again.Content.ReadAsStringAsync());
        var inactive = JsonDocument.Parse(await (await PostAsync("/connect/introspect", new() { ["token"] = access })).Content.ReadAsStringAsync()).RootElement;
        Assert.False(inactive.GetProperty("active").GetBoolean());
        Assert.DoesNotContain("<code>rp-with-tokens</code>", await (await browser.GetAsync(Hub + "/portal/applications")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signing_out_at_the_hub_sends_a_signed_logout_token_to_the_client_holding_the_persons_tokens_only()
    {
        using var browser = new BrowserSession();
        await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "cai", ["password"] = "cai-demo-password" });
        var accountId = JsonDocument.Parse(await (await browser.GetAsync(Hub + "/account/whoami")).Content.ReadAsStringAsync()).RootElement.GetProperty("accountId").GetString();
        var verifier = B64(RandomNumberGenerator.GetBytes(32));
        var (callback, _) = await browser.FollowAsync($"{Hub}/connect/authorize?client_id=rp-with-tokens&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(Redirect)}&code_challenge={B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))}&code_challenge_method=S256&state=s&nonce=n",
            u => u.StartsWith(Redirect, StringComparison.Ordinal));
        using (var http = new HttpClient())
        {
            var token = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"]!, ["code_verifier"] = verifier,
                ["redirect_uri"] = Redirect, ["client_id"] = "rp-with-tokens", ["client_secret"] = Secret,
            }));
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        }

        var signedOut = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/"), action: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        List<(string Path, string Body)> received;
        lock (_received) received = [.. _received];
        var (path, body) = Assert.Single(received);
        Assert.Equal("/logout/with-tokens", path);
        var logoutToken = System.Web.HttpUtility.ParseQueryString(body)["logout_token"]!;

        // What a relying party checks (OpenID Connect Back-Channel Logout 1.0, section 2.6), with the hub's published keys.
        using var jwksHttp = new HttpClient();
        var jwks = new JsonWebKeySet(await jwksHttp.GetStringAsync(Hub + "/.well-known/jwks"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, new TokenValidationParameters
        {
            ValidIssuer = _hub.Config.Hub.CanonicalIssuer, ValidAudience = "rp-with-tokens", IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidTypes = ["logout+jwt"], RequireExpirationTime = true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal(accountId, jwt.Subject);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.False(jwt.TryGetPayloadValue<string>("nonce", out _));
        Assert.True(jwt.TryGetPayloadValue<JsonElement>("events", out var events) && events.TryGetProperty("http://schemas.openid.net/event/backchannel-logout", out _));

        using var discovery = await jwksHttp.GetAsync(Hub + "/.well-known/openid-configuration");
        Assert.True(JsonDocument.Parse(await discovery.Content.ReadAsStringAsync()).RootElement.GetProperty("backchannel_logout_supported").GetBoolean());
    }
}
