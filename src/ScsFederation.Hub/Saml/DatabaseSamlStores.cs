using Microsoft.EntityFrameworkCore;
using ScsFederation.Saml;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Saml;

/// <summary>One-time use of SAML messages across every hub instance: the id is a primary key, so a second insert fails.</summary>
public sealed class DatabaseSamlReplayCache(HubDbContext db, TimeProvider clock) : ISamlReplayCache
{
    public async ValueTask<bool> TryAddAsync(string key, DateTimeOffset notOnOrAfter, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.SamlReplay.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.SamlReplay.Add(new SamlReplayEntry { MessageId = key, ExpiresAt = notOnOrAfter });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}

/// <summary>AuthnRequests waiting for their response, in the database so any instance can receive the answer.</summary>
public sealed class DatabaseSamlRequestStore(HubDbContext db, TimeProvider clock) : ISamlRequestStore
{
    public async ValueTask AddAsync(SamlPendingRequest request, CancellationToken cancellationToken)
    {
        db.PendingSamlRequests.Add(new PendingSamlRequest { RequestId = request.RequestId, UpstreamId = request.IdentityProviderEntityId, ExpiresAt = request.NotOnOrAfter });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask<SamlPendingRequest?> TakeAsync(string requestId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var row = await db.PendingSamlRequests.SingleOrDefaultAsync(r => r.RequestId == requestId, cancellationToken);
        if (row is null) return null;
        // Delete first: if two instances race on one response, only the one whose delete counts wins.
        var deleted = await db.PendingSamlRequests.Where(r => r.RequestId == requestId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0 || row.ExpiresAt < now) return null;
        return new SamlPendingRequest(row.RequestId, row.UpstreamId, row.ExpiresAt);
    }
}
