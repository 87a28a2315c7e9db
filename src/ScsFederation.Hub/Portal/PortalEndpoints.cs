using System.Text;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Login;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Portal;

/// <summary>
/// The person's portal, server-rendered and usable without JavaScript: "My clouds" (each provider's domain,
/// projects and roles, Kubernetes namespaces and cluster roles exactly as the stored grant says, with the rule that
/// gave them and the provisioning state) and the downloads for terminal tools.
/// </summary>
public static class PortalEndpoints
{
    public static void MapPortalEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal", Clouds);
        app.MapGet("/portal/clouds.yaml", CloudsYamlFile);
        app.MapGet("/portal/kubeconfig/{providerId}", KubeconfigFile);
        app.MapGet("/portal/applications", Applications);
        app.MapPost("/portal/applications/revoke", Revoke).DisableAntiforgery().RequireHubAntiforgery();
    }

    /// <summary>The applications holding grants for the person (OpenIddict authorizations: consents and the ad-hoc ones behind refresh tokens).</summary>
    private static async Task<IResult> Applications(HttpContext http, PersonApplications apps, CancellationToken cancellationToken)
    {
        if (await HubSession.AccountIdAsync(http) is not { } account) return SignInFirst("/portal/applications");
        var list = await apps.ListAsync(account, cancellationToken);
        var body = new StringBuilder("<h1>Applications</h1><p>Applications that can act for you at the federation's clouds until you revoke them. Revoking ends their tokens at once; they must ask you to sign in again.</p>");
        if (list.Count == 0) body.Append("<p>No application holds a grant for you.</p>");
        foreach (var a in list)
        {
            body.Append($"<section class=\"card\" aria-label=\"{E(a.DisplayName)}\"><h2>{E(a.DisplayName)}</h2><p>Client <code>{E(a.ClientId)}</code> · since {E(a.Since?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—")}</p>");
            body.Append($"<p>Scopes: {string.Join(", ", a.Scopes.Select(x => $"<code>{E(x)}</code>"))}</p>");
            body.Append($"<form method=\"post\" action=\"/portal/applications/revoke\">{HubAntiforgery.Field(http)}<input type=\"hidden\" name=\"client_id\" value=\"{E(a.ClientId)}\"><button>Revoke {E(a.DisplayName)}</button></form></section>");
        }
        body.Append("<p><a href=\"/portal\">My clouds</a></p>");
        return Render("Applications", body.ToString());
    }

    private static async Task<IResult> Revoke(HttpContext http, PersonApplications apps, CancellationToken cancellationToken)
    {
        if (await HubSession.AccountIdAsync(http) is not { } account) return SignInFirst("/portal/applications");
        var form = await http.Request.ReadFormAsync(cancellationToken);
        await apps.RevokeAsync(account, form["client_id"].ToString(), cancellationToken);
        return Results.Redirect("/portal/applications");
    }

    private static IResult SignInFirst(string back) => Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));

    private static async Task<IResult> Clouds(HttpContext http, MyClouds clouds, FederationConfig config, CancellationToken cancellationToken)
    {
        if (await HubSession.AccountIdAsync(http) is not { } account) return SignInFirst("/portal");
        var access = await clouds.ForAsync(account, cancellationToken);
        var body = new StringBuilder("<h1>My clouds</h1>");
        if (access.Count == 0)
        {
            body.Append("<p>No cloud of this federation grants you anything yet. If you expected access, ask your cloud's operator: the roles come from the groups your identity provider says you are in.</p>");
        }
        else
        {
            body.Append("<p>What each cloud grants you now, from the federation's rules and what your identity provider says about you.</p>");
            if (access.Any(a => a.Provider.Keystone is not null))
                body.Append("<p><a class=\"button\" href=\"/portal/clouds.yaml\" download>Download clouds.yaml</a> for the <code>openstack</code> command-line client</p>");
        }
        foreach (var cloud in access) body.Append(Card(config, cloud));
        body.Append("<p><a href=\"/portal/applications\">Applications with access</a></p>");
        body.Append($"<form method=\"post\" action=\"/account/logout\">{HubAntiforgery.Field(http)}<button>Sign out</button></form>");
        return Render("My clouds", body.ToString());
    }

    private static string Rule(CloudAccess cloud, int? rule) =>
        rule is { } i ? $"<small>rule {i + 1}{(cloud.RuleFile is null ? "" : " of " + E(cloud.RuleFile))}</small>" : "";

    private static string Card(FederationConfig config, CloudAccess cloud)
    {
        var p = cloud.Provider;
        var grant = cloud.Grant;
        var html = new StringBuilder($"<section class=\"card\" aria-labelledby=\"cloud-{E(p.Id)}\"><h2 id=\"cloud-{E(p.Id)}\">{E(p.DisplayName ?? p.Id)}</h2>");
        html.Append($"<p class=\"state state-{cloud.State.Status.ToString().ToLowerInvariant()}\"><strong>{E(StateName(cloud.State.Status))}</strong> — {E(cloud.State.Detail)}</p>");
        if (p.Keystone is { } keystone)
        {
            html.Append($"<p>OpenStack: user <code>{E(grant.User.Name)}</code> in domain <code>{E(grant.User.Domain?.Name ?? keystone.Domain ?? "Default")}</code> {Rule(cloud, grant.UserRule)}</p>");
            if (grant.Projects.Count > 0)
            {
                html.Append("<table><caption>Projects</caption><thead><tr><th scope=\"col\">Project</th><th scope=\"col\">Roles</th><th scope=\"col\">Granted by</th></tr></thead><tbody>");
                foreach (var project in grant.Projects)
                    html.Append($"<tr><td><code>{E(project.Name)}</code></td><td>{E(string.Join(", ", project.Roles))}</td><td>{Rule(cloud, grant.ProjectsRule)}</td></tr>");
                html.Append("</tbody></table>");
            }
            if (grant.GroupNames.Count > 0)
            {
                html.Append("<p>Groups: ");
                html.Append(string.Join(", ", grant.GroupNames.Select((g, i) => $"<code>{E(g.Name)}</code>{(i < grant.GroupNameRules.Count ? " " + Rule(cloud, grant.GroupNameRules[i]) : "")}")));
                html.Append("</p>");
            }
        }
        foreach (var k in grant.Kubernetes)
        {
            html.Append($"<p>Kubernetes cluster <code>{E(k.Cluster)}</code></p>");
            if (k.Namespaces.Count > 0)
            {
                html.Append("<table><caption>Namespaces</caption><thead><tr><th scope=\"col\">Namespace</th><th scope=\"col\">Cluster role</th></tr></thead><tbody>");
                foreach (var ns in k.Namespaces) html.Append($"<tr><td><code>{E(ns.Name)}</code></td><td><code>{E(ns.ClusterRole)}</code></td></tr>");
                html.Append("</tbody></table>");
            }
            if (k.Groups.Count > 0) html.Append($"<p>Cluster groups: {string.Join(", ", k.Groups.Select(g => $"<code>{E(g)}</code>"))}</p>");
            if (p.Kubernetes?.ApiServer is not null && p.Kubernetes.Cluster == k.Cluster)
                html.Append($"<p><a class=\"button\" href=\"/portal/kubeconfig/{E(Uri.EscapeDataString(p.Id))}\" download>Download kubeconfig</a> (needs the kubelogin plugin: <code>kubectl oidc-login</code>)</p>");
        }
        return html.Append("</section>").ToString();
    }

    private static string StateName(ProvisioningStatus status) => status switch
    {
        ProvisioningStatus.Ready => "Ready",
        ProvisioningStatus.Pending => "Being set up",
        ProvisioningStatus.Failed => "Failed",
        _ => "Managed by the cloud",
    };

    private static async Task<IResult> CloudsYamlFile(HttpContext http, MyClouds clouds, FederationConfig config, CancellationToken cancellationToken)
    {
        if (await HubSession.AccountIdAsync(http) is not { } account) return SignInFirst("/portal");
        var text = ClientConfigFiles.CloudsYaml(config, await clouds.ForAsync(account, cancellationToken));
        http.Response.Headers.ContentDisposition = "attachment; filename=\"clouds.yaml\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(text, "application/yaml", Encoding.UTF8);
    }

    private static async Task<IResult> KubeconfigFile(HttpContext http, string providerId, MyClouds clouds, FederationConfig config, CancellationToken cancellationToken)
    {
        if (await HubSession.AccountIdAsync(http) is not { } account) return SignInFirst("/portal");
        var cloud = (await clouds.ForAsync(account, cancellationToken)).FirstOrDefault(c => c.Provider.Id == providerId);
        if (cloud is null || ClientConfigFiles.Kubeconfig(config, cloud) is not { } text)
            return Error("No kubeconfig", "no_cluster_access", "this cloud grants you no Kubernetes cluster the hub knows an API address for", 404);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"kubeconfig-{providerId}.yaml\"";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Text(text, "application/yaml", Encoding.UTF8);
    }
}
