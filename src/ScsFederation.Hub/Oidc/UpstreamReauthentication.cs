using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Login;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// A refresh re-evaluates the mapping from the stored account and never asks the upstream, so a person removed
/// upstream would keep a provider's grants for as long as a client refreshes. Provider clients therefore get new
/// tokens only within <c>hub.tokens.reauthenticateUpstreamHours</c> of the person's last login at the upstream:
/// the hub session records when that login happened, every code, device code and refresh token carries it on, the
/// token endpoint refuses a grant past the bound, and the authorization endpoint sends the person back to the
/// upstream instead of answering from an older session.
/// </summary>
public static class UpstreamReauthentication
{
    /// <summary>Unix seconds of the upstream login; no destination, so it stays inside the hub's own tokens.</summary>
    public const string ClaimType = "scsfed_upstream_auth_time";

    /// <summary>Stamps every new hub session (each one is an upstream login) with the time of that login.</summary>
    public static IServiceCollection AddUpstreamAuthenticationTime(this IServiceCollection services) =>
        services.PostConfigure<CookieAuthenticationOptions>(HubSession.Scheme, o =>
        {
            // Sign-in only: sliding renewals re-issue the cookie without this event and keep the original time.
            var inner = o.Events.OnSigningIn;
            o.Events.OnSigningIn = async context =>
            {
                if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(ClaimType) is null)
                {
                    var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
                    identity.AddClaim(new Claim(ClaimType, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
                }
                await inner(context);
            };
        });

    public static void Register(OpenIddictServerBuilder server)
    {
        server.AddEventHandler(CarryAuthenticationTime.Descriptor);
        server.AddEventHandler(EnforceBound.Descriptor);
    }

    /// <summary>True when <paramref name="clientId"/> is a provider's client and the upstream login behind <paramref name="principal"/> is unknown or too old.</summary>
    public static bool IsDue(FederationConfig config, string? clientId, ClaimsPrincipal? principal, DateTimeOffset now)
    {
        if (clientId is null || config.Clients.Find(c => c.ClientId == clientId)?.Provider is null) return false;
        return principal?.FindFirst(ClaimType)?.Value is not { } value
               || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
               || now - DateTimeOffset.FromUnixTimeSeconds(seconds) > TimeSpan.FromHours(config.Hub.Tokens.ReauthenticateUpstreamHours);
    }

    /// <summary>For the authorization endpoint: whether the hub session is too old to answer a provider client without the upstream.</summary>
    public static bool IsDue(HttpContext http, string? clientId, ClaimsPrincipal? session) =>
        IsDue(http.RequestServices.GetRequiredService<FederationConfig>(), clientId, session, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());

    /// <summary>Puts the upstream login time on every principal the hub signs: from the session at the authorization and verification endpoints, from the presented grant at the token endpoint.</summary>
    public sealed class CarryAuthenticationTime : IOpenIddictServerHandler<ProcessSignInContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
                .UseSingletonHandler<CarryAuthenticationTime>()
                .SetOrder(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (context.Principal is null) return;
            string? value = null;
            if (context.EndpointType is OpenIddictServerEndpointType.Authorization or OpenIddictServerEndpointType.EndUserVerification
                && context.Transaction.GetHttpRequest()?.HttpContext is { } http)
            {
                value = (await http.AuthenticateAsync(HubSession.Scheme)).Principal?.FindFirst(ClaimType)?.Value;
            }
            else if (context.EndpointType == OpenIddictServerEndpointType.Token
                     && context.Transaction.GetProperty<ProcessAuthenticationContext>(typeof(ProcessAuthenticationContext).FullName!) is { } presented)
            {
                value = (presented.RefreshTokenPrincipal ?? presented.AuthorizationCodePrincipal ?? presented.DeviceCodePrincipal)?.GetClaim(ClaimType);
            }
            if (value is not null) context.Principal.SetClaim(ClaimType, value);
        }
    }

    /// <summary>Refuses a provider client's code, device code or refresh token once the upstream login is older than the bound.</summary>
    public sealed class EnforceBound(FederationConfig config, TimeProvider clock) : IOpenIddictServerHandler<HandleTokenRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
                .UseSingletonHandler<EnforceBound>()
                // Before the redemption: a refused grant is not used up.
                .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(HandleTokenRequestContext context)
        {
            var request = context.Request;
            if (request is null || !(request.IsRefreshTokenGrantType() || request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType()))
            {
                return default;
            }
            if (IsDue(config, context.ClientId ?? request.ClientId, context.Principal, clock.GetUtcNow()))
            {
                context.Reject(Errors.InvalidGrant,
                    $"the sign-in at the upstream identity provider is older than {config.Hub.Tokens.ReauthenticateUpstreamHours} hours " +
                    "(hub.tokens.reauthenticateUpstreamHours): sign in again so the upstream confirms the account");
            }
            return default;
        }
    }
}
