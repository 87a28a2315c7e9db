using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Grants;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Keys;
using ScsFederation.Hub.Login;
using ScsFederation.Hub.Operations;
using ScsFederation.Mapping;
using ScsFederation.Storage;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Operators;

/// <summary>
/// The operator console, for people the administrators mapping makes <c>federation-admin</c> (decided from their hub
/// session's account at every request): upstreams with their health and login counts, signing keys, and the
/// mapping test console — claims in, grants out with the rule that matched, from the same code the login uses.
/// Each page has its admin API counterpart (<c>/admin/upstreams</c>, <c>/admin/keys</c>,
/// <c>/admin/providers/{id}/mapping/dry-run</c>).
/// </summary>
public static class OperatorConsole
{
    public static void MapOperatorConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet("/console", Overview);
        app.MapGet("/console/mapping", MappingForm);
        app.MapPost("/console/mapping", MappingTest).DisableAntiforgery().RequireHubAntiforgery();
    }

    /// <summary>Null when the session's account holds the hub role; otherwise the answer to give.</summary>
    private static async Task<IResult?> RequireOperatorAsync(HttpContext http, string back)
    {
        if (await HubSession.AccountIdAsync(http) is not { } accountId) return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
        var db = http.RequestServices.GetRequiredService<HubDbContext>();
        var config = http.RequestServices.GetRequiredService<FederationConfig>();
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, http.RequestAborted);
        var admins = http.RequestServices.GetRequiredService<HubAdministrators>();
        if (account is null || !admins.IsAdministrator(UpstreamFacts.Assertion(config, account)))
            return Error("Not an operator", "not_federation_admin", "the operator console is for people the federation's administrators mapping makes federation-admin", 403);
        return null;
    }

    public static object UpstreamsView(FederationConfig config, UpstreamHealth health)
    {
        var snapshot = health.Snapshot();
        return config.Upstreams.Select(u =>
        {
            snapshot.TryGetValue(u.Id, out var e);
            return new
            {
                id = u.Id, type = u.Type, displayName = u.DisplayName,
                metadataReadAt = e?.MetadataReadAt, metadataValidUntil = e?.MetadataValidUntil,
                lastError = e?.LastError, lastErrorAt = e?.LastErrorAt,
                loginsSucceeded = e?.LoginsSucceeded ?? 0, loginsRefused = e?.LoginsRefused ?? 0,
            };
        }).ToList();
    }

    public static object KeysView(SigningKeyRing ring) => ring.Current.Published.Select(k => new
    {
        kid = k.KeyId, alg = k.Algorithm, activatesAt = k.ActivatesAt, retiresAt = k.RetiresAt, expiresAt = k.ExpiresAt,
        signing = ring.Current.ActiveByAlgorithm.Values.Any(a => a.KeyId == k.KeyId),
    }).ToList();

    private static string When(DateTimeOffset? t) => t?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private static async Task<IResult> Overview(HttpContext http, FederationConfig config, UpstreamHealth health, SigningKeyRing ring)
    {
        if (await RequireOperatorAsync(http, "/console") is { } refusal) return refusal;
        var body = new StringBuilder("<h1>Operator console</h1><nav aria-label=\"Console\"><p><a href=\"/console/mapping\">Mapping test</a> · <a href=\"/openapi/v1.json\">Admin API (OpenAPI)</a></p></nav>");
        body.Append("<section class=\"card\" aria-labelledby=\"upstreams\"><h2 id=\"upstreams\">Identity providers</h2><table><thead><tr><th scope=\"col\">Upstream</th><th scope=\"col\">Metadata read</th><th scope=\"col\">Last error</th><th scope=\"col\">Logins ok / refused</th></tr></thead><tbody>");
        var snapshot = health.Snapshot();
        foreach (var u in config.Upstreams)
        {
            snapshot.TryGetValue(u.Id, out var e);
            body.Append($"<tr><td><code>{E(u.Id)}</code> {E(u.DisplayName)}</td><td>{E(When(e?.MetadataReadAt))}</td><td>{(e?.LastError is { } err ? $"<span class=\"error\"><code>{E(err)}</code> {E(When(e.LastErrorAt))}</span>" : "—")}</td><td>{e?.LoginsSucceeded ?? 0} / {e?.LoginsRefused ?? 0}</td></tr>");
        }
        body.Append("</tbody></table><p><small>This instance's view since it started.</small></p></section>");
        body.Append("<section class=\"card\" aria-labelledby=\"keys\"><h2 id=\"keys\">Signing keys</h2><table><thead><tr><th scope=\"col\">Key id</th><th scope=\"col\">Algorithm</th><th scope=\"col\">Signing</th><th scope=\"col\">Retires</th><th scope=\"col\">Expires</th></tr></thead><tbody>");
        foreach (var k in ring.Current.Published)
            body.Append($"<tr><td><code>{E(k.KeyId)}</code></td><td>{E(k.Algorithm)}</td><td>{(ring.Current.ActiveByAlgorithm.Values.Any(a => a.KeyId == k.KeyId) ? "yes" : "no")}</td><td>{E(When(k.RetiresAt))}</td><td>{E(When(k.ExpiresAt))}</td></tr>");
        body.Append("</tbody></table></section>");
        body.Append("<section class=\"card\" aria-labelledby=\"providers\"><h2 id=\"providers\">Providers</h2><ul>");
        foreach (var p in config.Providers)
            body.Append($"<li><code>{E(p.Id)}</code> {E(p.DisplayName)} — {(p.Keystone is not null ? "OpenStack" : "")}{(p.Keystone is not null && p.Kubernetes is not null ? " + " : "")}{(p.Kubernetes is not null ? "Kubernetes " + E(p.Kubernetes.Cluster) : "")}</li>");
        body.Append("</ul><p><small>Onboarding state and provisioning runs: <code>/admin/providers</code>, <code>/admin/provisioning/runs</code>.</small></p></section>");
        return Render("Operator console", body.ToString());
    }

    private static async Task<IResult> MappingForm(HttpContext http, FederationConfig config, ProviderRuleSets rules)
    {
        if (await RequireOperatorAsync(http, "/console/mapping") is { } refusal) return refusal;
        return Render("Mapping test", MappingPage(http, rules, null, "{\n  \"OIDC-idp\": \"demo\",\n  \"OIDC-preferred_username\": \"alice@demo\",\n  \"OIDC-groups\": [\"scs-admins\"]\n}", null));
    }

    private static string MappingPage(HttpContext http, ProviderRuleSets rules, string? provider, string claims, string? resultHtml)
    {
        var options = string.Concat(rules.ByProvider.Keys.Order(StringComparer.Ordinal).Select(p => $"<option value=\"{E(p)}\"{(p == provider ? " selected" : "")}>{E(p)}</option>"));
        return $"""
            <h1>Mapping test</h1>
            <p>Claims as the mapping sees them (the hub's one claims view: each claim also as <code>OIDC-&lt;name&gt;</code>, values split on <code>;</code>).</p>
            <form method="post" action="/console/mapping">{HubAntiforgery.Field(http)}
              <label for="provider">Provider</label><select id="provider" name="provider">{options}</select>
              <label for="claims">Claims (JSON object)</label><textarea id="claims" name="claims" rows="8" style="width:100%;font-family:monospace">{E(claims)}</textarea>
              <p><button>Evaluate</button></p>
            </form>
            {resultHtml}
            <p><a href="/console">Operator console</a></p>
            """;
    }

    private static async Task<IResult> MappingTest(HttpContext http, ProviderRuleSets rules, CancellationToken cancellationToken)
    {
        if (await RequireOperatorAsync(http, "/console/mapping") is { } refusal) return refusal;
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var provider = form["provider"].ToString();
        var claims = form["claims"].ToString();
        string result;
        if (!rules.ByProvider.TryGetValue(provider, out var ruleSet))
        {
            result = $"<p class=\"error\">Provider <code>{E(provider)}</code> has no mapping rules.</p>";
        }
        else
        {
            try
            {
                using var json = JsonDocument.Parse(claims, new JsonDocumentOptions { MaxDepth = 8 });
                var outcome = MappingEngine.Evaluate(ruleSet, MappingAssertion.FromJson(json.RootElement));
                result = outcome.Result is { } r
                    ? $"<h2>Grant</h2><p>Matched rule{(r.MatchedRules.Count == 1 ? "" : "s")}: {string.Join(", ", r.MatchedRules.Select(i => $"<strong>rule {i + 1}</strong>"))}</p><pre>{E(MappingResultJson.ToJson(r, indented: true, includeRuleOrigins: true))}</pre>"
                    : $"<h2>No grant</h2><p class=\"error\">{E(MappingOutcome.NoMatchMessage)}</p>";
            }
            catch (Exception e) when (e is JsonException or AssertionFormatException or MappingEvaluationException)
            {
                result = $"<p class=\"error\">{E(e.Message)}</p>";
            }
        }
        return Render("Mapping test", MappingPage(http, rules, provider, claims, result));
    }
}
