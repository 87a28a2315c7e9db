using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Keys;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// OpenID Connect Back-Channel Logout 1.0: when a person signs out at the hub, every client that holds tokens for
/// them and registered a <c>backchannelLogoutUri</c> gets a logout token (a JWT signed with the hub's active RS256
/// key, <c>typ: logout+jwt</c>, <c>iss</c> the canonical issuer, <c>aud</c> the client, <c>sub</c> the account,
/// the back-channel event, a fresh <c>jti</c>, no <c>nonce</c>) by form POST. The URIs come from the federation file,
/// never from a client, so this is not a fetch on anyone's say. Delivery is bounded (5 s per client, all at once)
/// and a failure is logged and does not stop the sign-out.
/// </summary>
public sealed class BackchannelLogout(FederationConfig config, SigningKeyRing ring, IOpenIddictTokenManager tokens, IOpenIddictApplicationManager applications,
    IHttpClientFactory httpClients, TimeProvider clock, ILogger<BackchannelLogout> logger)
{
    public const string HttpClientName = "backchannel-logout";
    public const string Event = "http://schemas.openid.net/event/backchannel-logout";

    public async Task NotifyAsync(string accountId, CancellationToken cancellationToken)
    {
        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var token in tokens.FindBySubjectAsync(accountId, cancellationToken))
        {
            if (await tokens.GetApplicationIdAsync(token, cancellationToken) is not { } applicationId) continue;
            if (await applications.FindByIdAsync(applicationId, cancellationToken) is { } application && await applications.GetClientIdAsync(application, cancellationToken) is { } clientId)
                clientIds.Add(clientId);
        }
        var targets = config.Clients.Where(c => c.BackchannelLogoutUri is not null && clientIds.Contains(c.ClientId)).ToList();
        await Task.WhenAll(targets.Select(c => SendAsync(c, accountId, cancellationToken)));
    }

    public string CreateLogoutToken(string clientId, string accountId)
    {
        var key = ring.Active(SecurityAlgorithms.RsaSha256);
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = config.Hub.CanonicalIssuer,
            Audience = clientId,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            TokenType = "logout+jwt",
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [OpenIddictConstants.Claims.Subject] = accountId,
                [OpenIddictConstants.Claims.JwtId] = Guid.NewGuid().ToString("n"),
                ["events"] = new Dictionary<string, object> { [Event] = new Dictionary<string, object>() },
            },
        });
    }

    private async Task SendAsync(DownstreamClient client, string accountId, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(client.BackchannelLogoutUri,
                new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = CreateLogoutToken(client.ClientId, accountId) }), timeout.Token);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Back-channel logout of account {Account} at client {Client} answered {Status}", accountId, client.ClientId, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Back-channel logout of account {Account} at client {Client} failed: {Message}", accountId, client.ClientId, e.Message);
        }
    }

    /// <summary>Says so in discovery (<c>backchannel_logout_supported</c>); logout tokens carry <c>sub</c>, not <c>sid</c>.</summary>
    public sealed class AdvertiseInDiscovery : OpenIddict.Server.IOpenIddictServerHandler<OpenIddict.Server.OpenIddictServerEvents.HandleConfigurationRequestContext>
    {
        public static OpenIddict.Server.OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddict.Server.OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddict.Server.OpenIddictServerEvents.HandleConfigurationRequestContext>()
                .UseSingletonHandler<AdvertiseInDiscovery>()
                .SetOrder(int.MaxValue - 100_000)
                .SetType(OpenIddict.Server.OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(OpenIddict.Server.OpenIddictServerEvents.HandleConfigurationRequestContext context)
        {
            context.Metadata["backchannel_logout_supported"] = true;
            context.Metadata["backchannel_logout_session_supported"] = false;
            return ValueTask.CompletedTask;
        }
    }
}
