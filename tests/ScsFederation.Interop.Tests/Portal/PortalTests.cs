using System.Net;
using ScsFederation.Core.Configuration;
using ScsFederation.Interop.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace ScsFederation.Interop.Tests.Portal;

/// <summary>
/// A demo hub (:8094) with an OpenStack provider whose Keystone is not running (so provisioning never gets to it)
/// and a Kubernetes provider: "My clouds" shows each person exactly their grant with the rule and the state, and the
/// downloads carry what the openstack CLI and kubelogin need.
/// </summary>
public sealed class PortalHubFixture : IAsyncLifetime
{
    public const string Issuer = "http://127.0.0.1:8094";
    private TempHub _hub = null!;

    public HubInstance Hub => _hub.Hub;

    public async Task InitializeAsync() => _hub = await TempHub.StartAsync("portal", $$"""
            hub:
              issuer: {{Issuer}}
              dataFolder: data
              demo:
                enabled: true
                users:
                  - { username: bea, password: bea-demo-password, groups: [builders] }
                  - { username: vic, password: vic-demo-password, groups: [viewers] }
                  - { username: noa, password: noa-demo-password, groups: [nobody] }
            providers:
              - id: cloud-a
                displayName: Cloud A
                mapping: rules-a.json
                keystone: { url: "http://127.0.0.1:9", publicUrl: "http://127.0.0.1:9360", domain: fed-a }
              - id: cloud-k
                mapping: rules-k.json
                kubernetes: { cluster: k-one, apiServer: "https://127.0.0.1:6443" }
            clients:
              - clientId: cloud-a-cli
                type: public
                provider: cloud-a
                redirectUris: [http://127.0.0.1:8250/callback]
                grantTypes: [authorization_code, device_code, refresh_token]
            """, new Dictionary<string, string>
    {
        ["rules-a.json"] = """
            { "rules": [
              { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["viewers"] } ],
                "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "view-{0}", "roles": [ { "name": "reader" } ] } ] } ] },
              { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["builders"] } ],
                "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "build-{0}", "roles": [ { "name": "member" }, { "name": "load-balancer_member" } ] } ] } ] } ] }
            """,
        ["rules-k.json"] = """
            { "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["builders"] } ],
                           "local": [ { "user": { "name": "{0}" } }, { "kubernetes": { "cluster": "k-one", "groups": ["builders"], "namespaces": [ { "name": "team-builders", "clusterRole": "edit" } ] } } ] } ] }
            """,
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();
}

public sealed class PortalTests(PortalHubFixture fixture) : IClassFixture<PortalHubFixture>
{
    private const string Hub = PortalHubFixture.Issuer;

    private static async Task<BrowserSession> SignInAsync(string user)
    {
        var browser = new BrowserSession();
        var answer = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = user, ["password"] = user + "-demo-password" });
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return browser;
    }

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string S(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value!;
    }

    [Fact]
    public async Task My_clouds_shows_the_projects_roles_rule_and_state_of_the_person_and_nothing_of_others()
    {
        using var bea = await SignInAsync("bea");
        var page = await (await bea.GetAsync(Hub + "/portal")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 id=\"cloud-cloud-a\">Cloud A</h2>", page);
        Assert.Contains("<code>build-bea@demo</code></td><td>member, load-balancer_member</td><td><small>rule 2 of rules-a.json</small>", page);
        Assert.Contains("domain <code>fed-a</code>", page);
        // cloud-a's Keystone never answered: nothing claims it is ready.
        Assert.Contains("<strong>Being set up</strong>", page);
        Assert.DoesNotContain("<strong>Ready</strong>", page);
        Assert.Contains("<code>team-builders</code></td><td><code>edit</code>", page);
        Assert.Contains("href=\"/portal/kubeconfig/cloud-k\"", page);
        Assert.DoesNotContain("view-", page);

        using var vic = await SignInAsync("vic");
        var vicPage = await (await vic.GetAsync(Hub + "/portal")).Content.ReadAsStringAsync();
        Assert.Contains("<code>view-vic@demo</code></td><td>reader</td><td><small>rule 1 of rules-a.json</small>", vicPage);
        Assert.DoesNotContain("bea", vicPage);
        Assert.DoesNotContain("cloud-cloud-k", vicPage);
        Assert.DoesNotContain("kubeconfig", vicPage);

        using var noa = await SignInAsync("noa");
        var noaPage = await (await noa.GetAsync(Hub + "/portal")).Content.ReadAsStringAsync();
        Assert.Contains("No cloud of this federation grants you anything yet", noaPage);
        Assert.DoesNotContain("clouds.yaml", noaPage);
    }

