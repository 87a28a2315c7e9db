using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Housekeeping;

/// <summary>Runs <see cref="ExpiredRowPurger"/> at start-up and then every <c>hub.purgeIntervalMinutes</c> (default 15).</summary>
public sealed class ExpiredRowPurgeService(IServiceScopeFactory scopes, HubSettings hub, TimeProvider clock, ILogger<ExpiredRowPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(hub.PurgeIntervalMinutes), clock);
        do
        {
            await PurgeOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PurgeOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var counts = await scope.ServiceProvider.GetRequiredService<ExpiredRowPurger>().PurgeAsync(cancellationToken);
            if (counts.Total > 0)
            {
                logger.LogInformation("Purged expired rows: {Pending} pending SAML requests, {Replay} SAML replay entries, {Tokens} tokens, {Authorizations} authorizations",
                    counts.PendingSamlRequests, counts.SamlReplayEntries, counts.Tokens, counts.Authorizations);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A busy or unreachable database delays the purge to the next tick; it never stops the hub.
            logger.LogWarning("Purging expired rows failed, next try in {Minutes} minutes: {Message}", hub.PurgeIntervalMinutes, ex.Message);
        }
    }
}

public static class ExpiredRowPurgeServiceCollectionExtensions
{
    /// <summary>The purger (scoped: one database context per run) and its schedule.</summary>
    public static IServiceCollection AddExpiredRowPurge(this IServiceCollection services)
    {
        services.AddScoped<ExpiredRowPurger>();
        services.AddHostedService<ExpiredRowPurgeService>();
        return services;
    }
}
