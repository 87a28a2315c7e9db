using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Identity;
using ScsFederation.Hub.Accounts;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Upstreams;
using ScsFederation.Storage;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Login;

/// <summary>The browser side of logging in at the hub: choosing an upstream, the round trip to it, demo accounts, who am I, logout.</summary>
public static class LoginEndpoints
{
    public static void MapLoginEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", Home);
        app.MapGet("/login", Choose);
        app.MapGet("/login/{upstreamId}", Start);
        app.MapPost("/login/demo", DemoLogin).DisableAntiforgery().RequireHubAntiforgery();
        app.MapGet("/signin-oidc/{upstreamId}", OidcCallback);
        app.MapGet("/account/whoami", WhoAmI);
        app.MapPost("/account/logout", Logout).DisableAntiforgery().RequireHubAntiforgery();
    }

    private static async Task<IResult> Home(HttpContext http, FederationConfig config, HomeRealmDiscovery hrd)
    {
        var auth = await http.AuthenticateAsync(HubSession.Scheme);
        var status = auth.Succeeded
            ? $"<p>You are signed in. <a class=\"button\" href=\"/portal\">My clouds</a></p><p><small>Account <code>{E(HubSession.AccountId(auth.Principal))}</code> · <a href=\"/account/whoami\">account details (JSON)</a></small></p><form method=\"post\" action=\"/account/logout\">{HubAntiforgery.Field(http)}<button>Sign out</button></form>"
            : "<p><a class=\"button\" href=\"/login\">Sign in</a></p>";
        var upstreams = string.Concat(hrd.Choices().Select(c => $"<li>{E(c.DisplayName)} <small>({E(c.Type)})</small></li>"));
        return Render("Federation hub", $"<h1>Federation hub</h1><p>Issuer <code>{E(config.Hub.Issuer)}</code> · <a href=\"/.well-known/openid-configuration\">OpenID configuration</a></p>{status}<div class=\"card\"><h2>Identity providers</h2><ul>{upstreams}</ul></div>");
    }

    private static IResult Choose(HttpContext http, HomeRealmDiscovery hrd, string? returnUrl, string? idp, string? login_hint)
    {
        var (upstream, error) = hrd.Resolve(idp, null, login_hint);
        if (error is not null) return Error("Cannot sign in", "unknown_upstream", error, 400);
        var ret = LocalReturnUrl.OrHome(returnUrl);
        if (upstream is not null) return Results.Redirect($"/login/{Uri.EscapeDataString(upstream)}?returnUrl={Uri.EscapeDataString(ret)}");
        var items = string.Concat(hrd.Choices().Select(c =>
            $"<p><a class=\"button\" href=\"/login/{E(Uri.EscapeDataString(c.Id))}?returnUrl={E(Uri.EscapeDataString(ret))}\">{E(c.DisplayName)}</a></p>"));
        return Render("Choose how to sign in", $"<h1>Choose how to sign in</h1><div class=\"card\">{items}</div>");
    }

    private static async Task<IResult> Start(HttpContext http, string upstreamId, string? returnUrl, string? login_hint, FederationConfig config,
        OidcUpstreamClient oidc, IDataProtectionProvider protection, HubCookies cookies, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var ret = LocalReturnUrl.OrHome(returnUrl);
        if (upstreamId == HomeRealmDiscovery.DemoUpstreamId && config.Hub.Demo.Enabled)
        {
            return DemoForm(http, ret, null);
        }

        var upstream = config.FindUpstream(upstreamId);
        if (upstream is null) return Error("Cannot sign in", "unknown_upstream", $"unknown identity provider '{upstreamId}'", 400);
        if (upstream.Type == UpstreamTypes.Saml)
        {
            return Results.Redirect($"/saml/login/{Uri.EscapeDataString(upstream.Id)}?returnUrl={Uri.EscapeDataString(ret)}");
        }

        var state = UpstreamLoginState.Create(upstream.Id, ret, clock.GetUtcNow());
        string url;
        try
        {
            url = await oidc.BuildAuthorizationUrlAsync(upstream, state.State, state.Nonce, state.CodeVerifier, login_hint, cancellationToken);
        }
        catch (UpstreamLoginException ex)
        {
            loggers.CreateLogger("ScsFederation.Login").LogError("Cannot start login at upstream {Upstream}: {Code} {Message}", upstream.Id, ex.Code, ex.Message);
            return Error("The identity provider is not available", ex.Code, UpstreamLoginException.PublicMessage, 502);
        }

        // Lax suffices: the upstream sends the browser back with a top-level GET.
        http.Response.Cookies.Append(cookies.Name(UpstreamLoginState.CookieName(state.State)), state.Protect(protection), cookies.Flow("/signin-oidc/", UpstreamLoginState.Lifetime));
        return Results.Redirect(url);
    }

    private static async Task<IResult> OidcCallback(HttpContext http, string upstreamId, string? code, string? state, string? error, string? error_description,
        FederationConfig config, OidcUpstreamClient oidc, AccountLinker linker, IDataProtectionProvider protection, HubCookies cookies, TimeProvider clock, ILoggerFactory loggers, Operations.HubMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("ScsFederation.Login");
        IResult Refuse(string reason, string message, int status = 400)
        {
            metrics.Login(upstreamId, reason);
            logger.LogWarning("Refused login from upstream {Upstream}: {Reason} — {Message}", upstreamId, reason, message);
            return Error("Sign-in failed", reason, message, status);
        }

        var upstream = config.FindUpstream(upstreamId);
        if (upstream is null || upstream.Type != UpstreamTypes.Oidc) return Refuse("unknown_upstream", $"unknown identity provider '{upstreamId}'");
        if (string.IsNullOrEmpty(state)) return Refuse("missing_state", "the identity provider's answer has no state");

        var cookieName = cookies.Name(UpstreamLoginState.CookieName(state));
        var cookie = http.Request.Cookies[cookieName];
        // Single use: whatever happens next, this login attempt is spent.
        http.Response.Cookies.Delete(cookieName, cookies.Delete("/signin-oidc/"));
        var saved = cookie is null ? null : UpstreamLoginState.Unprotect(protection, cookie);
        if (saved is null || !Http.SecretComparison.AreEqual(state, saved.State))
        {
            return Refuse("wrong_state", "this answer does not belong to a login started in this browser (unknown or reused state)");
        }
        if (saved.UpstreamId != upstream.Id) return Refuse("wrong_state", "this answer came back from another identity provider than the one the login started at");
        if (clock.GetUtcNow() - saved.CreatedAt > UpstreamLoginState.Lifetime) return Refuse("login_expired", "the login took too long; please start again");
        if (!string.IsNullOrEmpty(error)) return Refuse("upstream_error", $"the identity provider refused the login: {error} {error_description}", 403);
        if (string.IsNullOrEmpty(code)) return Refuse("missing_code", "the identity provider's answer has no authorization code");

        ExternalIdentity identity;
        try
        {
            identity = await oidc.CompleteAsync(upstream, code, saved.CodeVerifier, saved.Nonce, cancellationToken);
        }
        catch (UpstreamLoginException ex)
        {
            metrics.Login(upstreamId, ex.Code);
            logger.LogWarning("Refused login from upstream {Upstream}: {Reason} — {Message}", upstreamId, ex.Code, ex.Message);
            return Error("Sign-in failed", ex.Code, UpstreamLoginException.PublicMessage, 403);
        }

        var account = await linker.LinkAsync(identity, cancellationToken);
        await http.SignInAsync(HubSession.Scheme, HubSession.Create(account.Id, upstream.Id));
        metrics.Login(upstream.Id, "success");
        return Results.Redirect(LocalReturnUrl.OrHome(saved.ReturnUrl));
    }

    private static IResult DemoForm(HttpContext http, string returnUrl, string? error) =>
        Render("Sign in with a demo account", $"""
            <h1>Sign in with a demo account</h1>
            {(error is null ? "" : $"<p class=\"error\">{E(error)}</p>")}
            <form method="post" action="/login/demo" class="card">{HubAntiforgery.Field(http)}
              <input type="hidden" name="returnUrl" value="{E(returnUrl)}">
              <label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
              <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
              <p><button type="submit">Sign in</button></p>
            </form>
            """, error is null ? 200 : 401);

    private static async Task<IResult> DemoLogin(HttpContext http, FederationConfig config, AccountLinker linker, ILoggerFactory loggers, Operations.HubMetrics metrics, CancellationToken cancellationToken)
    {
        if (!config.Hub.Demo.Enabled) return Error("Cannot sign in", "unknown_upstream", "demo accounts are not enabled", 404);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var username = form["username"].ToString();
        var password = form["password"].ToString();
        var returnUrl = LocalReturnUrl.OrHome(form["returnUrl"].ToString());
        DemoUser? match = null;
        foreach (var user in config.Hub.Demo.Users)
        {
            // Compare every entry in constant time so timing does not tell which user names exist.
            var okUser = Http.SecretComparison.AreEqual(username, user.Username);
            var okPass = Http.SecretComparison.AreEqual(password, user.Password);
            if (okUser & okPass) match = user;
        }
        if (match is null)
        {
            metrics.Login(HomeRealmDiscovery.DemoUpstreamId, "wrong_password");
            loggers.CreateLogger("ScsFederation.Login").LogWarning("Refused demo login for user name {Username}", username);
            return DemoForm(http, returnUrl, "Unknown user name or wrong password.");
        }

        var claims = new Dictionary<string, IReadOnlyList<string>>
        {
            ["sub"] = [match.Username],
            ["preferred_username"] = [match.Username],
            ["groups"] = match.Groups,
        };
        if (match.Email is not null) { claims["email"] = [match.Email]; claims["email_verified"] = ["true"]; }
        if (match.Name is not null) claims["name"] = [match.Name];
        var identity = new ExternalIdentity(HomeRealmDiscovery.DemoUpstreamId, config.Hub.DemoIssuer, match.Username, claims);
        var account = await linker.LinkAsync(identity, cancellationToken);
        await http.SignInAsync(HubSession.Scheme, HubSession.Create(account.Id, HomeRealmDiscovery.DemoUpstreamId));
        metrics.Login(HomeRealmDiscovery.DemoUpstreamId, "success");
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> WhoAmI(HttpContext http, HubDbContext db, CancellationToken cancellationToken)
    {
        var accountId = await HubSession.AccountIdAsync(http);
        if (accountId is null) return Results.Json(new { error = "not_signed_in" }, statusCode: 401);
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null) return Results.Json(new { error = "account_gone" }, statusCode: 401);
        return Results.Json(new
        {
            accountId = account.Id,
            upstreamId = account.UpstreamId,
            upstreamIssuer = account.UpstreamIssuer,
            upstreamSubject = account.UpstreamSubject,
            email = account.Email,
            name = account.DisplayName,
            claims = JsonSerializer.Deserialize<JsonElement>(account.ClaimsJson),
            loginCount = account.LoginCount,
        });
    }

    // The CancellationToken keeps minimal APIs from taking this for a RequestDelegate (which would drop the IResult).
    private static Task<IResult> Logout(HttpContext http, CancellationToken cancellationToken) => Saml.SamlEndpoints.SignOutAsync(http, "/");
}
