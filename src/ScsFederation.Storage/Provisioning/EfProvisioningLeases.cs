using Microsoft.EntityFrameworkCore;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Storage.Provisioning;

/// <summary>
/// Leases as one row per provider. Taking a lapsed lease is a single conditional UPDATE and a first lease an INSERT
/// on the primary key, so two instances racing for it cannot both win on SQLite or PostgreSQL.
/// </summary>
public sealed class EfProvisioningLeases : IProvisioningLeases
{
    private readonly IDbContextFactory<HubDbContext> _contexts;
    private readonly TimeProvider _clock;

    public EfProvisioningLeases(IDbContextFactory<HubDbContext> contexts, TimeProvider? clock = null)
    {
        _contexts = contexts;
        _clock = clock ?? TimeProvider.System;
    }

    public async Task<LeaseAttempt> TryAcquireAsync(string providerId, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var expires = now + duration;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var taken = await db.ProvisioningLeases
            .Where(l => l.ProviderId == providerId && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken).ConfigureAwait(false);
        if (taken == 1)
        {
            return new LeaseAttempt(true, holder, expires);
        }

        var current = await db.ProvisioningLeases.AsNoTracking().SingleOrDefaultAsync(l => l.ProviderId == providerId, cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            return new LeaseAttempt(false, current.Holder, current.ExpiresAt);
        }
        db.ProvisioningLeases.Add(new ProvisioningLeaseEntity { ProviderId = providerId, Holder = holder, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new LeaseAttempt(true, holder, expires);
        }
        catch (DbUpdateException)
        {
            // Someone inserted the first lease between our read and our insert.
            db.ChangeTracker.Clear();
            var winner = await db.ProvisioningLeases.AsNoTracking().SingleAsync(l => l.ProviderId == providerId, cancellationToken).ConfigureAwait(false);
            return new LeaseAttempt(winner.Holder == holder, winner.Holder, winner.ExpiresAt);
        }
    }

    public async Task<LeaseAttempt> TakeOverAsync(string providerId, string deadHolder, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var expires = _clock.GetUtcNow() + duration;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var taken = await db.ProvisioningLeases
            .Where(l => l.ProviderId == providerId && l.Holder == deadHolder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken).ConfigureAwait(false);
        if (taken == 1)
        {
            return new LeaseAttempt(true, holder, expires);
        }
        var current = await db.ProvisioningLeases.AsNoTracking().SingleOrDefaultAsync(l => l.ProviderId == providerId, cancellationToken).ConfigureAwait(false);
        return current is null ? await TryAcquireAsync(providerId, holder, duration, cancellationToken).ConfigureAwait(false) : new LeaseAttempt(false, current.Holder, current.ExpiresAt);
    }

    public async Task ReleaseAsync(string providerId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.ProvisioningLeases.Where(l => l.ProviderId == providerId && l.Holder == holder).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
