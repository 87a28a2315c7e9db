using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Storage;

namespace ScsFederation.Hub.Housekeeping;

/// <summary>How many rows one purge removed, per table.</summary>
public sealed record PurgeCounts(int PendingSamlRequests, int SamlReplayEntries, long Tokens, long Authorizations, int GaiaXCredentials = 0)
{
    public long Total => PendingSamlRequests + SamlReplayEntries + Tokens + Authorizations + GaiaXCredentials;
}

/// <summary>
/// Deletes rows nothing can use any more, so tables an anonymous browser can grow (every <c>GET /saml/login/x</c>
/// stores an AuthnRequest) stay bounded: pending SAML requests and SAML replay entries past their expiry, and
/// OpenIddict's stored login state — authorization codes, device and user codes, refresh tokens and ad-hoc
/// authorizations — once expired, redeemed or revoked — and published Gaia-X credentials past their validUntil. The hub's own upstream login state lives in short-lived
/// encrypted cookies, not in the database.
/// </summary>
public sealed class ExpiredRowPurger(HubDbContext db, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations, HubSettings hub, TimeProvider clock)
{
    public async Task<PurgeCounts> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // An expired replay entry is safe to drop: its expiry already includes the clock skew, so the assertion it
        // remembers is refused as expired before it could be replayed.
        var pending = await db.PendingSamlRequests.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var replay = await db.SamlReplay.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        // OpenIddict prunes only entries created before the threshold. Keeping everything younger than the longest
        // refresh-token lifetime keeps redeemed refresh tokens as long as one could be presented again, so reuse is
        // still recognised (and revokes the chain) rather than answered with "unknown token".
        var threshold = now - TimeSpan.FromDays(hub.Tokens.RefreshTokenDays);
        var prunedTokens = await tokens.PruneAsync(threshold, cancellationToken);
        var prunedAuthorizations = await authorizations.PruneAsync(threshold, cancellationToken);
        // Published Gaia-X credentials past their validUntil are served by nothing (EfPublicationStore's contract).
        var credentials = await Storage.Publication.EfPublicationStore.PurgeExpiredAsync(db, now, cancellationToken);
        return new PurgeCounts(pending, replay, prunedTokens, prunedAuthorizations, credentials);
    }
}
