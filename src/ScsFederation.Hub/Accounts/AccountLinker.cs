using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Identity;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Accounts;

/// <summary>
/// Links a validated upstream identity to an account by (configured upstream id, subject): the first login creates
/// the account, later logins refresh its claims. Neither the issuer an upstream states nor email is a link key, so
/// an upstream cannot take over another upstream's account by asserting its issuer or the same address.
/// </summary>
public sealed class AccountLinker(HubDbContext db, TimeProvider clock, ILogger<AccountLinker> logger, Grants.ProviderGrantService? grants = null)
{
    public async Task<UserAccount> LinkAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.UpstreamId == identity.UpstreamId && a.UpstreamSubject == identity.Subject, cancellationToken);
        var created = account is null;
        if (account is null)
        {
            account = new UserAccount
            {
                UpstreamId = identity.UpstreamId,
                UpstreamIssuer = identity.Issuer,
                UpstreamSubject = identity.Subject,
                CreatedAt = now,
            };
            db.Accounts.Add(account);
        }

        account.UpstreamIssuer = identity.Issuer;
        account.Email = identity.FirstClaim("email") ?? identity.FirstClaim("mail") ?? account.Email;
        account.DisplayName = identity.FirstClaim("name") ?? identity.FirstClaim("displayName") ?? identity.FirstClaim("preferred_username") ?? account.DisplayName;
        account.ClaimsJson = JsonSerializer.Serialize(identity.Claims);
        account.LastLoginAt = now;
        account.LoginCount++;

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (created)
        {
            // Another hub instance linked the same identity at the same moment: use its account.
            db.ChangeTracker.Clear();
            account = await db.Accounts.SingleAsync(a => a.UpstreamId == identity.UpstreamId && a.UpstreamSubject == identity.Subject, cancellationToken);
            created = false;
        }

        logger.LogInformation("{Action} account {AccountId} for {Upstream} subject {Subject}", created ? "Created" : "Updated", account.Id, identity.UpstreamId, identity.Subject);
        if (grants is not null)
        {
            // Every login refreshes what each provider grants: the broker's desired state and the tokens' claims.
            await grants.RecordAsync(account, cancellationToken);
        }
        return account;
    }

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadClaims(UserAccount account) =>
        JsonSerializer.Deserialize<Dictionary<string, List<string>>>(account.ClaimsJson)?
            .ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value, StringComparer.Ordinal)
        ?? new Dictionary<string, IReadOnlyList<string>>();
}
