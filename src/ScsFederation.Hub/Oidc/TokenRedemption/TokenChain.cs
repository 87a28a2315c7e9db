using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using ScsFederation.Storage;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ScsFederation.Hub.Oidc.TokenRedemption;

/// <summary>
/// The database side of one-time tokens: each operation is a single conditional UPDATE, so the database (SQLite's
/// writer lock, PostgreSQL's row lock and re-check of the WHERE clause) decides which of several concurrent
/// requests wins — not a read followed by a write in each request.
/// </summary>
public static class TokenChain
{
    /// <summary>Marks the token redeemed if, and only if, it is still valid; true for exactly one caller.</summary>
    /// <remarks>
    /// The concurrency token is left as it is on purpose: the <c>Status = 'valid'</c> condition is the concurrency
    /// check, and OpenIddict's tracked copy of this row (loaded earlier in the request) must stay saveable.
    /// </remarks>
    public static async Task<bool> TryRedeemAsync(HubDbContext db, string tokenId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Id == tokenId && t.Status == Statuses.Valid)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, Statuses.Redeemed)
                .SetProperty(t => t.RedemptionDate, now.UtcDateTime), cancellationToken) == 1;

    /// <summary>The token's status as stored now (not as this request's change tracker remembers it).</summary>
    public static Task<string?> StatusAsync(HubDbContext db, string tokenId, CancellationToken cancellationToken) =>
        db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Id == tokenId).Select(t => t.Status).SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Revokes the authorization behind a reused token and every token of it still usable. The authorization goes
    /// first: a token another request creates for it afterwards (the winner of a race is still writing its new
    /// refresh token) is then refused by OpenIddict's authorization check when it is used.
    /// Redeemed tokens stay redeemed, so presenting one again is still recognised as reuse.
    /// </summary>
    public static async Task RevokeAsync(HubDbContext db, string tokenId, string? authorizationId, CancellationToken cancellationToken)
    {
        authorizationId ??= await db.Set<OpenIddictEntityFrameworkCoreToken>().AsNoTracking()
            .Where(t => t.Id == tokenId).Select(t => t.Authorization!.Id).SingleOrDefaultAsync(cancellationToken);
        if (authorizationId is null) return;
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Id == authorizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, Statuses.Revoked), cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Authorization!.Id == authorizationId && (t.Status == Statuses.Valid || t.Status == Statuses.Inactive))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, Statuses.Revoked), cancellationToken);
    }
}
