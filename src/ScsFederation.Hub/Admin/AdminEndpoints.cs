using System.Text.Json;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Grants;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using ScsFederation.Mapping;

namespace ScsFederation.Hub.Admin;

/// <summary>
/// The admin API (the bootstrap bearer token <c>hub.adminToken</c>, or a hub access token with the role <c>federation-admin</c>; disabled when neither is configured). Dry-run of a
/// provider's mapping rules on given claims, as the portal and operators use it before changing rules; provisioning
/// and onboarding (<see cref="ProvisioningAdminEndpoints"/>).
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (ctx, next) =>
        {
            var refusal = await AuthorizeAsync(ctx.HttpContext);
            return refusal ?? await next(ctx);
        });

        admin.MapPost("/providers/{providerId}/mapping/dry-run", DryRun).DisableAntiforgery();
        // What the operator console shows, as JSON.
        admin.MapGet("/upstreams", (FederationConfig config, Operations.UpstreamHealth health) => Results.Json(new { upstreams = Operators.OperatorConsole.UpstreamsView(config, health) }));
        admin.MapGet("/keys", (Keys.SigningKeyRing ring) => Results.Json(new { keys = Operators.OperatorConsole.KeysView(ring) }));
        admin.MapProvisioningAdmin();
        DidWeb.DidWebEndpoints.MapDidWebAdmin(admin);
        GaiaX.GaiaXEndpoints.MapGaiaXAdmin(admin);
    }

    /// <summary>
    /// The bootstrap token (<c>hub.adminToken</c>, compared in constant time), or an access token of this hub —
    /// validated by OpenIddict (signature, issuer, lifetime, not revoked) — that carries the role
    /// <c>federation-admin</c> and the scope of that name. A refusal says which, never why a token failed in detail.
    /// </summary>
    private static async Task<IResult?> AuthorizeAsync(HttpContext http)
    {
        var config = http.RequestServices.GetRequiredService<FederationConfig>();
        var header = http.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        if (!string.IsNullOrEmpty(config.Hub.AdminToken) && Http.SecretComparison.AreEqual(presented, config.Hub.AdminToken)) return null;
        if (presented.Length == 0 || presented.Count(c => c == '.') != 2)
        {
            return string.IsNullOrEmpty(config.Hub.AdminToken) && config.Hub.Administrators.Mapping is null
                ? Results.Json(new { error = "admin_api_disabled", error_description = "set hub.adminToken or hub.administrators to enable the admin API" }, statusCode: 403)
                : Results.Json(new { error = "invalid_token" }, statusCode: 401);
        }
        var result = await http.AuthenticateAsync(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!result.Succeeded || result.Principal is null) return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        if (!result.Principal.HasScope(HubAdministrators.Scope) || !result.Principal.HasClaim(OpenIddict.Abstractions.OpenIddictConstants.Claims.Role, HubAdministrators.Role))
        {
            return Results.Json(new { error = "insufficient_scope", error_description = "the token does not carry the hub role federation-admin" }, statusCode: 403);
        }
        return null;
    }

    /// <summary>Body: a JSON object of claims (string or array of strings), e.g. <c>{"OIDC-groups": ["scs-admins"]}</c>.</summary>
    private static async Task<IResult> DryRun(HttpContext http, string providerId, ProviderRuleSets rules, CancellationToken cancellationToken)
    {
        if (!rules.ByProvider.TryGetValue(providerId, out var ruleSet))
        {
            return Results.Json(new { error = "unknown_provider", error_description = $"provider '{providerId}' has no mapping rules" }, statusCode: 404);
        }
        IReadOnlyDictionary<string, IReadOnlyList<string>> assertion;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, new JsonDocumentOptions { MaxDepth = 8 }, cancellationToken);
            // The hub's one claims view (MappingAssertion), as login, refresh and `scsfed mapping test` use it.
            assertion = MappingAssertion.FromJson(body.RootElement);
        }
        catch (AssertionFormatException ex)
        {
            return Results.Json(new { error = "invalid_request", error_description = ex.Message }, statusCode: 400);
        }
        catch (JsonException ex)
        {
            return Results.Json(new { error = "invalid_request", error_description = ex.Message }, statusCode: 400);
        }

        try
        {
            var outcome = MappingEngine.Evaluate(ruleSet, assertion);
            return outcome.Result is { } result
                ? Results.Text(MappingResultJson.ToJson(result), "application/json")
                : Results.Json(new { error = "no_rule_matched", error_description = MappingOutcome.NoMatchMessage }, statusCode: 422);
        }
        catch (MappingEvaluationException ex)
        {
            return Results.Json(new { error = "mapping_error", error_description = ex.Message }, statusCode: 422);
        }
    }
}
