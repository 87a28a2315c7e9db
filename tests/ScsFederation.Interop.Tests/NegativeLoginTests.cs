using System.Net;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// Every way a login can be forged or broken fails closed: a clear error page naming the check, and no hub
/// session. Each case is reached through the real protocol, so removing its check makes the test fail.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class NegativeLoginTests(BrokerFixture fixture)
{
    private string Hub => fixture.Hub.Issuer;

    [Theory]
    [InlineData("tamper", "bad_signature")]
    [InlineData("alg-none", "algorithm_not_allowed")]
    [InlineData("hs256-confusion", "algorithm_not_allowed")]
    [InlineData("foreign-key", "bad_signature")]
    [InlineData("wrong-nonce", "wrong_nonce")]
    [InlineData("no-nonce", "wrong_nonce")]
    [InlineData("wrong-issuer", "wrong_issuer")]
    [InlineData("wrong-audience", "wrong_audience")]
    [InlineData("expired", "expired")]
    [InlineData("not-yet-valid", "not_yet_valid")]
    public async Task A_broken_upstream_id_token_is_refused_without_a_session(string mode, string reason)
    {
        using var browser = new BrowserSession();
        var (_, response) = await browser.FollowAsync($"{Hub}/login/{BrokerFixture.HostileUpstream}?returnUrl=%2Faccount%2Fwhoami&login_hint={mode}", _ => false);

        Assert.NotNull(response);
        Assert.Equal(HttpStatusCode.Forbidden, response!.StatusCode);
        Assert.Contains($"<code>{reason}</code>", await response.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync($"{Hub}/account/whoami")).StatusCode);
    }

    [Fact]
    public async Task The_hostile_upstream_itself_works_when_it_behaves()
    {
        // Guards the theory above: its failures come from the broken token, not from a broken peer.
        using var browser = new BrowserSession();
        var (url, response) = await browser.FollowAsync($"{Hub}/login/{BrokerFixture.HostileUpstream}?returnUrl=%2Faccount%2Fwhoami&login_hint=ok", _ => false);
        Assert.Equal(HttpStatusCode.OK, response!.StatusCode);
        Assert.EndsWith("/account/whoami", url);
        Assert.True(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task A_callback_with_a_wrong_state_is_refused()
    {
        using var browser = new BrowserSession();
        var (callback, _) = await browser.FollowAsync($"{Hub}/login/peer?returnUrl=%2F", u => u.StartsWith(Hub + "/signin-oidc/", StringComparison.Ordinal));
        var tampered = System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=forged-state");

        var response = await browser.GetAsync(tampered);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>wrong_state</code>", await response.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task A_replayed_upstream_callback_is_refused()
    {
        using var browser = new BrowserSession();
        var (callback, _) = await browser.FollowAsync($"{Hub}/login/peer?returnUrl=%2F", u => u.StartsWith(Hub + "/signin-oidc/", StringComparison.Ordinal));
        using var attacker = new BrowserSession();
        // The victim's callback URL carried to another browser: no state cookie there.
        var stolen = await attacker.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.False(attacker.HasHubSession(Hub));

        var first = await browser.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.True(browser.HasHubSession(Hub));
        using var replayer = new BrowserSession();
        foreach (Cookie c in browser.Cookies.GetAllCookies()) if (c.Name != "scsfed.session") replayer.Cookies.Add(c);
        var replay = await replayer.GetAsync(callback);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.False(replayer.HasHubSession(Hub));
    }

    [Fact]
    public async Task An_unknown_upstream_is_refused()
    {
        using var browser = new BrowserSession();
        var response = await browser.GetAsync($"{Hub}/login/nobody");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<code>unknown_upstream</code>", await response.Content.ReadAsStringAsync());

        var authorize = await browser.GetAsync($"{Hub}/connect/authorize?client_id=rp-test&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGWSstw-cM&code_challenge_method=S256&idp=nobody");
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!.ToString();
        Assert.StartsWith(BrokerFixture.RpRedirect, location);
        Assert.Contains("error=invalid_request", location);
        Assert.False(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task An_unregistered_redirect_uri_is_never_redirected_to()
    {
        using var browser = new BrowserSession();
        var response = await browser.GetAsync($"{Hub}/connect/authorize?client_id=rp-test&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString("http://127.0.0.1:6666/steal")}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGWSstw-cM&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("redirect_uri", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_client_secret_is_refused_at_the_token_endpoint()
    {
        using var http = new HttpClient();
        var response = await http.PostAsync($"{Hub}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = BrokerFixture.RpClient,
            ["client_secret"] = "not-the-secret",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync());

        var good = await http.PostAsync($"{Hub}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = BrokerFixture.RpClient,
            ["client_secret"] = BrokerFixture.RpSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Return_urls_after_login_stay_on_the_hub()
    {
        using var browser = new BrowserSession();
        var (url, _) = await browser.FollowAsync($"{Hub}/login/peer?returnUrl={Uri.EscapeDataString("//evil.example/steal")}", u => !u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal) || u == Hub + "/");
        Assert.Equal(Hub + "/", url);
    }

    [Theory]
    [InlineData("")]
    [InlineData("&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=plain")]
    public async Task A_public_client_must_use_pkce_with_s256(string pkce)
    {
        using var browser = new BrowserSession();
        var response = await browser.GetAsync($"{Hub}/connect/authorize?client_id={BrokerFixture.PublicClient}&response_type=code&scope=openid&state=s&redirect_uri={Uri.EscapeDataString(BrokerFixture.RpRedirect)}{pkce}");
        // Refused on the hub's own error page: nothing, not even an error, is sent to the redirect URI.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge", body);
    }
}
