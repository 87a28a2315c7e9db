using System.Diagnostics;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// A held provider lease, renewed in the background at a third of its duration. <see cref="Lost"/> fires when a
/// renewal is refused (another run took it after we stalled) or when renewals kept failing until it lapsed; the
/// run then stops touching Keystone and leaves its journal to whoever holds the lease next.
/// </summary>
internal sealed class ProviderRunLease : IAsyncDisposable
{
    private readonly IProvisioningLeases _leases;
    private readonly string _providerId;
    private readonly TimeSpan _duration;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;

    private ProviderRunLease(IProvisioningLeases leases, string providerId, string holder, TimeSpan duration, DateTimeOffset expiresAt)
    {
        _leases = leases;
        _providerId = providerId;
        Holder = holder;
        _duration = duration;
        _renewal = RenewAsync(expiresAt);
    }

    public string Holder { get; }

    public CancellationToken Lost => _lost.Token;

    /// <summary>Tries until <paramref name="wait"/> has passed; returns null and the current holder's lease when it stays taken.</summary>
    public static async Task<(ProviderRunLease? Lease, LeaseAttempt Attempt)> AcquireAsync(
        IProvisioningLeases leases, string providerId, string holder, TimeSpan duration, TimeSpan wait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var attempt = await leases.TryAcquireAsync(providerId, holder, duration, cancellationToken).ConfigureAwait(false);
            if (!attempt.Acquired && IsDeadLocalHolder(attempt.Holder))
            {
                // A CLI or hub killed on this machine: no need to wait for its lease to lapse.
                attempt = await leases.TakeOverAsync(providerId, attempt.Holder, holder, duration, cancellationToken).ConfigureAwait(false);
            }
            if (attempt.Acquired)
            {
                return (new ProviderRunLease(leases, providerId, holder, duration, attempt.ExpiresAt), attempt);
            }
            var left = wait - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return (null, attempt);
            }
            await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The holder id of a run of this machine and process.</summary>
    public static string NewHolder(string trigger) => $"{Environment.MachineName}/{Environment.ProcessId}/{trigger}/{Guid.NewGuid():n}";

    /// <summary>
    /// A holder of this machine whose process is gone. Another process reusing the PID only makes us wait for the
    /// lease to lapse, the safe side; holders of other machines are never judged.
    /// </summary>
    internal static bool IsDeadLocalHolder(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length < 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid) || pid == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private async Task RenewAsync(DateTimeOffset expiresAt)
    {
        var every = _duration / 3;
        try
        {
            while (true)
            {
                await Task.Delay(every, _stop.Token).ConfigureAwait(false);
                try
                {
                    var attempt = await _leases.TryAcquireAsync(_providerId, Holder, _duration, _stop.Token).ConfigureAwait(false);
                    if (!attempt.Acquired)
                    {
                        await _lost.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                    expiresAt = attempt.ExpiresAt;
                }
                catch (Exception) when (!_stop.IsCancellationRequested)
                {
                    // The database hiccuped: keep trying while the lease still holds, give up once it may have lapsed.
                    if (DateTimeOffset.UtcNow + every >= expiresAt)
                    {
                        await _lost.CancelAsync().ConfigureAwait(false);
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _leases.ReleaseAsync(_providerId, Holder, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Not released: it lapses after its duration, which only delays the next run.
            }
        }
        _stop.Dispose();
        _lost.Dispose();
    }
}
