using Microsoft.AspNetCore.Authentication;
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
    }

    private static IResult Metadata(SamlServiceProvider sp) =>
        Results.Text(new SamlMetadataWriter().Write(sp.Options, TimeSpan.FromDays(7)), "application/samlmetadata+xml");

    private static async Task<IResult> Login(HttpContext http, string upstreamId, string? returnUrl, SamlServiceProvider sp, FederationConfig config,
        ISamlRequestStore requests, IDataProtectionProvider protection, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!sp.Upstreams.TryGetValue(upstreamId, out var idp)) return Error("Cannot sign in", "unknown_upstream", $"unknown SAML identity provider '{upstreamId}'", 400);
        var relay = protection.CreateProtector(RelayStatePurpose).Protect(LocalReturnUrl.OrHome(returnUrl));
        var message = new SamlAuthnRequestBuilder(clock).CreateRedirect(sp.Options, idp, relay, SamlServiceProvider.AcsUrl(config.Hub.Issuer, upstreamId));
        await requests.AddAsync(message.ToPendingRequest(clock.GetUtcNow() + UpstreamLoginState.Lifetime), cancellationToken);
        return Results.Redirect(message.RedirectUrl!);
    }

    private static async Task<IResult> Acs(HttpContext http, string upstreamId, SamlServiceProvider sp, FederationConfig config,
        SamlResponseValidator validator, AccountLinker linker, IDataProtectionProvider protection, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("ScsFederation.Saml");
        IResult Refuse(string reason, string message, int status)
        {
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
            return Refuse(ReasonCode(result.Reason!.Value), result.Message ?? "the SAML response was refused", 403);
        }

        var assertion = result.Assertion!;
        var upstream = config.FindUpstream(upstreamId)!;
        var identity = new ExternalIdentity(upstreamId, assertion.Issuer, assertion.NameId, ClaimsFrom(assertion, upstream));
        var account = await linker.LinkAsync(identity, cancellationToken);
        await http.SignInAsync(HubSession.Scheme, HubSession.Create(account.Id, upstreamId));

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
