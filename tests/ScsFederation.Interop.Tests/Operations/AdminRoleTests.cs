using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScsFederation.Core.Configuration;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Operations;

/// <summary>
/// A demo hub (:8095) whose administrators mapping makes demo accounts in <c>hub-ops</c> hold the hub role
/// <c>federation-admin</c>: the admin API takes their hub access tokens (scope <c>federation-admin</c>) besides the
/// bootstrap token, and refuses everyone else's, tokens without the scope, and tokens the hub did not sign.
/// </summary>
public sealed class AdminRoleHubFixture : IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:8095";
    public const string Console = "ops-console";
    public const string ConsoleSecret = "ops-console-secret-0123456789abcdef";
    public const string Redirect = "http://127.0.0.1:8096/callback";
    private TempHub _hub = null!;

    public HubInstance Hub => _hub.Hub;

    public string Folder => _hub.Folder;

    public async Task InitializeAsync() => _hub = await TempHub.StartAsync("admins", $$"""
            hub:
              issuer: {{Issuer}}
              dataFolder: data
              administrators: { mapping: admins.json }
              demo:
                enabled: true
                users:
                  - { username: ada, password: ada-demo-password, groups: [hub-ops] }
                  - { username: ben, password: ben-demo-password, groups: [cloud-users] }
            providers:
              - id: cloud-x
                mapping: rules-x.json
            clients:
              - clientId: {{Console}}
                clientSecret: {{ConsoleSecret}}
                consent: none
                redirectUris: [{{Redirect}}]
                scopes: [openid, profile, federation-admin]
              - clientId: plain-app
                clientSecret: {{ConsoleSecret}}
                consent: none
                redirectUris: [{{Redirect}}]
            """, new Dictionary<string, string>
    {
        ["rules-x.json"] = """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["x-users"] } ],
                           "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "x-{0}", "roles": [ { "name": "member" } ] } ] } ] } ] }
            """,
        ["admins.json"] = """
            { "rules": [ { "remote": [ { "type": "OIDC-idp", "any_one_of": ["demo"] }, { "type": "OIDC-groups", "any_one_of": ["hub-ops"] } ],
                           "local": [ { "group": { "name": "federation-admin", "domain": { "name": "hub" } } } ] } ] }
            """,
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();
}

public sealed class AdminRoleTests(AdminRoleHubFixture fixture) : IClassFixture<AdminRoleHubFixture>
{
    private const string Hub = AdminRoleHubFixture.Issuer;

    private static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Demo login, then the code flow of <paramref name="client"/>; the access token.</summary>
    private static async Task<string> AccessTokenAsync(string user, string client, string scope)
    {
        using var browser = new BrowserSession();
        var login = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = user, ["password"] = user + "-demo-password" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var verifier = B64(RandomNumberGenerator.GetBytes(32));
        var challenge = B64(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var (callback, _) = await browser.FollowAsync($"{Hub}/connect/authorize?client_id={client}&response_type=code&scope={Uri.EscapeDataString(scope)}&redirect_uri={Uri.EscapeDataString(AdminRoleHubFixture.Redirect)}&code_challenge={challenge}&code_challenge_method=S256&state=s&nonce=n",
            u => u.StartsWith(AdminRoleHubFixture.Redirect, StringComparison.Ordinal));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri(callback).Query)["code"] ?? throw new InvalidOperationException("no code: " + callback);
        using var http = new HttpClient();
        var token = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["code_verifier"] = verifier, ["redirect_uri"] = AdminRoleHubFixture.Redirect,
            ["client_id"] = client, ["client_secret"] = AdminRoleHubFixture.ConsoleSecret,
        }));
        var body = JsonDocument.Parse(await token.Content.ReadAsStringAsync()).RootElement;
        Assert.True(token.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpResponseMessage> AdminAsync(string token)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.GetAsync(Hub + "/admin/providers");
    }

    [Fact]
    public async Task An_operator_by_the_administrators_mapping_uses_the_admin_api_with_a_hub_access_token()
    {
        var token = await AccessTokenAsync("ada", AdminRoleHubFixture.Console, "openid profile federation-admin");
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(token)).StatusCode);
    }

    [Fact]
    public async Task Someone_the_mapping_does_not_make_an_operator_is_refused_with_403()
    {
        var token = await AccessTokenAsync("ben", AdminRoleHubFixture.Console, "openid profile federation-admin");
        var answer = await AdminAsync(token);
        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("insufficient_scope", await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_operators_token_without_the_scope_is_refused()
    {
        var token = await AccessTokenAsync("ada", AdminRoleHubFixture.Console, "openid profile");
        Assert.Equal(HttpStatusCode.Forbidden, (await AdminAsync(token)).StatusCode);
        // A client that may not ask for the scope does not get it by asking.
        using var browser = new BrowserSession();
        await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "ada", ["password"] = "ada-demo-password" });
        var (callback, last) = await browser.FollowAsync($"{Hub}/connect/authorize?client_id=plain-app&response_type=code&scope=openid%20federation-admin&redirect_uri={Uri.EscapeDataString(AdminRoleHubFixture.Redirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s",
            u => u.StartsWith(AdminRoleHubFixture.Redirect, StringComparison.Ordinal));
        // Refused (invalid_scope), not a code.
        Assert.DoesNotContain("code=", callback);
        Assert.True(callback.Contains("error=invalid_scope", StringComparison.Ordinal) || last?.StatusCode == HttpStatusCode.BadRequest, callback);
    }

    [Fact]
    public async Task A_token_with_the_role_signed_by_another_key_is_refused_with_401()
    {
        // A real token's claims (role and scope included), re-signed with a key the hub never had, under a kid it has.
        var real = await AccessTokenAsync("ada", AdminRoleHubFixture.Console, "openid profile federation-admin");
        var parts = real.Split('.');
        using var rsa = RSA.Create(2048);
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var forged = parts[0] + "." + parts[1] + "." + B64(signature);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync("not-the-admin-token")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_admin_api_and_nothing_else()
    {
        using var http = new HttpClient();
        var answer = await http.GetAsync(Hub + "/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var document = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/admin/providers", paths);
        Assert.Contains("/admin/providers/{providerId}/mapping/dry-run", paths);
        Assert.All(paths, p => Assert.StartsWith("/admin/", p));
    }

    private static async Task<BrowserSession> SignedInAsync(string user)
    {
        var browser = new BrowserSession();
        await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = user, ["password"] = user + "-demo-password" });
        return browser;
    }

    [Fact]
    public async Task The_operator_console_shows_upstreams_and_keys_to_an_operator_and_refuses_everyone_else()
    {
        using var ada = await SignedInAsync("ada");
        var page = await ada.GetAsync(Hub + "/console");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Signing keys", html);
        Assert.Contains("<code>cloud-x</code>", html);
        var kid = JsonDocument.Parse(await new HttpClient().GetStringAsync(Hub + "/.well-known/jwks")).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
        Assert.Contains($"<code>{kid}</code>", html);

        using var ben = await SignedInAsync("ben");
        var refused = await ben.GetAsync(Hub + "/console");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not_federation_admin", await refused.Content.ReadAsStringAsync());
        using var nobody = new BrowserSession();
        Assert.Equal(HttpStatusCode.Redirect, (await nobody.GetAsync(Hub + "/console")).StatusCode);
    }

    [Fact]
    public async Task The_mapping_test_console_gives_the_grant_and_the_rule_for_claims_typed_in()
    {
        using var ada = await SignedInAsync("ada");
        var form = await ada.GetAsync(Hub + "/console/mapping");
        var answer = await ada.SubmitFormAsync(form, new Dictionary<string, string>
        {
            ["provider"] = "cloud-x", ["claims"] = """{ "OIDC-preferred_username": "zoe@uni", "OIDC-groups": ["x-users"] }""",
        });
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<strong>rule 1</strong>", html);
        Assert.Contains("x-zoe@uni", html);

        var none = await ada.SubmitFormAsync(await ada.GetAsync(Hub + "/console/mapping"), new Dictionary<string, string>
        {
            ["provider"] = "cloud-x", ["claims"] = """{ "OIDC-preferred_username": "zoe@uni", "OIDC-groups": ["other"] }""",
        });
        Assert.Contains("No grant", await none.Content.ReadAsStringAsync());

        // The same answer from the admin API counterpart.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync("ada", AdminRoleHubFixture.Console, "openid profile federation-admin"));
        var api = await http.PostAsync(Hub + "/admin/providers/cloud-x/mapping/dry-run", new StringContent("""{ "OIDC-preferred_username": "zoe@uni", "OIDC-groups": ["x-users"] }"""));
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Contains("x-zoe@uni", await api.Content.ReadAsStringAsync());
        var upstreams = await http.GetAsync(Hub + "/admin/upstreams");
        Assert.Equal(HttpStatusCode.OK, upstreams.StatusCode);
        var keys = JsonDocument.Parse(await (await http.GetAsync(Hub + "/admin/keys")).Content.ReadAsStringAsync()).RootElement.GetProperty("keys");
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("alg").GetString() == "RS256" && k.GetProperty("signing").GetBoolean());
        Assert.DoesNotContain("\"d\"", keys.ToString()); // public facts only
    }

    /// <summary>The built <c>scsfed</c> CLI (solution build, Release) as a child process.</summary>
    private static async Task<(int Code, string Out, string Err)> ScsfedAsync(IDictionary<string, string> environment, params string[] args)
    {
        var dll = RepositoryRoot.Combine("src", "ScsFederation.Cli", "bin", "Release", "net10.0", "scsfed.dll");
        Assert.True(File.Exists(dll), "build the solution in Release first: " + dll);
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment.Remove("SCSFED_ADMIN_TOKEN");
        foreach (var (k, v) in environment) psi.Environment[k] = v;
        using var process = System.Diagnostics.Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Scsfed_admin_talks_to_the_running_hub_with_an_operators_token_from_the_environment()
    {
        var token = await AccessTokenAsync("ada", AdminRoleHubFixture.Console, "openid profile federation-admin");
        var (code, stdout, stderr) = await ScsfedAsync(new Dictionary<string, string> { ["OPS_TOKEN"] = token }, "admin", "keys", "--hub", Hub, "--token-env", "OPS_TOKEN");
        Assert.True(code == 0, stderr);
        Assert.Contains(JsonDocument.Parse(stdout).RootElement.GetProperty("keys").EnumerateArray(), k => k.GetProperty("signing").GetBoolean());

        var claims = Path.Combine(fixture.Folder, "claims.json");
        await File.WriteAllTextAsync(claims, """{ "OIDC-preferred_username": "zoe@uni", "OIDC-groups": ["x-users"] }""");
        (code, stdout, stderr) = await ScsfedAsync(new Dictionary<string, string> { ["SCSFED_ADMIN_TOKEN"] = token }, "admin", "dry-run", "--hub", Hub, "--provider", "cloud-x", "--claims", claims);
        Assert.True(code == 0, stderr);
        Assert.Contains("x-zoe@uni", stdout);

        // Someone the mapping does not make an operator: the hub refuses, exit 1 with its error.
        var ben = await AccessTokenAsync("ben", AdminRoleHubFixture.Console, "openid profile federation-admin");
        (code, _, stderr) = await ScsfedAsync(new Dictionary<string, string> { ["SCSFED_ADMIN_TOKEN"] = ben }, "admin", "upstreams", "--hub", Hub);
        Assert.Equal(1, code);
        Assert.Contains("insufficient_scope", stderr);
        // No token in the environment, or a plain-http hub that is not on loopback: usage errors, nothing sent.
        (code, _, stderr) = await ScsfedAsync(new Dictionary<string, string>(), "admin", "upstreams", "--hub", Hub);
        Assert.Equal(2, code);
        Assert.Contains("SCSFED_ADMIN_TOKEN", stderr);
        (code, _, stderr) = await ScsfedAsync(new Dictionary<string, string> { ["SCSFED_ADMIN_TOKEN"] = token }, "admin", "upstreams", "--hub", "http://hub.example.org");
        Assert.Equal(2, code);
        Assert.Contains("https", stderr);
    }
}
