namespace ScsFederation.Provisioning.Persistence;

/// <summary>Append-only log of every change the hub made to a provider.</summary>
public interface IProvisioningAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string providerId, DateTimeOffset? since, CancellationToken cancellationToken);

    /// <summary>The newest entries first, optionally of one account only (the admin API's view).</summary>
    Task<IReadOnlyList<AuditEntry>> ListRecentAsync(string providerId, string? accountId, int max, CancellationToken cancellationToken);
}
