using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Hub.Broker;

/// <summary>Runs every provider at start-up and then every <c>hub.provisioning.intervalMinutes</c> (off when 0).</summary>
public sealed class ScheduledProvisioningService(ProvisioningBroker broker, FederationConfig config, TimeProvider clock, ILogger<ScheduledProvisioningService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = config.Hub.Provisioning.IntervalMinutes;
        if (minutes <= 0 || config.Providers.Count == 0) return;
        logger.LogInformation("Scheduled provisioning every {Minutes} minutes", minutes);
        // Let the hub finish starting (and answer health checks) before the first run reads every provider.
        await Task.Yield();
        var schedule = new ProvisioningSchedule(broker.Reconciler, TimeSpan.FromMinutes(minutes), clock);
        var request = new ProvisioningRequest(ProvisioningRequest.ScheduleTrigger, "schedule");
        await schedule.RunAsync(
            async results =>
            {
                broker.Report(request, results);
                await broker.ApplyKubernetesAsync(request, stoppingToken);
            },
            e => logger.LogError(e, "Scheduled provisioning run failed; the next run resumes its journal"),
            stoppingToken).ConfigureAwait(false);
    }
}
