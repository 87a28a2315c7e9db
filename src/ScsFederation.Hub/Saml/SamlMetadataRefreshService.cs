using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Saml;

/// <summary>
/// Reads each SAML upstream's metadata again every <c>metadataRefreshHours</c>, so an IdP key rollover needs no restart.
/// A failed refresh keeps the last good metadata — among the failures, metadata that names another entityID than the
/// one pinned in the federation file: an IdP cannot take on another upstream's issuer by republishing its metadata.
/// </summary>
public sealed class SamlMetadataRefreshService(SamlServiceProvider sp, FederationConfig config, IHttpClientFactory http, TimeProvider clock, Operations.UpstreamHealth health, ILogger<SamlMetadataRefreshService> logger) : BackgroundService
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
                if (await RefreshAsync(upstream, stoppingToken)) loaded[upstream.Id] = clock.GetUtcNow();
            }
        }
    }

    /// <summary>Reads one upstream's metadata again and swaps it in; on any failure keeps the previous metadata and logs why.</summary>
    public async Task<bool> RefreshAsync(UpstreamIdentityProvider upstream, CancellationToken cancellationToken)
    {
        try
        {
            var idp = await SamlMetadataSource.LoadAsync(upstream, config.Hub, http, cancellationToken);
            sp.Replace(upstream.Id, idp);
            health.MetadataRead(upstream.Id, idp.MetadataValidUntil);
            logger.LogInformation("Refreshed SAML metadata of upstream {Upstream}", upstream.Id);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            health.MetadataFailed(upstream.Id, "metadata_refresh_failed");
            logger.LogError("Keeping the previous SAML metadata of upstream {Upstream}: refresh failed: {Message}", upstream.Id, ex.Message);
            return false;
        }
    }
}
