using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ScsFederation.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ScsFederation.Hub.Oidc.TokenRedemption;

/// <summary>
/// Authorization codes, device codes and refresh tokens are good for exactly one redemption, also under concurrency.
/// OpenIddict redeems them at sign-in with a read, then an optimistic write whose failure it ignores for refresh
/// tokens (so two concurrent refreshes with one token both succeed), and on reuse revokes the tokens but not the
/// authorization. These handlers take that over for the token endpoint:
/// <list type="bullet">
/// <item><see cref="RedeemOnce"/>: after OpenIddict has validated the whole token request (client, presenter, PKCE,
/// redirect URI) and before the hub builds the response, one conditional UPDATE (<see cref="TokenChain.TryRedeemAsync"/>)
/// lets exactly one request through; the others are reuse.</item>
/// <item><see cref="DetectReuse"/>: a token already redeemed when it is presented is reuse too (a replay after the
/// race, or a stolen token used after its owner).</item>
/// </list>
/// Reuse revokes the chain: the authorization and all its tokens, including the ones the winner is issuing.
/// OpenIddict's <c>RedeemTokenEntry</c> keeps redeeming what these do not handle (user codes, other endpoints).
/// The refresh-token reuse leeway is deliberately not honoured: exactly once means no grace period.
/// </summary>
public static class AtomicTokenRedemption
{
    public static void Register(OpenIddictServerBuilder server)
    {
        server.AddEventHandler(DetectReuse.Descriptor);
        server.AddEventHandler(RedeemOnce.Descriptor);
        server.Services.AddSingleton<OutsideTokenEndpointGrants>();
        // Not removed (RemoveEventHandler matches by handler type and would drop the restricted copy too): replaced in
        // place by the same handler with one filter more, so it never writes the tokens redeemed here a second time.
        var restricted = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .Import(OpenIddictServerHandlers.RedeemTokenEntry.Descriptor)
            .AddFilter<OutsideTokenEndpointGrants>()
            .Build();
        server.Configure(options =>
        {
            var index = options.Handlers.FindIndex(d => d.ServiceDescriptor.ServiceType == typeof(OpenIddictServerHandlers.RedeemTokenEntry));
            if (index < 0) throw new InvalidOperationException("OpenIddict's RedeemTokenEntry handler was not found: check AtomicTokenRedemption against this OpenIddict version");
            options.Handlers[index] = restricted;
        });
    }

    /// <summary>The token type a grant redeems at the token endpoint, or null when the grant redeems nothing here.</summary>
    internal static string? RedeemedTokenType(OpenIddictServerEndpointType endpoint, OpenIddictRequest? request, OpenIddictServerOptions options) => endpoint switch
    {
        OpenIddictServerEndpointType.Token when request?.IsAuthorizationCodeGrantType() == true => TokenTypeIdentifiers.Private.AuthorizationCode,
        OpenIddictServerEndpointType.Token when request?.IsDeviceCodeGrantType() == true => TokenTypeIdentifiers.Private.DeviceCode,
        OpenIddictServerEndpointType.Token when request?.IsRefreshTokenGrantType() == true && !options.DisableRollingRefreshTokens => TokenTypeIdentifiers.RefreshToken,
        _ => null,
    };

    private static string Name(string tokenType) => tokenType switch
    {
        TokenTypeIdentifiers.Private.AuthorizationCode => "authorization code",
        TokenTypeIdentifiers.Private.DeviceCode => "device code",
        _ => "refresh token",
    };

    private static string ReuseDescription(string tokenType) =>
        $"this {Name(tokenType)} was already used; the grant it belongs to is revoked, sign in again";

    /// <summary>The one redemption: a conditional UPDATE that succeeds for one request only.</summary>
    public sealed class RedeemOnce(HubDbContext db, TimeProvider clock) : IOpenIddictServerHandler<HandleTokenRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>()
                .UseScopedHandler<RedeemOnce>()
                .SetOrder(OpenIddictServerHandlers.Exchange.AttachPrincipal.Descriptor.Order + 1_000)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(HandleTokenRequestContext context)
        {
            var type = RedeemedTokenType(context.EndpointType, context.Request, context.Options);
            var principal = context.Principal;
            if (type is null || principal is null || principal.GetTokenType() != type || principal.GetTokenId() is not { Length: > 0 } tokenId)
            {
                return;
            }
            if (await TokenChain.TryRedeemAsync(db, tokenId, clock.GetUtcNow(), context.CancellationToken))
            {
                return;
            }
            // Lost: another request redeemed it first (or the chain was revoked meanwhile).
            if (await TokenChain.StatusAsync(db, tokenId, context.CancellationToken) == Statuses.Redeemed)
            {
                await TokenChain.RevokeAsync(db, tokenId, principal.GetAuthorizationId(), context.CancellationToken);
                context.Logger.LogWarning("A {TokenType} was redeemed twice (concurrently); its authorization and tokens are revoked", Name(type));
                context.Reject(Errors.InvalidGrant, ReuseDescription(type));
                return;
            }
            context.Reject(Errors.InvalidGrant, $"this {Name(type)} is no longer valid");
        }
    }

    /// <summary>Presenting a token that is already redeemed is reuse: revoke the chain, authorization included.</summary>
    public sealed class DetectReuse(HubDbContext db, IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseScopedHandler<DetectReuse>()
                // Before OpenIddict's own check, which revokes the tokens but leaves the authorization valid.
                .SetOrder(OpenIddictServerHandlers.Protection.ValidateTokenEntry.Descriptor.Order - 500)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public async ValueTask HandleAsync(ValidateTokenContext context)
        {
            var type = RedeemedTokenType(context.EndpointType, context.Request, context.Options);
            if (type is null || context.Principal is not { } principal || principal.GetTokenType() != type || context.TokenId is not { Length: > 0 } tokenId)
            {
                return;
            }
            var token = await tokens.FindByIdAsync(tokenId, context.CancellationToken);
            if (token is null || !await tokens.HasStatusAsync(token, Statuses.Redeemed, context.CancellationToken))
            {
                return; // valid, pending, rejected or revoked: OpenIddict's ValidateTokenEntry answers those
            }
            await TokenChain.RevokeAsync(db, tokenId, context.AuthorizationId ?? principal.GetAuthorizationId(), context.CancellationToken);
            context.Logger.LogWarning("A redeemed {TokenType} was presented again; its authorization and tokens are revoked", Name(type));
            context.Reject(Errors.InvalidGrant, ReuseDescription(type));
        }
    }

    /// <summary>Lets OpenIddict's own redemption run everywhere except for the grants <see cref="RedeemOnce"/> redeems.</summary>
    public sealed class OutsideTokenEndpointGrants : IOpenIddictServerHandlerFilter<ProcessSignInContext>
    {
        public ValueTask<bool> IsActiveAsync(ProcessSignInContext context) =>
            new(RedeemedTokenType(context.EndpointType, context.Request, context.Options) is null);
    }
}
