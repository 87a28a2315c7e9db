using System.Net;
using System.Text;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// The hub's browser-facing hardening on a real demo hub: security headers on every kind of answer, antiforgery on
/// each of its POST forms (demo login, consent, logout; the device page has its own test), and the absolute end of
/// a session that is kept alive by use.
/// </summary>
[Collection(FormsHubCollection.Name)]
public sealed class FormsAndHeadersTests(FormsHubFixture fixture)
{
    private const string Hub = FormsHubFixture.Issuer;

    private static async Task<BrowserSession> SignedInAsync()
    {
        var browser = new BrowserSession();
        var answer = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = FormsHubFixture.User, ["password"] = FormsHubFixture.Password });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.True(browser.HasHubSession(Hub));
        return browser;
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/login/demo")]
    [InlineData("GET", "/login/no-such-upstream")]
    [InlineData("GET", "/.well-known/openid-configuration")]
    [InlineData("POST", "/connect/token")]
    [InlineData("GET", "/account/whoami")]
    public async Task Every_answer_forbids_framing_and_sniffing(string method, string path)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), Hub + path);
        if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" });
        using var answer = await http.SendAsync(request);

        Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(answer.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        // HSTS only means something over https; this hub's issuer is plain-http loopback.
        Assert.False(answer.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_demo_login_posted_without_the_antiforgery_token_is_refused()
    {
        using var browser = new BrowserSession();
        await browser.GetAsync(Hub + "/login/demo"); // the antiforgery cookie is there; a cross-site form cannot read the token

        var forged = await browser.PostFormAsync(Hub + "/login/demo", new Dictionary<string, string> { ["username"] = FormsHubFixture.User, ["password"] = FormsHubFixture.Password, ["returnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<code>antiforgery_failed</code>", await forged.Content.ReadAsStringAsync());
        Assert.False(browser.HasHubSession(Hub));
    }

    [Fact]
    public async Task A_logout_posted_without_the_antiforgery_token_is_refused()
    {
        using var browser = await SignedInAsync();

        var forged = await browser.PostFormAsync(Hub + "/account/logout", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<code>antiforgery_failed</code>", await forged.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Hub + "/account/whoami")).StatusCode);

        var real = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/"), action: "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Hub + "/account/whoami")).StatusCode);
    }

    [Fact]
    public async Task A_consent_posted_without_the_antiforgery_token_is_refused()
    {
        using var browser = await SignedInAsync();
        var verifier = "forms-consent-verifier-0123456789-abcdefghijklmnop";
        var challenge = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var parameters = new Dictionary<string, string>
        {
            ["client_id"] = FormsHubFixture.ConsentClient,
            ["response_type"] = "code",
            ["scope"] = "openid email",
            ["redirect_uri"] = FormsHubFixture.ConsentRedirect,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "st",
            ["nonce"] = "nn",
        };
        var page = await browser.GetAsync(Hub + "/connect/authorize" + QueryString(parameters));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Consent test app", await page.Content.ReadAsStringAsync());

        // Another site's auto-submitted form: every authorize parameter and "Allow", but no token.
        var forged = await browser.PostFormAsync(Hub + "/connect/authorize", new Dictionary<string, string>(parameters) { ["consent.accept"] = "yes" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<code>antiforgery_failed</code>", await forged.Content.ReadAsStringAsync());

        var allowed = await browser.SubmitFormAsync(page, new Dictionary<string, string> { ["consent.accept"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.StartsWith(FormsHubFixture.ConsentRedirect + "?code=", allowed.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task A_session_in_use_still_ends_at_the_absolute_lifetime()
    {
        try
        {
            using var browser = await SignedInAsync();
            // Used every 20 minutes: the 8-hour sliding window alone would keep it forever.
            foreach (var minutes in new[] { 20, 40, 59 })
            {
                fixture.Clock.Offset = TimeSpan.FromMinutes(minutes);
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Hub + "/account/whoami")).StatusCode);
            }
            fixture.Clock.Offset = TimeSpan.FromMinutes(61); // hub.session.absoluteHours: 1
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Hub + "/account/whoami")).StatusCode);

            // A new login starts a new session.
            using var again = await SignedInAsync();
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync(Hub + "/account/whoami")).StatusCode);
        }
        finally
        {
            fixture.Clock.Offset = TimeSpan.Zero;
        }
    }

    private static string QueryString(Dictionary<string, string> parameters) =>
        "?" + string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
