using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Saml;

/// <summary>Reads each SAML upstream's metadata again every <c>metadataRefreshHours</c>, so an IdP key rollover needs no restart. A failed refresh keeps the last good metadata.</summary>
public sealed class SamlMetadataRefreshService(SamlServiceProvider sp, FederationConfig config, IHttpClientFactory http, TimeProvider clock, ILogger<SamlMetadataRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = config.Upstreams.Where(u => u.Type == UpstreamTypes.Saml).ToDictionary(u => u.Id, _ => clock.GetUtcNow());
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var upstream in config.Upstreams.Where(u => u.Type == UpstreamTypes.Saml))
            {
                if (clock.GetUtcNow() - loaded[upstream.Id] < TimeSpan.FromHours(upstream.MetadataRefreshHours)) continue;
                try
                {
                    sp.Replace(upstream.Id, await SamlMetadataSource.LoadAsync(upstream, config.Hub, http, stoppingToken));
                    loaded[upstream.Id] = clock.GetUtcNow();
                    logger.LogInformation("Refreshed SAML metadata of upstream {Upstream}", upstream.Id);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError("Keeping the previous SAML metadata of upstream {Upstream}: refresh failed: {Message}", upstream.Id, ex.Message);
                }
            }
        }
    }
}
