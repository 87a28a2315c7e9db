using Microsoft.AspNetCore.Authentication;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Identity;
using ScsFederation.Hub.Accounts;
using ScsFederation.Hub.Login;
using ScsFederation.Saml;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Saml;

/// <summary>
/// SAML 2.0 upstream logins: SP metadata, SP-initiated login (HTTP-Redirect, signed AuthnRequest), and the
/// assertion consumer service (HTTP-POST). A refused response answers 400/403 with the reason and no session.
/// </summary>
public static class SamlEndpoints
{
    private const string RelayStatePurpose = "ScsFederation.Saml.RelayState.v1";
    public const int MaxResponseFieldLength = 1024 * 1024;

    public static void MapSamlEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/saml/metadata", Metadata);
        app.MapGet("/saml/login/{upstreamId}", Login);
        app.MapPost("/saml/acs/{upstreamId}", Acs).DisableAntiforgery();
        app.MapGet("/saml/slo", LogoutResponse);
        app.MapPost("/saml/slo", LogoutResponse).DisableAntiforgery();
    }

    private const string LogoutCookie = "scsfed.saml.logout";
    private const string LogoutPurpose = "ScsFederation.Saml.Logout.v1";

    /// <summary>
    /// Ends the hub session; when it came from a SAML IdP with a logout endpoint, also sends a signed
    /// LogoutRequest there (SP-initiated single logout) and continues at <paramref name="afterUrl"/> once it answers.
    /// </summary>
    public static async Task<IResult> SignOutAsync(HttpContext http, string afterUrl)
    {
        var session = await http.AuthenticateAsync(HubSession.Scheme);
        await http.SignOutAsync(HubSession.Scheme);
        if (HubSession.AccountId(session.Principal) is { } accountId)
            await http.RequestServices.GetRequiredService<Oidc.BackchannelLogout>().NotifyAsync(accountId, http.RequestAborted);
        var upstreamId = session.Principal?.FindFirst(HubSession.UpstreamIdClaim)?.Value;
        var nameId = session.Principal?.FindFirst(HubSession.SamlNameIdClaim)?.Value;
        var sp = http.RequestServices.GetRequiredService<SamlServiceProvider>();
        if (upstreamId is null || nameId is null || !sp.Upstreams.TryGetValue(upstreamId, out var idp) || idp.SingleLogoutRedirectUrl is null)
        {
            return Results.Redirect(afterUrl);
        }
        var message = new SamlLogoutRequestBuilder(http.RequestServices.GetRequiredService<TimeProvider>()).CreateRedirect(
            sp.Options, idp, nameId, session.Principal!.FindFirst(HubSession.SamlNameIdFormatClaim)?.Value,
            session.Principal!.FindFirst(HubSession.SamlSessionIndexClaim)?.Value, relayState: null);
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(LogoutPurpose);
        var cookies = http.RequestServices.GetRequiredService<Http.HubCookies>();
        http.Response.Cookies.Append(cookies.Name(LogoutCookie), protector.Protect(JsonSerializer.Serialize(new[] { upstreamId, message.Id, afterUrl })),
            // The IdP may answer with a cross-site form POST, which browsers send Lax cookies with only over GET.
            cookies.Flow("/saml/", TimeSpan.FromMinutes(10), crossSitePost: true));
        return Results.Redirect(message.RedirectUrl!);
    }

    private static async Task<IResult> LogoutResponse(HttpContext http, SamlServiceProvider sp, IDataProtectionProvider protection, Http.HubCookies cookies, ILoggerFactory loggers)
    {
        // The SP metadata offers both bindings for the IdP's answer.
        var posted = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : null;
        var cookie = http.Request.Cookies[cookies.Name(LogoutCookie)];
        http.Response.Cookies.Delete(cookies.Name(LogoutCookie), cookies.Delete("/saml/"));
        string[]? pending = null;
        try
        {
            pending = cookie is null ? null : JsonSerializer.Deserialize<string[]>(protection.CreateProtector(LogoutPurpose).Unprotect(cookie));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }
        if (pending is not { Length: 3 } || !sp.Upstreams.TryGetValue(pending[0], out var idp))
        {
            return Error("Sign-out", "no_pending_logout", "this logout answer does not belong to a logout started in this browser", 400);
        }
        try
        {
            var result = posted is null
                ? SamlLogoutResponseReader.ReadRedirect(http.Request.QueryString.Value?.TrimStart('?') ?? "", sp.Options, idp, pending[1])
                : SamlLogoutResponseReader.ReadPost(posted["SAMLResponse"].ToString(), posted["RelayState"].ToString(), sp.Options, idp, pending[1]);
            if (!result.Succeeded)
            {
                loggers.CreateLogger("ScsFederation.Saml").LogWarning("SAML IdP {Upstream} answered the logout with {Status}", pending[0], result.StatusCode);
            }
        }
        catch (SamlRejectionException ex)
        {
            loggers.CreateLogger("ScsFederation.Saml").LogWarning("Refused SAML logout response from {Upstream}: {Message}", pending[0], ex.Message);
            return Error("Sign-out", "bad_logout_response", ex.Message, 400);
        }
        // The hub session ended before the IdP was asked, so the outcome changes only where we go next.
        return Results.Redirect(LocalReturnUrl.OrHome(pending[2]));
    }

    private static IResult Metadata(SamlServiceProvider sp) =>
        Results.Text(new SamlMetadataWriter().Write(sp.Options, TimeSpan.FromDays(7)), "application/samlmetadata+xml");

    private static async Task<IResult> Login(HttpContext http, string upstreamId, string? returnUrl, SamlServiceProvider sp, FederationConfig config,
        ISamlRequestStore requests, IDataProtectionProvider protection, SamlBrowserBinding binding, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!sp.Upstreams.TryGetValue(upstreamId, out var idp)) return Error("Cannot sign in", "unknown_upstream", $"unknown SAML identity provider '{upstreamId}'", 400);
        var relay = protection.CreateProtector(RelayStatePurpose).Protect(LocalReturnUrl.OrHome(returnUrl));
        var message = new SamlAuthnRequestBuilder(clock).CreateRedirect(sp.Options, idp, relay, SamlServiceProvider.AcsUrl(config.Hub.Issuer, upstreamId));
        await requests.AddAsync(message.ToPendingRequest(clock.GetUtcNow() + UpstreamLoginState.Lifetime), cancellationToken);
        binding.Issue(http, upstreamId, message.Id);
        return Results.Redirect(message.RedirectUrl!);
    }

    private static async Task<IResult> Acs(HttpContext http, string upstreamId, SamlServiceProvider sp, FederationConfig config,
        SamlResponseValidator validator, AccountLinker linker, IDataProtectionProvider protection, SamlBrowserBinding binding, ILoggerFactory loggers, Operations.HubMetrics metrics, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("ScsFederation.Saml");
        IResult Refuse(string reason, string message, int status)
        {
            metrics.SamlRejected(upstreamId, reason);
            metrics.Login(upstreamId, reason);
            logger.LogWarning("Refused SAML response for upstream {Upstream}: {Reason} — {Message}", upstreamId, reason, message);
            return Error("Sign-in failed", reason, message, status);
        }

        if (!sp.Upstreams.TryGetValue(upstreamId, out var idp)) return Refuse("unknown_upstream", $"unknown SAML identity provider '{upstreamId}'", 400);
        if (!http.Request.HasFormContentType) return Refuse("not_a_form_post", "the SAML response must arrive by HTTP-POST", 400);
        if (http.Request.ContentLength > 2 * MaxResponseFieldLength) return Refuse("response_too_large", "the SAML response is larger than allowed", 400);
        var form = await http.Request.ReadFormAsync(cancellationToken);
        var response = form["SAMLResponse"].ToString();
        if (response.Length == 0) return Refuse("missing_response", "the form carries no SAMLResponse", 400);

        var result = await validator.ValidateAsync(response, new SamlResponseExpectations(sp.Options, idp, SamlServiceProvider.AcsUrl(config.Hub.Issuer, upstreamId)), cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Diagnostic is not null) logger.LogWarning("SAML upstream {Upstream}: {Diagnostic}", upstreamId, result.Diagnostic);
            return Refuse(ReasonCode(result.Reason!.Value), result.Message ?? "the SAML response was refused", 403);
        }

        var assertion = result.Assertion!;
        if (assertion.InResponseTo is not null && !binding.Check(http, upstreamId, assertion.InResponseTo))
        {
            return Refuse(SamlBrowserBinding.RefusalCode, "this answer belongs to a login that was not started in this browser (or the login took too long); please start again", 403);
        }
        var upstream = config.FindUpstream(upstreamId)!;
        var identity = new ExternalIdentity(upstreamId, assertion.Issuer, assertion.NameId, ClaimsFrom(assertion, upstream));
        var account = await linker.LinkAsync(identity, cancellationToken);
        // What single logout needs later: the IdP only ends the session it knows by NameID and SessionIndex.
        var sessionClaims = new List<System.Security.Claims.Claim> { new(HubSession.SamlNameIdClaim, assertion.NameId) };
        if (assertion.NameIdFormat is not null) sessionClaims.Add(new(HubSession.SamlNameIdFormatClaim, assertion.NameIdFormat));
        if (assertion.SessionIndex is not null) sessionClaims.Add(new(HubSession.SamlSessionIndexClaim, assertion.SessionIndex));
        await http.SignInAsync(HubSession.Scheme, HubSession.Create(account.Id, upstreamId, [.. sessionClaims]));
        metrics.Login(upstreamId, "success");

        var returnUrl = "/";
        var relay = form["RelayState"].ToString();
        if (relay.Length > 0)
        {
            try
            {
                returnUrl = LocalReturnUrl.OrHome(protection.CreateProtector(RelayStatePurpose).Unprotect(relay));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // An IdP-initiated RelayState is not ours to trust: land on the start page.
            }
        }
        return Results.Redirect(returnUrl);
    }

    private static Dictionary<string, IReadOnlyList<string>> ClaimsFrom(SamlAssertionData assertion, UpstreamIdentityProvider upstream)
    {
        var claims = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["sub"] = [assertion.NameId],
        };
        if (assertion.NameIdFormat is not null) claims["name_id_format"] = [assertion.NameIdFormat];
        foreach (var attribute in assertion.Attributes)
        {
            var name = upstream.AttributeMap.TryGetValue(attribute.Name, out var mapped) ? mapped
                : attribute.FriendlyName is not null && upstream.AttributeMap.TryGetValue(attribute.FriendlyName, out mapped) ? mapped
                : attribute.FriendlyName ?? attribute.Name;
            claims[name] = attribute.Values;
        }
        if (!claims.ContainsKey("email") && claims.TryGetValue("mail", out var mail)) claims["email"] = mail;
        return claims;
    }

    private static string ReasonCode(SamlRejectionReason reason)
    {
        var name = reason.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
