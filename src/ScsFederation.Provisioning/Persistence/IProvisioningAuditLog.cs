namespace ScsFederation.Provisioning.Persistence;

/// <summary>Append-only log of every change the hub made to a provider.</summary>
public interface IProvisioningAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(string providerId, DateTimeOffset? since, CancellationToken cancellationToken);
}
