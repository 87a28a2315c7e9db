using System.Text.Json;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Grants;
using ScsFederation.Mapping;

namespace ScsFederation.Hub.Admin;

/// <summary>
/// The admin API (bearer token from <c>hub.adminToken</c>; disabled when none is configured). Dry-run of a
/// provider's mapping rules on given claims, as the portal and operators use it before changing rules; provisioning
/// and onboarding (<see cref="ProvisioningAdminEndpoints"/>).
/// </summary>
public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (ctx, next) =>
        {
            var config = ctx.HttpContext.RequestServices.GetRequiredService<FederationConfig>();
            if (string.IsNullOrEmpty(config.Hub.AdminToken))
            {
                return Results.Json(new { error = "admin_api_disabled", error_description = "set hub.adminToken to enable the admin API" }, statusCode: 403);
            }
            var header = ctx.HttpContext.Request.Headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
            if (!Http.SecretComparison.AreEqual(presented, config.Hub.AdminToken))
            {
                return Results.Json(new { error = "invalid_token" }, statusCode: 401);
            }
            return await next(ctx);
        });

        admin.MapPost("/providers/{providerId}/mapping/dry-run", DryRun).DisableAntiforgery();
        admin.MapProvisioningAdmin();
        DidWeb.DidWebEndpoints.MapDidWebAdmin(admin);
        GaiaX.GaiaXEndpoints.MapGaiaXAdmin(admin);
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