    [Fact]
    public async Task Without_a_session_the_portal_and_its_downloads_send_the_browser_to_sign_in()
    {
        using var browser = new BrowserSession();
        foreach (var path in new[] { "/portal", "/portal/clouds.yaml", "/portal/kubeconfig/cloud-k" })
        {
            var answer = await browser.GetAsync(Hub + path);
            Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
            Assert.StartsWith("/login?returnUrl=", answer.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Clouds_yaml_has_a_device_flow_entry_and_an_access_token_entry_per_project()
    {
        using var bea = await SignInAsync("bea");
        var answer = await bea.GetAsync(Hub + "/portal/clouds.yaml");
        Assert.Equal("application/yaml", answer.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", answer.Content.Headers.ContentDisposition?.ToString() ?? answer.Headers.GetValues("Content-Disposition").Single());
        var clouds = (YamlMappingNode)Yaml(await answer.Content.ReadAsStringAsync())["clouds"];

        var device = clouds["cloud-a"];
        Assert.Equal("v3oidcdeviceauthz", S(device, "auth_type"));
        Assert.Equal("3", S(device, "identity_api_version"));
        Assert.Equal("http://127.0.0.1:9360/v3", S(device, "auth", "auth_url"));
        Assert.Equal("scsfed-hub", S(device, "auth", "identity_provider"));
        Assert.Equal("openid", S(device, "auth", "protocol"));
        Assert.Equal("cloud-a-cli", S(device, "auth", "client_id"));
        Assert.Equal(Hub + "/.well-known/openid-configuration", S(device, "auth", "discovery_endpoint"));
        Assert.Equal("S256", S(device, "auth", "code_challenge_method"));
        Assert.Equal("build-bea@demo", S(device, "auth", "project_name"));
        Assert.Equal("fed-a", S(device, "auth", "project_domain_name"));

        var token = clouds["cloud-a-token"];
        Assert.Equal("v3oidcaccesstoken", S(token, "auth_type"));
        Assert.Equal("build-bea@demo", S(token, "auth", "project_name"));
        Assert.False(((YamlMappingNode)((YamlMappingNode)token)["auth"]).Children.ContainsKey("access_token")); // from OS_ACCESS_TOKEN, never in the file

        // The discovery endpoint written there is the hub's real one.
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(S(device, "auth", "discovery_endpoint"))).StatusCode);
    }

    [Fact]
    public async Task The_kubeconfig_runs_kubelogin_against_the_canonical_issuer_as_the_clusters_client()
    {
        using var bea = await SignInAsync("bea");
        var answer = await bea.GetAsync(Hub + "/portal/kubeconfig/cloud-k");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var config = Yaml(await answer.Content.ReadAsStringAsync());
        Assert.Equal("v1", S(config, "apiVersion"));
        Assert.Equal("Config", S(config, "kind"));
        var cluster = (YamlMappingNode)((YamlSequenceNode)config["clusters"]).Single();
        Assert.Equal("k-one", S(cluster, "name"));
        Assert.Equal("https://127.0.0.1:6443", S(cluster, "cluster", "server"));
        var user = (YamlMappingNode)((YamlSequenceNode)config["users"]).Single();
        var exec = (YamlMappingNode)((YamlMappingNode)user["user"])["exec"];
        Assert.Equal("client.authentication.k8s.io/v1", S(exec, "apiVersion"));
        Assert.Equal("kubectl", S(exec, "command"));
        // kube-apiserver compares iss with its issuer URL byte for byte: the canonical spelling, as in every token.
        var canonical = fixture.Hub.Config.Hub.CanonicalIssuer;
        Assert.Equal(["oidc-login", "get-token", $"--oidc-issuer-url={canonical}", "--oidc-client-id=cloud-k"],
            ((YamlSequenceNode)exec["args"]).Select(a => ((YamlScalarNode)a).Value));
        var context = (YamlMappingNode)((YamlSequenceNode)config["contexts"]).Single();
        Assert.Equal("team-builders", S(context, "context", "namespace"));
        Assert.Equal(S(context, "name"), S(config, "current-context"));

        // The client kubelogin uses exists at the hub with the redirect URIs kubelogin listens on.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        foreach (var redirect in new[] { "http://localhost:8000", "http://localhost:18000" })
        {
            var authorize = await http.GetAsync($"{Hub}/connect/authorize?client_id=cloud-k&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString(redirect)}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s");
            Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
            Assert.DoesNotContain("error=", authorize.Headers.Location!.ToString());
        }
        var wrong = await http.GetAsync($"{Hub}/connect/authorize?client_id=cloud-k&response_type=code&scope=openid&redirect_uri={Uri.EscapeDataString("http://localhost:9999")}&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&state=s");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task A_kubeconfig_for_a_cloud_without_cluster_access_is_404()
    {
        using var vic = await SignInAsync("vic");
        Assert.Equal(HttpStatusCode.NotFound, (await vic.GetAsync(Hub + "/portal/kubeconfig/cloud-k")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vic.GetAsync(Hub + "/portal/kubeconfig/cloud-a")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vic.GetAsync(Hub + "/portal/kubeconfig/no-such")).StatusCode);
    }
}
