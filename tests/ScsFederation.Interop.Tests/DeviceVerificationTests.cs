using System.Net;
using System.Text.Json;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// The device authorization grant for a <c>consent: explicit</c> client, end to end (the device is an HTTP client,
/// the person a scripted browser signed in at the oidc-provider upstream): the verification page names the
/// application and the scopes, nothing is issued without "Allow" on the hub's own form, and a deny reaches the device.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DeviceVerificationTests(BrokerFixture fixture)
{
    private string Hub => fixture.Hub.Issuer;

    private sealed class Device(string hub) : IDisposable
    {
        private readonly HttpClient _http = new();
        private readonly Dictionary<string, string> _creds = new() { ["client_id"] = BrokerFixture.DeviceExplicitClient, ["client_secret"] = BrokerFixture.RpSecret };
        public string DeviceCode { get; private set; } = "";
        public string UserCode { get; private set; } = "";

        public async Task StartAsync()
        {
            var start = await _http.PostAsync(hub + "/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>(_creds) { ["scope"] = "openid email groups" }));
            Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            var grant = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
            DeviceCode = grant.GetProperty("device_code").GetString()!;
            UserCode = grant.GetProperty("user_code").GetString()!;
        }

        public async Task<(HttpStatusCode Status, JsonElement Body)> PollAsync()
        {
            var answer = await _http.PostAsync(hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>(_creds)
            {
                ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
                ["device_code"] = DeviceCode,
            }));
            return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
        }

        public void Dispose() => _http.Dispose();
    }

    private async Task<BrowserSession> SignedInBrowserAsync()
    {
        var browser = new BrowserSession();
        await browser.FollowAsync($"{Hub}/login/peer?returnUrl=%2F", u => u == Hub + "/");
        Assert.True(browser.HasHubSession(Hub));
        return browser;
    }

    private async Task<HttpResponseMessage> VerificationPageAsync(BrowserSession browser, string userCode)
    {
        var (_, page) = await browser.FollowAsync($"{Hub}/connect/verify?user_code={Uri.EscapeDataString(userCode)}", _ => false);
        Assert.Equal(HttpStatusCode.OK, page!.StatusCode);
        return page;
    }

    [Fact]
    public async Task The_page_names_the_application_and_scopes_and_only_allow_issues_tokens()
    {
        using var device = new Device(Hub);
        await device.StartAsync();
        using var browser = await SignedInBrowserAsync();

        var page = await VerificationPageAsync(browser, device.UserCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(BrokerFixture.DeviceExplicitName, html);
        foreach (var scope in new[] { "openid", "email", "groups" }) Assert.Contains($"<code>{scope}</code>", html);
        Assert.Contains("name=\"consent.deny\"", html);

        // The form without a decision (what the old page's single button sent, minus the button) issues nothing.
        var undecided = await browser.SubmitFormAsync(page);
        Assert.Equal(HttpStatusCode.OK, undecided.StatusCode);
        Assert.Contains(BrokerFixture.DeviceExplicitName, await undecided.Content.ReadAsStringAsync());
        Assert.Equal("authorization_pending", (await device.PollAsync()).Body.GetProperty("error").GetString());

        var allowed = await browser.SubmitFormAsync(page, new Dictionary<string, string> { ["consent.accept"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        var (status, body) = await device.PollAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(await BrokeredLoginTests.VerifyWithHubJwksAsync(Hub, body.GetProperty("id_token").GetString()!, BrokerFixture.DeviceExplicitClient));
    }

    [Fact]
    public async Task Deny_reaches_the_device_as_access_denied()
    {
        using var device = new Device(Hub);
        await device.StartAsync();
        using var browser = await SignedInBrowserAsync();

        var denied = await browser.SubmitFormAsync(await VerificationPageAsync(browser, device.UserCode), new Dictionary<string, string> { ["consent.deny"] = "yes" });

        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var (status, body) = await device.PollAsync();
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("access_denied", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_confirmation_posted_without_the_antiforgery_token_is_refused()
    {
        using var device = new Device(Hub);
        await device.StartAsync();
        using var browser = await SignedInBrowserAsync();
        await VerificationPageAsync(browser, device.UserCode);

        // What another site's auto-submitting form can send in the signed-in person's browser: cookies, no token.
        var forged = await browser.PostFormAsync(Hub + "/connect/verify", new Dictionary<string, string> { ["user_code"] = device.UserCode, ["consent.accept"] = "yes" });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("<code>antiforgery_failed</code>", await forged.Content.ReadAsStringAsync());
        Assert.Equal("authorization_pending", (await device.PollAsync()).Body.GetProperty("error").GetString());
    }
}
