using System.Collections.Immutable;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ScsFederation.Hub.Portal;

/// <summary>An application holding valid authorizations for the person: its client, the scopes granted, since when.</summary>
public sealed record PersonApplication(string ClientId, string DisplayName, IReadOnlyList<string> Scopes, DateTimeOffset? Since);

/// <summary>
/// The person's applications from OpenIddict's authorizations (permanent ones from a consent, ad-hoc ones that back
/// refresh tokens), and their revocation: every authorization of the person at that client and every token issued
/// under it — a refresh token is refused at once, an access token is inactive at introspection.
/// </summary>
public sealed class PersonApplications(IOpenIddictAuthorizationManager authorizations, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, ILogger<PersonApplications> logger)
{
    public async Task<IReadOnlyList<PersonApplication>> ListAsync(string accountId, CancellationToken cancellationToken)
    {
        var byApp = new Dictionary<string, (HashSet<string> Scopes, DateTimeOffset? Since)>(StringComparer.Ordinal);
        await foreach (var authorization in authorizations.FindBySubjectAsync(accountId, cancellationToken))
        {
            if (await authorizations.GetStatusAsync(authorization, cancellationToken) != Statuses.Valid) continue;
            if (await authorizations.GetApplicationIdAsync(authorization, cancellationToken) is not { } appId) continue;
            var scopes = await authorizations.GetScopesAsync(authorization, cancellationToken);
            var created = await authorizations.GetCreationDateAsync(authorization, cancellationToken);
            if (!byApp.TryGetValue(appId, out var entry)) byApp[appId] = entry = ([], created);
            entry.Scopes.UnionWith(scopes);
            if (created < entry.Since) byApp[appId] = (entry.Scopes, created);
        }
        var result = new List<PersonApplication>();
        foreach (var (appId, entry) in byApp)
        {
            if (await applications.FindByIdAsync(appId, cancellationToken) is not { } app || await applications.GetClientIdAsync(app, cancellationToken) is not { } clientId) continue;
            var name = await applications.GetDisplayNameAsync(app, cancellationToken) ?? clientId;
            result.Add(new PersonApplication(clientId, name, [.. entry.Scopes.Order(StringComparer.Ordinal)], entry.Since));
        }
        return [.. result.OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task RevokeAsync(string accountId, string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } app) return;
        var appId = await applications.GetIdAsync(app, cancellationToken);
        var revoked = 0;
        var ids = new List<string>();
        await foreach (var authorization in authorizations.FindAsync(accountId, appId, status: null, type: null, scopes: null, cancellationToken))
        {
            if (await authorizations.GetIdAsync(authorization, cancellationToken) is { } id) ids.Add(id);
        }
        foreach (var id in ids)
        {
            if (await authorizations.FindByIdAsync(id, cancellationToken) is { } authorization && await authorizations.TryRevokeAsync(authorization, cancellationToken)) revoked++;
            await tokens.RevokeByAuthorizationIdAsync(id, cancellationToken);
        }
        // Tokens without an authorization (none are issued so today, but a future flow might): the subject's at that client.
        var loose = new List<object>();
        await foreach (var token in tokens.FindAsync(accountId, appId, status: null, type: null, cancellationToken)) loose.Add(token);
        foreach (var token in loose) await tokens.TryRevokeAsync(token, cancellationToken);
        logger.LogInformation("Account {Account} revoked client {Client}: {Authorizations} authorizations, {Tokens} token entries", accountId, clientId, revoked, loose.Count);
    }
}
