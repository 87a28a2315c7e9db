using Microsoft.EntityFrameworkCore;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Storage.Provisioning;

public sealed class EfProvisioningAuditLog : IProvisioningAuditLog
{
    private readonly IDbContextFactory<HubDbContext> _contexts;

    public EfProvisioningAuditLog(IDbContextFactory<HubDbContext> contexts) => _contexts = contexts;

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.ProvisioningAudit.Add(ToEntity(entry));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string providerId, DateTimeOffset? since, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.ProvisioningAudit.AsNoTracking().Where(a => a.ProviderId == providerId);
        if (since is { } s) query = query.Where(a => a.At >= s);
        var rows = await query.OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(FromEntity).ToList();
    }

    public async Task<IReadOnlyList<AuditEntry>> ListRecentAsync(string providerId, string? accountId, int max, CancellationToken cancellationToken)
    {
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.ProvisioningAudit.AsNoTracking().Where(a => a.ProviderId == providerId);
        if (accountId is not null) query = query.Where(a => a.AccountId == accountId);
        var rows = await query.OrderByDescending(a => a.Id).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(FromEntity).ToList();
    }

    private static AuditEntry FromEntity(ProvisioningAuditEntity a) =>
        new(a.At, a.RunId, a.ProviderId, a.Actor, a.Trigger, a.Action, a.KeyText, a.AccountId, a.Why, a.Outcome);

    internal static ProvisioningAuditEntity ToEntity(AuditEntry a) => new()
    {
        At = a.At, RunId = a.RunId, ProviderId = a.ProviderId, Actor = a.Actor, Trigger = a.Trigger, Action = a.Action,
        KeyText = a.KeyText, AccountId = a.AccountId, Why = a.Why, Outcome = a.Outcome,
    };
}
