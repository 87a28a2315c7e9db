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
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var attempt = await TakeAsync(db, providerId, holder, now + duration, l => l.Holder == holder || l.ExpiresAt < now, cancellationToken).ConfigureAwait(false);
        if (attempt is not null)
        {
            return attempt;
        }
        db.ProvisioningLeases.Add(new ProvisioningLeaseEntity { ProviderId = providerId, Holder = holder, ExpiresAt = now + duration });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new LeaseAttempt(true, holder, now + duration);
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
        LeaseAttempt? attempt;
        await using (var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            attempt = await TakeAsync(db, providerId, holder, _clock.GetUtcNow() + duration, l => l.Holder == deadHolder, cancellationToken).ConfigureAwait(false);
        }
        // No lease row at all (released meanwhile): an ordinary first lease.
        return attempt ?? await TryAcquireAsync(providerId, holder, duration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One conditional UPDATE gives the provider's lease row to <paramref name="holder"/> when <paramref name="takeable"/>
    /// holds; otherwise the refusal names the current holder. Null when the provider has no lease row yet.
    /// </summary>
    private static async Task<LeaseAttempt?> TakeAsync(HubDbContext db, string providerId, string holder, DateTimeOffset expires,
        System.Linq.Expressions.Expression<Func<ProvisioningLeaseEntity, bool>> takeable, CancellationToken cancellationToken)
    {
        var taken = await db.ProvisioningLeases.Where(l => l.ProviderId == providerId).Where(takeable)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken).ConfigureAwait(false);
        if (taken == 1)
        {
            return new LeaseAttempt(true, holder, expires);
        }
        var current = await db.ProvisioningLeases.AsNoTracking().SingleOrDefaultAsync(l => l.ProviderId == providerId, cancellationToken).ConfigureAwait(false);
        return current is null ? null : new LeaseAttempt(false, current.Holder, current.ExpiresAt);
    }

    public async Task ReleaseAsync(string providerId, string holder, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await db.ProvisioningLeases.Where(l => l.ProviderId == providerId && l.Holder == holder).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
