using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// The two login paths into a cloud through the hub, end to end on real servers (see <see cref="WebSsoStack"/>):
/// web single sign-on through Apache/mod_auth_openidc into Keystone's WebSSO, and the command line exchanging a hub
/// access token with the real <c>openstack</c> CLI (v3oidcaccesstoken).
/// </summary>
public sealed class WebSsoEndToEndTests : IClassFixture<WebSsoStack>
{
    private const string WebSso = WebSsoStack.ApacheUrl + "/v3/auth/OS-FEDERATION/identity_providers/scsfed-hub/protocols/openid/websso?origin=" + WebSsoStack.ApacheUrl + "/";
    private readonly WebSsoStack _stack;

    public WebSsoEndToEndTests(WebSsoStack stack) => _stack = stack;

    /// <summary>WebSSO up to the hub's login form, then the demo login; returns Keystone's final answer.</summary>
    private static async Task<HttpResponseMessage> LoginThroughWebSsoAsync(string user, string password)
    {
        using var browser = new ScriptedBrowser();
        return await browser.SubmitHubLoginAsync(await browser.NavigateAsync(WebSso), user, password);
    }

    [Fact]
    public async Task Web_single_sign_on_through_the_hub_yields_a_keystone_token_for_the_mapped_user()
    {
        var final = await LoginThroughWebSsoAsync("alice", "alice-pass");
        var html = await final.Content.ReadAsStringAsync();
        Assert.True(final.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Keystone WebSSO redirect", html);
        var token = Regex.Match(html, "name=\"token\" id=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), html);

        // Keystone's own view of the token: the federated user alice from the hub's identity provider.
        using var admin = KeystoneClient.Create(_stack.Keystone.Settings());
        var adminToken = await admin.AuthenticateAsync(CancellationToken.None);
        using var http = new HttpClient();
        using var validate = new HttpRequestMessage(HttpMethod.Get, _stack.Keystone.Url + "/auth/tokens");
        validate.Headers.Add("X-Auth-Token", adminToken.Value);
        validate.Headers.Add("X-Subject-Token", token);
        var body = JsonNode.Parse(await (await http.SendAsync(validate)).Content.ReadAsStringAsync())!["token"]!;
        Assert.Equal("alice@demo", body["user"]!["name"]!.GetValue<string>());
        Assert.Equal("scsfed-hub", body["user"]!["OS-FEDERATION"]!["identity_provider"]!["id"]!.GetValue<string>());
        Assert.Equal("openid", body["user"]!["OS-FEDERATION"]!["protocol"]!["id"]!.GetValue<string>());

        // The mapping (scs-admins → member on p-alice) took effect in Keystone.
        var domain = (await admin.FindDomainAsync("scs-fed", CancellationToken.None))!;
        var project = (await admin.FindProjectAsync(domain.Id, "p-alice@demo", CancellationToken.None))!;
        var member = (await admin.ListRolesAsync(CancellationToken.None, "member")).Single();
        var userId = body["user"]!["id"]!.GetValue<string>();
        Assert.Contains(await admin.ListRoleAssignmentsAsync(CancellationToken.None, userId: userId), a => a.RoleId == member.Id && a.Scope.ProjectId == project.Id);
    }

    [Fact]
    public async Task A_user_whose_upstream_groups_grant_nothing_gets_401_from_keystone()
    {
        var final = await LoginThroughWebSsoAsync("mallory", "mallory-pass");
        var body = await final.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, final.StatusCode);
        Assert.Contains("\"code\":401", body.Replace(" ", "", StringComparison.Ordinal));
        Assert.DoesNotContain("name=\"token\"", body);
    }

    [Fact]
    public async Task Command_line_exchanges_a_hub_access_token_for_a_project_scoped_token_with_the_openstack_cli()
    {
        // An access token from the hub for Keystone's client (authorization code + PKCE, the code taken from the redirect).
        var redirect = WebSsoStack.ApacheUrl + "/v3/auth/OS-FEDERATION/identity_providers/scsfed-hub/protocols/openid/websso/redirect";
        var (verifier, challenge) = ScriptedBrowser.NewPkce();
        using var browser = new ScriptedBrowser();
        var authorize = $"{WebSsoStack.HubUrl}/connect/authorize?response_type=code&client_id=keystone-cloud-a&scope=openid%20email%20profile%20groups&redirect_uri={Uri.EscapeDataString(redirect)}&state=s1&nonce=n1&code_challenge={challenge}&code_challenge_method=S256";
        var callback = await browser.SubmitHubLoginAsync(await browser.NavigateAsync(authorize), "alice", "alice-pass", stopAt: u => u.ToString().StartsWith(redirect, StringComparison.Ordinal));
        var code = Regex.Match(callback.Headers.Location!.ToString(), "[?&]code=([^&]+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(code));
        using var tokenClient = new HttpClient();
        var tokenResponse = await tokenClient.PostAsync(WebSsoStack.HubUrl + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = Uri.UnescapeDataString(code!), ["redirect_uri"] = redirect, ["code_verifier"] = verifier,
            ["client_id"] = "keystone-cloud-a", ["client_secret"] = WebSsoStack.ClientSecret,
        }));
        var accessToken = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();

        // What `openstack --os-auth-type v3oidcaccesstoken` does, with Debian's real openstack CLI.
        var psi = new ProcessStartInfo("/usr/bin/openstack") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment.Clear();
        psi.Environment["PATH"] = "/usr/bin:/bin";
        psi.Environment["HOME"] = Path.GetTempPath();
        foreach (var a in new[] { "--os-auth-type", "v3oidcaccesstoken", "--os-access-token", accessToken, "--os-identity-provider", "scsfed-hub", "--os-protocol", "openid",
                     "--os-auth-url", WebSsoStack.ApacheUrl + "/v3", "--os-identity-api-version", "3", "--os-project-name", "p-alice@demo", "--os-project-domain-name", "scs-fed", "token", "issue", "-f", "json" })
        {
            psi.ArgumentList.Add(a);
        }
        using var cli = Process.Start(psi)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        Assert.True(cli.ExitCode == 0, $"openstack token issue failed ({cli.ExitCode}): {await stderr}\n(with opaque hub access tokens Keystone's mapping sees only the hub's introspection response, which must carry the provider's mapped claims)");
        var issued = JsonNode.Parse(await stdout)!;
        using var admin = KeystoneClient.Create(_stack.Keystone.Settings());
        var domain = (await admin.FindDomainAsync("scs-fed", CancellationToken.None))!;
        Assert.Equal((await admin.FindProjectAsync(domain.Id, "p-alice@demo", CancellationToken.None))!.Id, issued["project_id"]!.GetValue<string>());
    }
}
