namespace ScsFederation.Provisioning.Persistence;

/// <summary>
/// One run per provider at a time, across every hub instance and the CLI: a run holds the provider's lease and
/// renews it while it applies. A holder that dies stops renewing, so its lease lapses and the next run resumes
/// its journal. Without it two overlapping runs would each take the other's started steps for interrupted ones.
/// </summary>
public interface IProvisioningLeases
{
    /// <summary>Takes the lease when it is free or lapsed, or renews it when <paramref name="holder"/> already has it.</summary>
    Task<LeaseAttempt> TryAcquireAsync(string providerId, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Takes the lease from <paramref name="deadHolder"/> (a run known to have died) if it still has it, whatever its expiry.</summary>
    Task<LeaseAttempt> TakeOverAsync(string providerId, string deadHolder, string holder, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives the lease up if <paramref name="holder"/> still has it.</summary>
    Task ReleaseAsync(string providerId, string holder, CancellationToken cancellationToken);
}

/// <summary>The outcome of a lease attempt; when refused, who holds the lease and until when.</summary>
public sealed record LeaseAttempt(bool Acquired, string Holder, DateTimeOffset ExpiresAt);
