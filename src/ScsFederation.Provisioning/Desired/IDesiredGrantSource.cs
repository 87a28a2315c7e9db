namespace ScsFederation.Provisioning.Desired;

/// <summary>Where the reconciler reads the grants of every known account (the hub's database in production).</summary>
public interface IDesiredGrantSource
{
    /// <summary>Grants of every account on <paramref name="providerId"/>; accounts whose rules matched nothing are absent.</summary>
    Task<IReadOnlyList<AccountProviderGrant>> ReadGrantsAsync(string providerId, CancellationToken cancellationToken);

    /// <summary>The grant of one account (just-in-time provisioning at login); null when nothing is granted.</summary>
    Task<AccountProviderGrant?> ReadGrantAsync(string providerId, string accountId, CancellationToken cancellationToken);
}
