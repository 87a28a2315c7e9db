namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Scheduled runs: applies every provider at a fixed interval until cancelled (the hub hosts it as a background
/// service). A failed run is reported and the schedule goes on; the journal lets the next run resume it.
/// </summary>
public sealed class ProvisioningSchedule
{
    private readonly ProvisioningReconciler _reconciler;
    private readonly TimeSpan _interval;

    public ProvisioningSchedule(ProvisioningReconciler reconciler, TimeSpan interval)
    {
        if (interval < TimeSpan.FromMinutes(1)) throw new ArgumentOutOfRangeException(nameof(interval), "runs closer than a minute apart would overlap on large federations");
        _reconciler = reconciler;
        _interval = interval;
    }

    public async Task RunAsync(Action<IReadOnlyList<ProviderApplyResult>> onRun, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            var results = await _reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.ScheduleTrigger, "schedule"), null, cancellationToken).ConfigureAwait(false);
            onRun(results);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
