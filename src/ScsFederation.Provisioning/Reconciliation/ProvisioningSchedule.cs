namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>
/// Scheduled runs: applies every provider now and then at a fixed interval until cancelled (the hub hosts it as a
/// background service). A failed run is reported and the schedule goes on; the journal lets the next run resume
/// it. Several hub instances may run the schedule: the provider lease lets one apply and reports the others busy.
/// </summary>
public sealed class ProvisioningSchedule
{
    private readonly ProvisioningReconciler _reconciler;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;

    public ProvisioningSchedule(ProvisioningReconciler reconciler, TimeSpan interval, TimeProvider? clock = null)
    {
        if (interval < TimeSpan.FromMinutes(1)) throw new ArgumentOutOfRangeException(nameof(interval), "runs closer than a minute apart would overlap on large federations");
        _reconciler = reconciler;
        _interval = interval;
        _clock = clock ?? TimeProvider.System;
    }

    /// <param name="onRun">Called after every run with its per-provider results (the hub logs them and applies Kubernetes).</param>
    /// <param name="onError">Called when a run could not start or ended with an error no provider result carries (bad grant JSON, database down).</param>
    public async Task RunAsync(Func<IReadOnlyList<ProviderApplyResult>, Task> onRun, Action<Exception> onError, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            try
            {
                var results = await _reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.ScheduleTrigger, "schedule"), null, cancellationToken).ConfigureAwait(false);
                await onRun(results).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                onError(e);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }
}
