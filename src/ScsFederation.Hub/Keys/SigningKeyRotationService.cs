using ScsFederation.Storage;

namespace ScsFederation.Hub.Keys;

/// <summary>Re-reads and rotates the signing keys on a schedule so a long-running hub (or a fleet of them) rotates without restarts.</summary>
public sealed class SigningKeyRotationService(IServiceScopeFactory scopes, SigningKeyStore store, SigningKeyRing ring, ILogger<SigningKeyRotationService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<HubDbContext>();
                ring.Replace(await store.EnsureAndLoadAsync(db, stoppingToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Keep signing with the keys in memory; the next tick tries again.
                logger.LogError(ex, "Signing key rotation check failed");
            }
        }
    }
}
