using System.Net;
using System.Text.Json;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests;

[Collection(BrokerCollection.Name)]
public sealed class RestartAndDeviceFlowTests(BrokerFixture fixture)
{
    private string Hub => fixture.Hub.Issuer;

    [Fact]
    public async Task A_restart_keeps_signing_keys_accounts_and_grants()
    {
        var before = await fixture.RunRelyingPartyAsync();
        Assert.True(before.GetProperty("ok").GetBoolean(), before.ToString());
        using var http = new HttpClient();
        var jwksBefore = await http.GetStringAsync(Hub + "/.well-known/jwks");

        await fixture.Hub.RestartAsync();

        Assert.Equal(Kids(jwksBefore), Kids(await http.GetStringAsync(Hub + "/.well-known/jwks")));
        Assert.True(await BrokeredLoginTests.VerifyWithHubJwksAsync(Hub, before.GetProperty("idToken").GetString()!, BrokerFixture.RpClient));

        // A refresh token issued before the restart is still redeemable after it.
        var refreshed = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = before.GetProperty("refreshToken").GetString()!,
            ["client_id"] = BrokerFixture.RpClient,
            ["client_secret"] = BrokerFixture.RpSecret,
        }));
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        var after = await fixture.RunRelyingPartyAsync();
        Assert.Equal(before.GetProperty("claims").GetProperty("sub").GetString(), after.GetProperty("claims").GetProperty("sub").GetString());
    }

    private static string[] Kids(string jwks) =>
        [.. JsonDocument.Parse(jwks).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Device_authorization_grant_completes_after_the_person_confirms_the_code()
    {
        using var device = new HttpClient();
        var creds = new Dictionary<string, string> { ["client_id"] = BrokerFixture.RpClient, ["client_secret"] = BrokerFixture.RpSecret };
        var start = await device.PostAsync(Hub + "/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>(creds) { ["scope"] = "openid email groups" }));
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var grant = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        var deviceCode = grant.GetProperty("device_code").GetString()!;
        var userCode = grant.GetProperty("user_code").GetString()!;

        async Task<HttpResponseMessage> Poll() => await device.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>(creds)
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["device_code"] = deviceCode,
        }));

        var pending = await Poll();
        Assert.Contains("authorization_pending", await pending.Content.ReadAsStringAsync());

        using var browser = new BrowserSession();
        await browser.FollowAsync($"{Hub}/login/peer?returnUrl=%2F", u => u == Hub + "/");
        var (url, page) = await browser.FollowAsync($"{Hub}/connect/verify?user_code={Uri.EscapeDataString(userCode)}", _ => false);
        Assert.Equal(HttpStatusCode.OK, page!.StatusCode);
        Assert.StartsWith(Hub + "/connect/verify", url);
        var confirm = await browser.SubmitFormAsync(page, new Dictionary<string, string> { ["consent.accept"] = "yes" });
        Assert.True(confirm.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, confirm.StatusCode.ToString());

        var done = await Poll();
        var body = await done.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var idToken = JsonDocument.Parse(body).RootElement.GetProperty("id_token").GetString()!;
        Assert.True(await BrokeredLoginTests.VerifyWithHubJwksAsync(Hub, idToken, BrokerFixture.RpClient));
    }

    [Fact]
    public async Task End_session_signs_the_person_out_and_returns_to_the_registered_post_logout_uri()
    {
        using var browser = new BrowserSession();
        await browser.FollowAsync($"{Hub}/login/peer?returnUrl=%2F", u => u == Hub + "/");
        Assert.True(browser.HasHubSession(Hub));

        var unregistered = await browser.GetAsync($"{Hub}/connect/logout?client_id=rp-test&post_logout_redirect_uri={Uri.EscapeDataString("http://127.0.0.1:6666/phish")}");
        Assert.Equal(HttpStatusCode.BadRequest, unregistered.StatusCode);

        var response = await browser.GetAsync($"{Hub}/connect/logout?client_id=rp-test&post_logout_redirect_uri={Uri.EscapeDataString("http://127.0.0.1:8090/")}&state=bye");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://127.0.0.1:8090/?state=bye", response.Headers.Location!.AbsoluteUri);
        Assert.False(browser.HasHubSession(Hub));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(Hub + "/account/whoami")).StatusCode);
    }
}
