using Microsoft.EntityFrameworkCore;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Storage.Provisioning;

public sealed class EfOwnershipStore : IOwnershipStore
{
    private readonly IDbContextFactory<HubDbContext> _contexts;

    public EfOwnershipStore(IDbContextFactory<HubDbContext> contexts) => _contexts = contexts;

    public async Task<IReadOnlyList<OwnedObject>> ListAsync(string providerId, string origin, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.OwnedObjects.AsNoTracking().Where(o => o.ProviderId == providerId && o.Origin == origin).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(o => new OwnedObject(o.ProviderId, o.KeyText, o.KeystoneId, o.AccountId, o.Origin, o.RunId, o.CreatedAt)).ToList();
    }

    public async Task RecordAsync(OwnedObject owned, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.OwnedObjects.FindAsync([owned.ProviderId, owned.Origin, owned.KeyText], cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            db.OwnedObjects.Add(ToEntity(owned));
        }
        else
        {
            existing.KeystoneId = owned.KeystoneId;
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task ForgetAsync(string providerId, string origin, string keyText, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.OwnedObjects.FindAsync([providerId, origin, keyText], cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            db.OwnedObjects.Remove(existing);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static OwnedObjectEntity ToEntity(OwnedObject o) => new()
    {
        ProviderId = o.ProviderId, Origin = o.Origin, KeyText = o.KeyText, KeystoneId = o.KeystoneId,
        AccountId = o.AccountId, RunId = o.RunId, CreatedAt = o.CreatedAt,
    };
}
