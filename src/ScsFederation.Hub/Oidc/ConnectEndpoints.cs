using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Login;
using ScsFederation.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// The OpenID Provider endpoints OpenIddict hands back to the hub (pass-through): it has already validated the
/// protocol request (client, redirect URI, PKCE, scopes); these decide who the person is and what to say about them.
/// </summary>
public static class ConnectEndpoints
{
    public static void MapConnectEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/connect/authorize", ["GET", "POST"], Authorize).DisableAntiforgery();
        app.MapPost("/connect/token", Token).DisableAntiforgery();
        app.MapMethods("/connect/userinfo", ["GET", "POST"], Userinfo).DisableAntiforgery();
        app.MapMethods("/connect/logout", ["GET", "POST"], Logout).DisableAntiforgery();
        app.MapDeviceVerification();
    }

    private static async Task<IResult> Authorize(HttpContext http, FederationConfig config, HomeRealmDiscovery hrd, HubDbContext db,
        HubClaimsFactory claimsFactory, IOpenIddictApplicationManager applications, IOpenIddictAuthorizationManager authorizations, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("the OpenID Connect request cannot be retrieved");
        var session = await http.AuthenticateAsync(HubSession.Scheme);
        var accountId = session.Succeeded ? HubSession.AccountId(session.Principal) : null;
        var account = accountId is null ? null : await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);

        var forceLogin = request.HasPromptValue(PromptValues.Login) && !http.Request.Query.ContainsKey("scsfed_login_done");
        forceLogin |= account is not null && UpstreamReauthentication.IsDue(http, request.ClientId, session.Principal);
        var idpHint = request.GetParameter("idp")?.ToString();
        if (account is not null && idpHint is not null && account.UpstreamId != idpHint)
        {
            forceLogin = true; // signed in elsewhere, but the client asked for a specific upstream
        }
        if (account is null || forceLogin)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "the user is not signed in at the hub");
            }
            var (upstream, error) = hrd.Resolve(idpHint, request.AcrValues, request.LoginHint);
            if (error is not null)
            {
                return Forbid(Errors.InvalidRequest, error);
            }
            var returnUrl = ReturnUrl(http, request, forceLogin);
            return upstream is null
                ? Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(returnUrl)}")
                : Results.Redirect($"/login/{Uri.EscapeDataString(upstream)}?returnUrl={Uri.EscapeDataString(returnUrl)}{(request.LoginHint is null ? "" : "&login_hint=" + Uri.EscapeDataString(request.LoginHint))}");
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                          ?? throw new InvalidOperationException("the client application cannot be found");
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var existing = new List<object>();
        await foreach (var authorization in authorizations.FindAsync(account.Id, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), cancellationToken))
        {
            existing.Add(authorization);
        }

        var consentType = await applications.GetConsentTypeAsync(application, cancellationToken);
        var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync(cancellationToken) : null;
        var accepted = form?.ContainsKey("consent.accept") == true;
        var denied = form?.ContainsKey("consent.deny") == true;
        if ((accepted || denied) && !await Http.HubAntiforgery.IsValidAsync(http))
        {
            // A consent decision counts only from the hub's own consent page (another site could post "accept").
            return Http.HubAntiforgery.Refusal();
        }
        if (denied)
        {
            return Forbid(Errors.AccessDenied, "the user did not allow the application");
        }
        if (consentType == ConsentTypes.Explicit && existing.Count == 0 && !accepted)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.ConsentRequired, "the application needs the user's consent");
            }
            return ConsentPage(http, request, await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId!);
        }

        var identity = await claimsFactory.CreateAsync(account, request.ClientId, request.GetScopes(), cancellationToken);
        var permanent = existing.LastOrDefault();
        if (permanent is null && consentType == ConsentTypes.Explicit)
        {
            permanent = await authorizations.CreateAsync(new ClaimsPrincipal(identity), account.Id, applicationId!, AuthorizationTypes.Permanent, identity.GetScopes(), cancellationToken);
        }
        if (permanent is not null)
        {
            identity.SetAuthorizationId(await authorizations.GetIdAsync(permanent, cancellationToken));
        }
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The authorize URL to come back to after the upstream login, as a GET even when the client POSTed.</summary>
    private static string ReturnUrl(HttpContext http, OpenIddictRequest request, bool forcedLogin)
    {
        var parameters = http.Request.HasFormContentType
            ? http.Request.Form.Where(p => !p.Key.StartsWith("consent.", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value)
            : http.Request.Query.ToDictionary(p => p.Key, p => p.Value);
        if (forcedLogin) parameters["scsfed_login_done"] = "1";
        parameters.Remove("idp");
        if (request.GetParameter("idp") is { } idp) parameters["idp"] = idp.ToString();
        return http.Request.PathBase + http.Request.Path + QueryString.Create(parameters);
    }

    private static IResult ConsentPage(HttpContext http, OpenIddictRequest request, string applicationName)
    {
        var parameters = http.Request.HasFormContentType ? http.Request.Form.Select(p => (p.Key, p.Value.ToString())) : http.Request.Query.Select(p => (p.Key, p.Value.ToString()));
        var hidden = string.Concat(parameters.Where(p => !p.Key.StartsWith("consent.", StringComparison.Ordinal) && !p.Key.StartsWith("__RequestVerification", StringComparison.Ordinal)).Select(p => $"<input type=\"hidden\" name=\"{E(p.Key)}\" value=\"{E(p.Item2)}\">"));
        var scopes = string.Concat(request.GetScopes().Select(s => $"<li><code>{E(s)}</code></li>"));
        return Render("Allow access", $"""
            <h1>Allow {E(applicationName)} to use your identity?</h1>
            <div class="card"><p>The application asks for:</p><ul>{scopes}</ul></div>
            <form method="post" action="/connect/authorize">{hidden}{Http.HubAntiforgery.Field(http)}
              <button name="consent.accept" value="yes">Allow</button> <button name="consent.deny" value="yes" style="background:#6b7280">Deny</button>
            </form>
            """);
    }

    private static async Task<IResult> Token(HttpContext http, HubDbContext db, HubClaimsFactory claimsFactory, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("the OpenID Connect request cannot be retrieved");
        if (request.IsClientCredentialsGrantType())
        {
            var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
                              ?? throw new InvalidOperationException("the client application cannot be found");
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, cancellationToken) ?? request.ClientId);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType() || request.IsDeviceCodeGrantType())
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.GetClaim(Claims.Subject);
            var account = subject is null ? null : await db.Accounts.SingleOrDefaultAsync(a => a.Id == subject, cancellationToken);
            if (account is null)
            {
                return Forbid(Errors.InvalidGrant, "the account behind this grant no longer exists");
            }
            // Refresh the claims from the stored account: groups removed upstream disappear from new tokens.
            // A refresh runs every provider's current rules again (and stores the result for provisioning).
            if (request.IsRefreshTokenGrantType()) await http.RequestServices.GetRequiredService<Grants.ProviderGrantService>().RecordAsync(account, cancellationToken);
            var identity = await claimsFactory.CreateAsync(account, request.ClientId, result.Principal!.GetScopes(), cancellationToken);
            identity.SetAuthorizationId(result.Principal!.GetAuthorizationId());
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "this grant type is not supported");
    }

    private static async Task<IResult> Userinfo(HttpContext http, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var principal = result.Principal;
        if (principal is null)
        {
            return Results.Challenge(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var claims = new Dictionary<string, object?>(StringComparer.Ordinal) { [Claims.Subject] = principal.GetClaim(Claims.Subject) };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = principal.GetClaim(Claims.Name);
            claims[Claims.PreferredUsername] = principal.GetClaim(Claims.PreferredUsername);
        }
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = principal.GetClaim(Claims.Email);
            if (principal.GetClaim(Claims.EmailVerified) is { } v) claims[Claims.EmailVerified] = v == "true";
        }
        if (principal.HasScope(HubClaimsFactory.GroupsScope))
        {
            claims["groups"] = GroupsClaim.Read(principal);
            claims["idp"] = principal.GetClaim("idp");
            // Userinfo says what the access token says: the provider's grants and replay claims, or the namespaced upstream groups.
            foreach (var type in principal.Claims.Select(c => c.Type).Distinct(StringComparer.Ordinal)
                         .Where(t => t is "projects" or HubClaimsFactory.UpstreamGroupsClaim or HubClaimsFactory.UpstreamClaim || t.StartsWith("scsfed_", StringComparison.Ordinal)))
            {
                // Read back from a JWT access token, an array claim arrives as one claim per element.
                var all = principal.FindAll(type).ToList();
                if (type == HubClaimsFactory.UpstreamClaim) { claims[type] = all[0].Value; continue; }
                var items = new List<System.Text.Json.JsonElement>();
                foreach (var value in all.Select(c => c.Value))
                {
                    if (value.StartsWith('[')) items.AddRange(System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement[]>(value)!);
                    else if (value.StartsWith('{')) items.Add(System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(value));
                    else items.Add(System.Text.Json.JsonSerializer.SerializeToElement(value));
                }
                claims[type] = items;
            }
        }
        return Results.Json(claims.Where(c => c.Value is not null).ToDictionary(c => c.Key, c => c.Value));
    }

    private static async Task<IResult> Logout(HttpContext http, CancellationToken cancellationToken)
    {
        var session = await http.AuthenticateAsync(HubSession.Scheme);
        if (session.Succeeded && session.Principal!.FindFirst(HubSession.SamlNameIdClaim) is not null)
        {
            // Single logout at the SAML IdP first, then back here (no session any more) to finish for the client.
            var again = http.Request.PathBase + http.Request.Path + (http.Request.HasFormContentType ? QueryString.Create(http.Request.Form.ToDictionary(p => p.Key, p => p.Value)) : http.Request.QueryString);
            return await Saml.SamlEndpoints.SignOutAsync(http, again);
        }
        await http.SignOutAsync(HubSession.Scheme);
        if (session.Succeeded && HubSession.AccountId(session.Principal) is { } accountId)
            await http.RequestServices.GetRequiredService<BackchannelLogout>().NotifyAsync(accountId, cancellationToken);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
