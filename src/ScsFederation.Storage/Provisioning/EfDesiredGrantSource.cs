using Microsoft.EntityFrameworkCore;
using ScsFederation.Provisioning.Desired;

namespace ScsFederation.Storage.Provisioning;

/// <summary>Desired state from the stored grants (<c>account_grants</c>) the hub wrote at each account's latest login.</summary>
public sealed class EfDesiredGrantSource : IDesiredGrantSource
{
    private readonly IDbContextFactory<HubDbContext> _contexts;

    public EfDesiredGrantSource(IDbContextFactory<HubDbContext> contexts) => _contexts = contexts;

    public async Task<IReadOnlyList<AccountProviderGrant>> ReadGrantsAsync(string providerId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.AccountGrants.AsNoTracking().Where(g => g.ProviderId == providerId && g.GrantJson != null)
            .OrderBy(g => g.AccountId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(g => new AccountProviderGrant(g.AccountId, g.ProviderId, GrantJsonReader.Read(g.AccountId, g.ProviderId, g.GrantJson!))).ToList();
    }

    public async Task<AccountProviderGrant?> ReadGrantAsync(string providerId, string accountId, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await db.AccountGrants.AsNoTracking().FirstOrDefaultAsync(g => g.ProviderId == providerId && g.AccountId == accountId, cancellationToken).ConfigureAwait(false);
        return row?.GrantJson is null ? null : new AccountProviderGrant(row.AccountId, row.ProviderId, GrantJsonReader.Read(row.AccountId, row.ProviderId, row.GrantJson));
    }
}
