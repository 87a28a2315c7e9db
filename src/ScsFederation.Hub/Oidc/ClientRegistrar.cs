using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// Makes OpenIddict's application store say what the federation file says about downstream clients: creates,
/// updates (secrets, redirect URIs, permissions) and never leaves a client with more rights than configured.
/// </summary>
public sealed class ClientRegistrar(IOpenIddictApplicationManager applications, ILogger<ClientRegistrar> logger)
{
    public async Task SyncAsync(IEnumerable<DownstreamClient> clients, CancellationToken cancellationToken)
    {
        foreach (var client in clients)
        {
            var descriptor = Describe(client);
            var existing = await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
                logger.LogInformation("Registered downstream client {ClientId}", client.ClientId);
            }
            else
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
                logger.LogDebug("Updated downstream client {ClientId}", client.ClientId);
            }
        }
    }

    public static OpenIddictApplicationDescriptor Describe(DownstreamClient client)
    {
        var d = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.Type == ScsFederation.Core.Configuration.ClientTypes.Confidential ? client.ClientSecret : null,
            ClientType = client.Type == ScsFederation.Core.Configuration.ClientTypes.Public ? OpenIddictConstants.ClientTypes.Public : OpenIddictConstants.ClientTypes.Confidential,
            DisplayName = client.DisplayName ?? client.ClientId,
            ConsentType = client.Consent == "none" ? ConsentTypes.Implicit : ConsentTypes.Explicit,
        };
        foreach (var uri in client.RedirectUris) d.RedirectUris.Add(new Uri(uri));
        foreach (var uri in client.PostLogoutRedirectUris) d.PostLogoutRedirectUris.Add(new Uri(uri));

        d.Permissions.Add(Permissions.Endpoints.Token);
        d.Permissions.Add(Permissions.Endpoints.Revocation);
        d.Permissions.Add(Permissions.Endpoints.Introspection);
        foreach (var grant in client.GrantTypes)
        {
            switch (grant)
            {
                case "authorization_code":
                    d.Permissions.Add(Permissions.Endpoints.Authorization);
                    d.Permissions.Add(Permissions.Endpoints.EndSession);
                    d.Permissions.Add(Permissions.GrantTypes.AuthorizationCode);
                    d.Permissions.Add(Permissions.ResponseTypes.Code);
                    break;
                case "refresh_token":
                    d.Permissions.Add(Permissions.GrantTypes.RefreshToken);
                    break;
                case "client_credentials":
                    d.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
                    break;
                case "device_code":
                    d.Permissions.Add(Permissions.Endpoints.DeviceAuthorization);
                    d.Permissions.Add(Permissions.GrantTypes.DeviceCode);
                    break;
            }
        }
        foreach (var scope in client.Scopes.Where(s => s != Scopes.OpenId))
        {
            d.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        if (client.Type == ScsFederation.Core.Configuration.ClientTypes.Public)
        {
            // Public clients cannot keep a secret: PKCE (S256) is what binds the code to them.
            d.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        return d;
    }
}
