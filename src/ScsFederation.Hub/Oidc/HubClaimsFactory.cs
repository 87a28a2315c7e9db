using System.Security.Claims;
using System.Text.Json;
using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Accounts;
using ScsFederation.Storage.Entities;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// Builds what the hub says about an account in the tokens for one client: standard claims by scope, and the
/// <c>groups</c> claim (upstream groups, plus the groups the client's provider grants through its mapping rules).
/// </summary>
public sealed class HubClaimsFactory(FederationConfig config, IProviderGrantClaims? grantClaims = null)
{
    public const string GroupsScope = "groups";

    public async Task<ClaimsIdentity> CreateAsync(UserAccount account, string? clientId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name, roleType: Claims.Role);
        var upstreamClaims = AccountLinker.ReadClaims(account);

        identity.SetClaim(Claims.Subject, account.Id);
        identity.SetClaim(Claims.Name, account.DisplayName);
        identity.SetClaim(Claims.PreferredUsername, PreferredUsername(account, upstreamClaims));
        identity.SetClaim(Claims.Email, account.Email);
        if (First(upstreamClaims, "email_verified") is { } verified)
        {
            identity.SetClaim(Claims.EmailVerified, verified is "true" or "True");
        }
        identity.SetClaim("idp", account.UpstreamId);

        var groups = new List<string>();
        if (upstreamClaims.TryGetValue("groups", out var upstreamGroups)) groups.AddRange(upstreamGroups);
        var provider = clientId is null ? null : config.Clients.Find(c => c.ClientId == clientId)?.Provider;
        if (provider is not null && grantClaims is not null)
        {
            foreach (var claim in await grantClaims.GetClaimsAsync(account, provider, cancellationToken))
            {
                if (claim.Type == "groups") groups.Add(claim.Value);
                else identity.AddClaim(claim);
            }
        }
        // Always a JSON array, even with one group: Keystone mappings and kube-apiserver read it as a list.
        identity.AddClaim(new Claim("groups", JsonSerializer.Serialize(groups.Distinct(StringComparer.Ordinal).ToArray()), Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray));

        // Access tokens name their audiences: the client itself, or every client of its provider (Keystone's
        // mod_auth_openidc, a kube-apiserver). OpenIddict's introspection returns the mapped claims
        // (groups, projects, preferred_username) only to an audience — Keystone's mapping needs them.
        var audiences = new List<string>();
        if (clientId is not null) audiences.Add(clientId);
        if (provider is not null)
        {
            audiences.AddRange(config.Clients.Where(c => c.Provider == provider && c.ClientId != clientId).Select(c => c.ClientId));
        }
        if (audiences.Count > 0) identity.SetAudiences([.. audiences]);

        var scopeList = scopes.ToList();
        identity.SetScopes(scopeList);
        identity.SetDestinations(claim => Destinations(claim, scopeList));
        return identity;
    }

    /// <summary>What the hub's tokens say as preferred_username; mapping rules see the same value.</summary>
    public static string PreferredUsername(UserAccount account, IReadOnlyDictionary<string, IReadOnlyList<string>> upstreamClaims) =>
        First(upstreamClaims, "preferred_username") ?? account.Email ?? account.UpstreamSubject;

    private static string? First(IReadOnlyDictionary<string, IReadOnlyList<string>> claims, string type) =>
        claims.TryGetValue(type, out var v) && v.Count > 0 ? v[0] : null;

    private static IEnumerable<string> Destinations(Claim claim, List<string> scopes)
    {
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case Claims.Name or Claims.PreferredUsername when scopes.Contains(Scopes.Profile):
            case Claims.Email or Claims.EmailVerified when scopes.Contains(Scopes.Email):
            case "groups" or "projects" or "idp" when scopes.Contains(GroupsScope):
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case "idp":
                yield return OpenIddictConstants.Destinations.AccessToken;
                break;
            default:
                if (claim.Type.StartsWith("scsfed:", StringComparison.Ordinal) && scopes.Contains(GroupsScope))
                {
                    yield return OpenIddictConstants.Destinations.AccessToken;
                    yield return OpenIddictConstants.Destinations.IdentityToken;
                }
                break;
        }
    }
}

/// <summary>Claims a provider's mapping rules grant an account (groups, projects…); implemented where mapping is wired.</summary>
public interface IProviderGrantClaims
{
    Task<IReadOnlyList<Claim>> GetClaimsAsync(UserAccount account, string providerId, CancellationToken cancellationToken);
}

/// <summary>Reads the groups claim back from a principal, whether it holds a JSON array or plain values.</summary>
public static class GroupsClaim
{
    public static string[] Read(ClaimsPrincipal principal)
    {
        var result = new List<string>();
        foreach (var claim in principal.FindAll("groups"))
        {
            if (claim.ValueType == Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray || claim.Value.StartsWith('['))
            {
                result.AddRange(JsonSerializer.Deserialize<string[]>(claim.Value) ?? []);
            }
            else
            {
                result.Add(claim.Value);
            }
        }
        return [.. result];
    }
}
