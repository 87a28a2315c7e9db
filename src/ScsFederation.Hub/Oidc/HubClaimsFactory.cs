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
/// <c>groups</c>/<c>projects</c> claims: for a client bound to a provider only what that provider's mapping granted
/// (plus the replay claims Keystone's installed mapping consumes, <see cref="Mapping.MappingReplay"/>), for other
/// clients no groups at all — the upstream's own groups only as <c>upstream_groups</c> beside <c>upstream</c>.
/// </summary>
public sealed class HubClaimsFactory(FederationConfig config, Grants.HubAdministrators administrators, IProviderGrantClaims? grantClaims = null)
{
    public const string GroupsScope = "groups";

    /// <summary>Raw upstream groups, for clients bound to no provider only; never in <c>groups</c>.</summary>
    public const string UpstreamGroupsClaim = "upstream_groups";

    /// <summary>The upstream id <see cref="UpstreamGroupsClaim"/> comes from.</summary>
    public const string UpstreamClaim = "upstream";

    public async Task<ClaimsIdentity> CreateAsync(UserAccount account, string? clientId, IEnumerable<string> scopes, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(
            authenticationType: OpenIddict.Server.AspNetCore.OpenIddictServerAspNetCoreDefaults.AuthenticationScheme,
            nameType: Claims.Name, roleType: Claims.Role);
        var upstreamClaims = AccountLinker.ReadClaims(account);
        var facts = Grants.UpstreamFacts.For(config, account);
        var provider = clientId is null ? null : config.Clients.Find(c => c.ClientId == clientId)?.Provider;

        identity.SetClaim(Claims.Subject, account.Id);
        identity.SetClaim(Claims.Name, account.DisplayName);
        identity.SetClaim(Claims.PreferredUsername, facts.Username);
        // Verified only inside the upstream's emailDomains; a provider's client gets no unverified address at all.
        if (facts.Email is not null || provider is null) identity.SetClaim(Claims.Email, facts.Email ?? account.Email);
        if (account.Email is not null && (facts.Email is not null || provider is null)) identity.SetClaim(Claims.EmailVerified, facts.Email is not null);
        identity.SetClaim("idp", account.UpstreamId);

        var groups = new List<string>();
        if (provider is not null)
        {
            // A provider's client sees only what that provider's mapping granted: never the upstream's own groups.
            foreach (var claim in grantClaims is null ? [] : await grantClaims.GetClaimsAsync(account, provider, cancellationToken))
            {
                if (claim.Type == "groups") groups.Add(claim.Value);
                else if (claim.Type == Claims.PreferredUsername) identity.SetClaim(Claims.PreferredUsername, claim.Value);
                else identity.AddClaim(claim);
            }
        }
        else if (upstreamClaims.TryGetValue("groups", out var upstreamGroups))
        {
            // The hub's own portal may show the upstream's groups, but only under the upstream's name.
            identity.AddClaim(new Claim(UpstreamGroupsClaim, JsonSerializer.Serialize(upstreamGroups), Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray));
            identity.SetClaim(UpstreamClaim, account.UpstreamId);
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
        // The hub role only where asked for (a client allowed the scope) and only while the rules still say so.
        if (scopeList.Contains(Grants.HubAdministrators.Scope)
            && administrators.IsAdministrator(ScsFederation.Mapping.MappingAssertion.Build(upstreamClaims, facts)))
        {
            identity.AddClaim(new Claim(Claims.Role, Grants.HubAdministrators.Role));
        }
        identity.SetScopes(scopeList);
        identity.SetDestinations(claim => Destinations(claim, scopeList));
        return identity;
    }

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
            case "groups" or "projects" or "idp" or UpstreamGroupsClaim or UpstreamClaim when scopes.Contains(GroupsScope):
                yield return OpenIddictConstants.Destinations.AccessToken;
                yield return OpenIddictConstants.Destinations.IdentityToken;
                break;
            case "idp":
            case Claims.Role when scopes.Contains(Grants.HubAdministrators.Scope):
                yield return OpenIddictConstants.Destinations.AccessToken;
                break;
            default:
                if ((claim.Type.StartsWith("scsfed:", StringComparison.Ordinal) || claim.Type.StartsWith("scsfed_", StringComparison.Ordinal)) && scopes.Contains(GroupsScope))
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
