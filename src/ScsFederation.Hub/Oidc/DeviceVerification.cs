using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Login;
using ScsFederation.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// The device authorization grant's verification pages (<c>/connect/verify</c>). A user code is a phishing lure as
/// much as a login: whoever types it hands their identity to whatever device asked. So the page always says which
/// application asks and for which scopes before anything is issued, lets the person allow or deny, records consent
/// like the authorization endpoint does for <c>consent: explicit</c> clients, and takes the decision only from a
/// form the hub itself served (antiforgery): another site cannot confirm a code in a signed-in person's browser.
/// </summary>
public static class DeviceVerification
{
    private const string Path = "/connect/verify";

    public static void MapDeviceVerification(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Form);
        app.MapPost(Path, Decide).DisableAntiforgery().RequireHubAntiforgery();
        app.MapGet(Path + "/done", () => Render("Device connected", "<h1>Device connected</h1><p>You can return to your device.</p>"));
        app.MapGet(Path + "/denied", () => Render("Device not connected", "<h1>Device not connected</h1><p>The device was refused access. You can close this page.</p>"));
    }

    private static async Task<IResult> Form(HttpContext http, string? user_code, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var session = await http.AuthenticateAsync(HubSession.Scheme);
        if (!session.Succeeded)
        {
            return Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(http.Request.GetEncodedPathAndQuery())}");
        }
        if (string.IsNullOrEmpty(user_code))
        {
            // Asking for the code is a GET: nothing is decided until the person has seen who asks.
            return Render("Connect a device", $"""
                <h1>Connect a device</h1>
                <form method="get" action="{Path}" class="card">
                  <label for="user_code">Code shown on the device</label><input id="user_code" name="user_code" required>
                  <p><button type="submit">Continue</button></p>
                </form>
                """);
        }
        var request = await PendingAsync(http, applications, cancellationToken);
        return request is null ? UnknownCode() : ConsentPage(http, user_code, request.Value.DisplayName, request.Value.Scopes);
    }

    private static async Task<IResult> Decide(HttpContext http, HubDbContext db, HubClaimsFactory claimsFactory, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, CancellationToken cancellationToken)
    {
        var session = await http.AuthenticateAsync(HubSession.Scheme);
        var accountId = session.Succeeded ? HubSession.AccountId(session.Principal) : null;
        var account = accountId is null ? null : await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null)
        {
            return Results.Redirect($"/login?returnUrl={Uri.EscapeDataString(Path)}");
        }
        var request = await PendingAsync(http, applications, cancellationToken);
        if (request is null) return UnknownCode();
        var (application, clientId, displayName, scopes, consentType) = request.Value;

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (form.ContainsKey("consent.deny"))
        {
            // OpenIddict marks the user code rejected: the polling device gets access_denied.
            return Results.Forbid(new AuthenticationProperties { RedirectUri = Path + "/denied" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        if (!form.ContainsKey("consent.accept"))
        {
            // Only an explicit "Allow" on the page that named the application and scopes issues anything.
            return ConsentPage(http, form["user_code"].ToString(), displayName, scopes);
        }

        var identity = await claimsFactory.CreateAsync(account, clientId, scopes, cancellationToken);
        if (consentType == ConsentTypes.Explicit)
        {
            // Recorded as at the authorization endpoint, so the grant shows up (and can be revoked) with the others.
            var applicationId = await applications.GetIdAsync(application, cancellationToken);
            var authorization = await authorizations.CreateAsync(new ClaimsPrincipal(identity), account.Id, applicationId!, AuthorizationTypes.Permanent, identity.GetScopes(), cancellationToken);
            identity.SetAuthorizationId(await authorizations.GetIdAsync(authorization, cancellationToken));
        }
        return Results.SignIn(new ClaimsPrincipal(identity), new AuthenticationProperties { RedirectUri = Path + "/done" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>The device request behind the user code OpenIddict has validated on this request (GET query or POST form), or null.</summary>
    private static async Task<(object Application, string ClientId, string DisplayName, IReadOnlyList<string> Scopes, string? ConsentType)?> PendingAsync(
        HttpContext http, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var clientId = result.Principal?.GetClaim(Claims.ClientId);
        if (string.IsNullOrEmpty(clientId)) return null;
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null) return null;
        var displayName = await applications.GetDisplayNameAsync(application, cancellationToken) ?? clientId;
        return (application, clientId, displayName, [.. result.Principal!.GetScopes()], await applications.GetConsentTypeAsync(application, cancellationToken));
    }

    private static IResult UnknownCode() => Error("Connect a device", "invalid_user_code", "That code is unknown or has expired.", 400);

    private static IResult ConsentPage(HttpContext http, string userCode, string applicationName, IReadOnlyList<string> scopes)
    {
        var items = string.Concat(scopes.Select(s => $"<li><code>{E(s)}</code></li>"));
        return Render("Connect a device", $"""
            <h1>Allow {E(applicationName)} on your device?</h1>
            <div class="card"><p>A device showing the code <code>{E(userCode)}</code> asks to act as you in <strong>{E(applicationName)}</strong>, with:</p><ul>{items}</ul>
            <p>Allow only if you started this on your own device just now.</p></div>
            <form method="post" action="{Path}">{HubAntiforgery.Field(http)}
              <input type="hidden" name="user_code" value="{E(userCode)}">
              <button name="consent.accept" value="yes">Allow</button> <button name="consent.deny" value="yes" style="background:#6b7280">Deny</button>
            </form>
            """);
    }
}
